using KerasSharp.Callbacks;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

// Every test touching ModelCheckpoint.Saver (a static seam) lives in this class, whose tests run one at a time.
public class ModelCheckpointTests
{
    private static History Fit(Model model, int epochs, params Callback[] callbacks)
    {
        var (x, y) = SampleData(8);
        var (xv, yv) = SampleData(4);
        return model.Fit(x, y, batchSize: 4, epochs: epochs, verbose: 0, validationData: (xv, yv), callbacks: callbacks);
    }

    private static string[] Names(string dir) =>
        Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void SaveBestOnly_WritesOnlyOnImprovement_WithTemplatedNames()
    {
        var dir = TempDir();
        var cp = new ModelCheckpoint(Path.Combine(dir, "m-{epoch:02d}-{val_loss:.2f}.keras"), saveBestOnly: true);
        // val_loss 1.0 (save), 0.8 (save), 0.9 (no), 0.7 (save); epoch in the name is 1-based.
        Fit(TinyModel(), 4, Script("val_loss", 1.0, 0.8, 0.9, 0.7), cp);
        Assert.Equal(["m-01-1.00.keras", "m-02-0.80.keras", "m-04-0.70.keras"],
            Names(dir));
        Assert.Equal(0.7, cp.Best);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SaveBestOnly_FixedName_HoldsTheBestEpochsWeights()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "sub", "best.weights.h5"); // the missing folder is created
        var model = TinyModel();
        var snapshots = new Dictionary<int, List<TorchSharp.torch.Tensor>>();
        var snap = new LambdaCallback(onEpochEnd: (e, _) => snapshots[e] = Snapshot(model));
        Fit(model, 4, Script("val_loss", 1.0, 0.5, 0.9, 0.7), snap,
            new ModelCheckpoint(path, saveBestOnly: true, saveWeightsOnly: true));
        var fresh = TinyModel(seed: 5);
        fresh.LoadWeights(path);   // a Keras .weights.h5 file
        for (int i = 0; i < fresh.Weights.Count; i++)
            TensorAssert.Close(snapshots[1][i], fresh.Weights[i], 0);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SaveEveryEpoch_AndInitialValueThreshold()
    {
        var dir = TempDir();
        Fit(TinyModel(), 3, new ModelCheckpoint(Path.Combine(dir, "all-{epoch}.keras")));
        Assert.Equal(["all-1.keras", "all-2.keras", "all-3.keras"], Names(dir));
        var dir2 = TempDir();
        // Only values below the threshold 0.75 are saved: 0.7 at epoch 3.
        Fit(TinyModel(), 3, Script("val_loss", 1.0, 0.8, 0.7),
            new ModelCheckpoint(Path.Combine(dir2, "t-{epoch}.keras"), saveBestOnly: true, initialValueThreshold: 0.75));
        Assert.Equal(["t-3.keras"], Names(dir2));
        Directory.Delete(dir, true);
        Directory.Delete(dir2, true);
    }

    [Fact]
    public void SaveFreqBatches_SavesEveryNBatchesWithBatchInTheName()
    {
        var dir = TempDir();
        var cp = new ModelCheckpoint(Path.Combine(dir, "e{epoch}-b{batch}.keras"), saveFreq: 3);
        // 2 batches per epoch, 3 epochs = 6 batches: saves after global batches 3 and 6 = epoch 2 batch 1, epoch 3 batch 2.
        Fit(TinyModel(), 3, cp);
        Assert.Equal(["e2-b1.keras", "e3-b2.keras"], Names(dir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void FullSave_IncludesOptimizerState_AndRoundTrips()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "model.keras");
        var model = TinyModel();
        model.Compile(new KerasSharp.Optimizers.Adam(learningRate: 0.01), "mse");
        Fit(model, 2, new ModelCheckpoint(path));
        var fresh = Keras.Models.LoadModel(path);   // a Keras 3 .keras file with the optimizer state
        for (int i = 0; i < model.Weights.Count; i++) TensorAssert.Close(model.Weights[i], fresh.Weights[i], 0);
        Assert.Equal(4, fresh.Optimizer!.Iterations); // 2 epochs x 2 batches
        Assert.Equal(0.01, fresh.Optimizer.LearningRate, 1e-8);   // Keras stores learning_rate as float32
        for (int i = 0; i < model.Optimizer!.StateTensors.Count; i++)
            TensorAssert.Close(model.Optimizer.StateTensors[i], fresh.Optimizer.StateTensors[i], 0);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void FailedSave_LeavesThePreviousCheckpointIntact()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "m.keras");
        var original = ModelCheckpoint.Saver;
        try
        {
            Fit(TinyModel(), 1, new ModelCheckpoint(path));
            var before = File.ReadAllBytes(path);
            ModelCheckpoint.Saver = (m, p, w) =>
            {
                File.WriteAllText(p, "half-written");
                throw new IOException("disk full");
            };
            var ex = Assert.Throws<IOException>(() => Fit(TinyModel(seed: 3), 1, new ModelCheckpoint(path)));
            Assert.Contains(path, ex.Message);
            Assert.Contains("disk full", ex.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir)); // the temporary file was removed
        }
        finally
        {
            ModelCheckpoint.Saver = original;
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void UnwritablePath_FailsAtFirstSaveWithThePath()
    {
        var dir = TempDir();
        var blocker = Path.Combine(dir, "blocker");
        File.WriteAllText(blocker, "a file where a folder is needed");
        var path = Path.Combine(blocker, "m-{epoch}.keras");
        var epochs = new List<int>();
        var ex = Assert.Throws<IOException>(() =>
            Fit(TinyModel(), 3, new ModelCheckpoint(path), new LambdaCallback(onEpochEnd: (e, _) => epochs.Add(e))));
        Assert.Contains(Path.Combine(blocker, "m-1.keras"), ex.Message);
        Assert.Empty(epochs); // failed at the end of the first epoch, before the next callback ran
        Directory.Delete(dir, true);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("w.h5", saveWeightsOnly: true));
        Assert.Contains(".weights.h5", ex.Message);
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("model.ckpt"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelCheckpoint("m.keras", saveFreq: 0));
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveFreq: "weekly"));
        var dir = TempDir();
        var ex2 = Assert.Throws<InvalidOperationException>(() => Fit(TinyModel(), 1, new ModelCheckpoint(Path.Combine(dir, "{val_acc:.2f}.keras"))));
        Assert.Contains("val_acc", ex2.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Verbose_PrintsKerasMessages()
    {
        var dir = TempDir();
        var output = new StringWriter();
        var path = Path.Combine(dir, "m.keras");
        Fit(TinyModel(), 2, Script("val_loss", 0.5, 0.6), new ModelCheckpoint(path, saveBestOnly: true, verbose: 1, output: output));
        var text = output.ToString().Replace("\r", "");
        Assert.Contains($"Epoch 1: val_loss improved from None to 0.50000, saving model to {path}", text);
        Assert.Contains("Epoch 2: val_loss did not improve from 0.50000", text);
        Directory.Delete(dir, true);
    }
}
