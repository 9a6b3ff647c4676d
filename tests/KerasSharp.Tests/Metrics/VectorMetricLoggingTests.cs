using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// A metric whose Keras <c>result()</c> is a vector is logged as Keras logs it: the whole vector in the logs and in
/// History (<c>history.history[key]</c> holds one array per epoch), its mean as the scalar view (what Keras'
/// progress bar prints), with <c>val_</c> entries for validation.
/// </summary>
[Collection(GlobalState.Name)]
public class VectorMetricLoggingTests
{
    [Fact]
    public void LogsHoldTheVectorAndItsMean()
    {
        var logs = new Logs();
        logs.SetValues("precision", [0.5, 0.25]);
        Assert.Equal(0.375, logs["precision"]);
        Assert.True(logs.TryGetValues("precision", out var v));
        Assert.Equal([0.5, 0.25], v);
        int reads = 0;
        logs.AddLazyValues("f1_score", () => { reads++; return [1.0, 0.0, 0.5]; });
        Assert.Equal(0, reads);
        Assert.Equal(0.5, logs["f1_score"]);
        Assert.True(logs.TryGetValues("f1_score", out var f1));
        Assert.Equal([1.0, 0.0, 0.5], f1);
        Assert.Equal(1, reads);
        // a callback replacing the entry with a number makes it a scalar
        logs["precision"] = 0.9;
        Assert.False(logs.TryGetValues("precision", out _));
        var prefixed = new Logs();
        prefixed.AddPrefixed("val_", logs);
        Assert.True(prefixed.TryGetValues("val_f1_score", out var vf1));
        Assert.Equal([1.0, 0.0, 0.5], vf1);
        Assert.Equal(0.9, prefixed["val_precision"]);
    }

    [Fact]
    public void CsvLoggerWritesAVectorAsKerasWritesAnArray()
    {
        // Keras' CSVLogger.handle_value gives "[0.5, 0.25]" (quotes included); the csv module then quotes that field.
        var file = Path.Combine(Path.GetTempPath(), $"kerassharp-vector-{Guid.NewGuid():N}.csv");
        try
        {
            var csv = new CSVLogger(file);
            csv.OnTrainBegin(new Logs());
            var logs = new Logs();
            logs["loss"] = 0.5;
            logs.SetValues("precision", [0.5, 0.25]);
            csv.OnEpochEnd(0, logs);
            csv.OnTrainEnd(logs);
            var lines = File.ReadAllLines(file);
            Assert.Equal("epoch,loss,precision,val_loss,val_precision", lines[0]);
            Assert.Equal("0,0.5,\"\"\"[0.5, 0.25]\"\"\",NA,NA", lines[1]);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void FitRecordsEachEpochsVectorInHistory()
    {
        Keras.Utils.SetRandomSeed(3);
        var model = Sequential().Add(Input(2)).Add(Dense(2, activation: "sigmoid"));
        var f1 = new F1Score(threshold: 0.5);
        var precision = new Precision([0.3, 0.7]);
        model.Compile(new SGD(learningRate: 0.1), "binary_crossentropy", metrics: [f1, precision]);
        var x = new float[8, 2];
        var y = new float[8, 2];
        for (int i = 0; i < 8; i++)
        {
            x[i, 0] = i / 8f; x[i, 1] = 1 - i / 8f;
            y[i, i % 2] = 1;
        }
        var h = model.Fit(x, y, batchSize: 4, epochs: 2, validationSplit: 0.25, shuffle: false, verbose: 0);
        foreach (var key in new[] { "f1_score", "precision", "val_f1_score", "val_precision" })
        {
            var perEpoch = h.ValuesOf(key);
            Assert.Equal(2, perEpoch.Count);
            Assert.Equal(2, perEpoch[0].Count); // two classes, two thresholds
            for (int e = 0; e < 2; e++) Assert.Equal(perEpoch[e].Average(), h[key][e], 10);
        }
        // the last validation pass left the metrics holding the validation data's values
        Assert.Equal(f1.ResultValues(), h.ValuesOf("val_f1_score")[1]);
        Assert.Equal(precision.ResultValues(), h.ValuesOf("val_precision")[1]);
        // scalar entries are one-element lists
        Assert.Single(h.ValuesOf("loss")[0]);
        Assert.Equal(h["loss"][1], h.ValuesOf("loss")[1][0]);
    }
}
