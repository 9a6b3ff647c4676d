using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class CSVLoggerTests
{
    [Fact]
    public void WritesKerasHeaderAndRows()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "log.csv");
        var (x, y) = SampleData(8);
        var h = TinyModel(metrics: ["mae"]).Fit(x, y, epochs: 2, verbose: 0, callbacks: [new CSVLogger(file)]);
        // No validation: Keras adds val_ columns (filled with NA); keys sorted; epoch 0-based; Python csv's \r\n.
        string Row(int e) => $"{e},{PythonFormat.Repr(h["loss"][e])},{PythonFormat.Repr(h["mae"][e])},NA,NA";
        Assert.Equal($"epoch,loss,mae,val_loss,val_mae\r\n{Row(0)}\r\n{Row(1)}\r\n", File.ReadAllText(file));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void WithValidationAndSeparator()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "log.csv");
        var (x, y) = SampleData(8);
        var h = TinyModel().Fit(x, y, epochs: 1, verbose: 0, validationSplit: 0.25,
            callbacks: [Script("loss", 0.5), new CSVLogger(file, separator: ";")]);
        Assert.Equal($"epoch;loss;val_loss\r\n0;0.5;{PythonFormat.Repr(h["val_loss"][0])}\r\n", File.ReadAllText(file));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void AppendSameColumnsAddsRowsWithoutASecondHeader()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "log.csv");
        var (x, y) = SampleData(8);
        TinyModel().Fit(x, y, epochs: 2, verbose: 0, callbacks: [Script("loss", 1, 2), new CSVLogger(file)]);
        TinyModel().Fit(x, y, epochs: 1, verbose: 0, callbacks: [Script("loss", 3), new CSVLogger(file, append: true)]);
        Assert.Equal("epoch,loss,val_loss\r\n0,1.0,NA\r\n1,2.0,NA\r\n0,3.0,NA\r\n", File.ReadAllText(file));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void AppendDifferentColumnsIsAnErrorAndLeavesTheFileUnchanged()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "log.csv");
        File.WriteAllText(file, "epoch,accuracy,loss\r\n0,0.5,0.7\r\n");
        var (x, y) = SampleData(8);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            TinyModel().Fit(x, y, epochs: 2, verbose: 0, callbacks: [new CSVLogger(file, append: true)]));
        Assert.Contains("epoch,accuracy,loss", ex.Message);
        Assert.Contains("epoch,loss,val_loss", ex.Message);
        Assert.Equal("epoch,accuracy,loss\r\n0,0.5,0.7\r\n", File.ReadAllText(file));
        using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { } // closed
        Directory.Delete(dir, true);
    }
}
