using System.Diagnostics;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Saving;

/// <summary>Save through a short temporary name, stale temporary files swept, errors naming the target, symbolic links
/// written through, and loads refusing named pipes and devices at once.</summary>
[Collection(GlobalState.Name)]
public class AtomicFileTests
{
    /// <summary>A test that needs Unix file types (named pipes, /dev/null); skipped, saying why, elsewhere.</summary>
    [Collection(GlobalState.Name)]
    public sealed class UnixFactAttribute : FactAttribute
    {
        /// <summary>Sets Skip on Windows.</summary>
        public UnixFactAttribute()
        {
            if (OperatingSystem.IsWindows()) Skip = "Named pipes and device files at file-system paths exist on Unix only.";
        }
    }

    [Fact]
    public void NamesUpToTheFileSystemLimitSaveAndLoad()
    {
        var dir = SavingTestSupport.NewFolder();
        var model = SavingTestSupport.SmallModel();
        var (x, _) = SavingTestSupport.Batch();
        var keras = Path.Combine(dir, new string('m', 255 - ".keras".Length) + ".keras");
        model.Save(keras);
        TensorAssert.Close(model.Predict(x, verbose: 0), Keras.Models.LoadModel(keras).Predict(x, verbose: 0), 0);
        var weights = Path.Combine(dir, new string('w', 255 - ".weights.h5".Length) + ".weights.h5");
        model.SaveWeights(weights);
        model.LoadWeights(weights);
        Assert.Equal(2, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void TemporaryNamesAreShortAndHidden()
    {
        var prefix = AtomicFile.TempPrefix("/some/folder/" + new string('a', 250) + ".keras");
        Assert.StartsWith(".", prefix);
        Assert.True(prefix.Length + 12 < 39);
    }

    [Fact]
    public void AKilledSavesTemporaryFileIsRemovedByTheNextSaveButOneInUseOrOfAnotherTargetIsKept()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "m.keras");
        var prefix = AtomicFile.TempPrefix(Path.GetFullPath(path));
        var stale = Path.Combine(dir, prefix + "0badf00d.tmp");
        var legacy = Path.Combine(dir, ".m.keras." + new string('a', 32) + ".tmp"); // the name earlier versions used
        var inUse = Path.Combine(dir, prefix + "12345678.tmp");
        var other = Path.Combine(dir, AtomicFile.TempPrefix(Path.Combine(dir, "other.keras")) + "0badf00d.tmp");
        foreach (var f in new[] { stale, legacy, inUse, other }) File.WriteAllText(f, "partial");
        using (new FileStream(inUse, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) // a save in progress
            SavingTestSupport.SmallModel().Save(path);
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(legacy));
        Assert.True(File.Exists(inUse));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(path));

        SavingTestSupport.SmallModel().SaveWeights(Path.Combine(dir, "m.weights.h5"));
        Assert.True(File.Exists(other)); // another target's temporary files are not this save's business
    }

    [Fact]
    public void AFailedSaveRemovesItsTemporaryFileAndTheErrorNamesTheTarget()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "m.keras");
        Directory.CreateDirectory(path); // the rename onto a folder fails with an IO error
        var ex = Assert.ThrowsAny<IOException>(() => SavingTestSupport.SmallModel().Save(path));
        Assert.Contains($"Cannot save to '{path}'", ex.Message);
        Assert.DoesNotContain(".tmp", ex.Message);
        Assert.DoesNotContain(".ks-", ex.Message);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void ASymbolicLinkIsWrittenThrough()
    {
        var dir = SavingTestSupport.NewFolder();
        var real = Directory.CreateDirectory(Path.Combine(dir, "store")).FullName;
        var target = Path.Combine(real, "model.keras");
        var link = Path.Combine(dir, "current.keras");
        var old = SavingTestSupport.SmallModel();
        old.Save(target);
        File.CreateSymbolicLink(link, Path.Combine("store", "model.keras")); // relative, as `ln -s` users write them

        var (x, y) = SavingTestSupport.Batch();
        var model = SavingTestSupport.SmallModel();
        model.TrainOnBatch(x, y);
        model.Save(link);
        Assert.Equal(Path.Combine("store", "model.keras"), new FileInfo(link).LinkTarget);
        TensorAssert.Close(model.Predict(x, verbose: 0), Keras.Models.LoadModel(target).Predict(x, verbose: 0), 0);
        Assert.Single(Directory.GetFiles(real));

        var weightsTarget = Path.Combine(real, "w.weights.h5");
        var weightsLink = Path.Combine(dir, "w.weights.h5");
        File.CreateSymbolicLink(weightsLink, weightsTarget); // dangling until the first save
        model.SaveWeights(weightsLink);
        Assert.NotNull(new FileInfo(weightsLink).LinkTarget);
        Assert.True(File.Exists(weightsTarget));
    }

    private static string MakeFifo(string dir)
    {
        var fifo = Path.Combine(dir, "pipe.keras");
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return fifo;
    }

    // Runs a load on another thread so that a regression (a blocking open) fails the test instead of hanging the run.
    private static Exception? WithinSeconds(Action load)
    {
        Exception? error = null;
        var t = new Thread(() => { try { load(); } catch (Exception e) { error = e; } }) { IsBackground = true };
        t.Start();
        Assert.True(t.Join(TimeSpan.FromSeconds(10)), "the load blocked");
        return error;
    }

    [UnixFact]
    public void LoadingANamedPipeIsRefusedAtOnceNamingThePath()
    {
        var dir = SavingTestSupport.NewFolder();
        var fifo = MakeFifo(dir);
        var link = Path.Combine(dir, "link.weights.h5");
        File.CreateSymbolicLink(link, fifo);
        var model = SavingTestSupport.SmallModel();
        foreach (var (path, load) in new (string, Action)[]
                 {
                     (fifo, () => Keras.Models.LoadModel(fifo)),
                     (fifo, () => model.LoadWeights(fifo)),
                     (link, () => model.LoadWeights(link)),
                 })
        {
            var ex = Assert.IsType<ArgumentException>(WithinSeconds(load));
            Assert.Contains($"'{path}' is a named pipe (FIFO), not a regular file", ex.Message);
            Assert.Equal("path", ex.ParamName);
        }
    }

    [UnixFact]
    public void LoadingADeviceIsRefused()
    {
        var ex = Assert.IsType<ArgumentException>(WithinSeconds(() => Keras.Models.LoadModel("/dev/null")));
        Assert.Contains("'/dev/null' is a character device", ex.Message);
    }
}
