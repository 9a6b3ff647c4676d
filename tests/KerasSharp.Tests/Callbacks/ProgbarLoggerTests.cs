using KerasSharp.Tests.TestSupport;
using System.Text.RegularExpressions;
using KerasSharp.Callbacks;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class ProgbarLoggerTests
{
    private static Sequential Model()
    {
        Keras.Utils.SetRandomSeed(0);
        var m = Sequential().Add(Input(2)).Add(Dense(2, "softmax"));
        m.Compile("adam", "categorical_crossentropy", metrics: ["accuracy"]);
        return m;
    }

    [Fact]
    public void Verbose1RedirectedPrintsEpochHeaderAndOneKerasLinePerEpoch()
    {
        var output = new StringWriter();
        var x = rand(100, 2);
        var y = Keras.Utils.ToCategorical(randint(0, 2, [100]), 2);
        Model().Fit(x, y, epochs: 2, batchSize: 32, verbose: 1, validationSplit: 0.2, callbacks: [new ProgbarLogger(output, dynamicDisplay: false)]);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Equal("Epoch 2/2", lines[2]);
        // 80 training samples / 32 = 3 steps; keys sorted; values %.4f
        Assert.Matches(new Regex(@"^3/3 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$"), lines[1]);
    }

    [Fact]
    public void Verbose2PrintsOneLinePerEpochInKerasForm()
    {
        var output = new StringWriter();
        Model().Fit(rand(64, 2), Keras.Utils.ToCategorical(randint(0, 2, [64]), 2), epochs: 1, batchSize: 16, verbose: 2,
            callbacks: [new ProgbarLogger(output, dynamicDisplay: false)]);
        Assert.Matches(new Regex(@"^4/4 - \d+s - \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}\n$"), output.ToString());
    }

    [Fact]
    public void DynamicRedrawsInPlaceWithCarriageReturns()
    {
        var output = new StringWriter();
        Model().Fit(rand(64, 2), Keras.Utils.ToCategorical(randint(0, 2, [64]), 2), epochs: 1, batchSize: 8, verbose: 1,
            callbacks: [new ProgbarLogger(output, dynamicDisplay: true)]);
        var text = output.ToString();
        Assert.Contains("\r", text);
        Assert.Contains("\x1b[1m8/8\x1b[0m", text);
        Assert.EndsWith("\n", text);
    }

    [Fact]
    public void Verbose0PrintsNothingAndEvaluateAndPredictPrintTheirBars()
    {
        var output = new StringWriter();
        var m = Model();
        var x = rand(40, 2);
        var y = Keras.Utils.ToCategorical(randint(0, 2, [40]), 2);
        m.Fit(x, y, verbose: 0, callbacks: [new ProgbarLogger(output, dynamicDisplay: false)]);
        m.Evaluate(x, y, batchSize: 10, verbose: 1, callbacks: [new ProgbarLogger(output, dynamicDisplay: false)]);
        m.Predict(x, batchSize: 10, verbose: 1, callbacks: [new ProgbarLogger(output, dynamicDisplay: false)]);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(new Regex(@"^4/4 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$"), lines[0]);
        Assert.Matches(new Regex(@"^4/4 ━{20} \d+s \d+(ms|us|s)/step$"), lines[1]);
    }

    [Theory]
    [InlineData(0.0601, "0.0601")]
    [InlineData(0.98125, "0.9812")]
    [InlineData(1.5, "1.5000")]
    public void ValuesUsePythonFixedFormat(double v, string expected) =>
        Assert.Equal(expected, KerasSharp.Callbacks.Progbar.F4(v));

    [Theory]
    [InlineData(1.2345e-5, "1.2345e-05")]
    [InlineData(0.0005, "5.0000e-04")]
    public void SmallValuesUsePythonExponentFormat(double v, string expected) =>
        Assert.Equal(expected, KerasSharp.Callbacks.Progbar.E4(v));

    [Fact]
    public void DefaultOutputReceivesTheBarsThatFitEvaluateAndPredictAddRedrawnInPlaceWhenDynamic()
    {
        var output = new StringWriter();
        ProgbarLogger.DefaultOutput = output;
        ProgbarLogger.DefaultDynamicDisplay = true;
        try
        {
            var m = Model();
            var x = rand(64, 2);
            var y = Keras.Utils.ToCategorical(randint(0, 2, [64]), 2);
            m.Fit(x, y, epochs: 2, batchSize: 16, verbose: 1);
            m.Evaluate(x, y, batchSize: 16, verbose: 1);
        }
        finally
        {
            ProgbarLogger.DefaultOutput = null;
            ProgbarLogger.DefaultDynamicDisplay = null;
        }
        var text = output.ToString();
        // Keras' dynamic form (progbar.py): "\b" * previous width + "\r", then the bar with its bold count and green
        // and white segments; the final update of each bar ends the line.
        Assert.StartsWith("Epoch 1/2\n", text);
        Assert.Contains("\nEpoch 2/2\n", text);
        Assert.Contains("\r\x1b[1m4/4\x1b[0m \x1b[32m" + new string('━', 20) + "\x1b[0m\x1b[37m\x1b[0m", text);
        var finalLines = text.Split('\n').Where(l => l.Contains("4/4")).Select(l => Regex.Replace(l[(l.LastIndexOf('\r') + 1)..], "\x1b\\[[0-9;]*m", "")).ToList();
        Assert.Equal(3, finalLines.Count); // two epochs, one evaluation
        Assert.All(finalLines, l => Assert.Matches(new Regex(@"^4/4 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} *$"), l));
    }

    [Fact]
    public void DefaultOutputWithoutDynamicDisplayGetsFinalLinesOnlyAndAnExplicitWriterStillWins()
    {
        var fallback = new StringWriter();
        var own = new StringWriter();
        ProgbarLogger.DefaultOutput = fallback;
        try
        {
            var m = Model();
            m.Fit(rand(64, 2), Keras.Utils.ToCategorical(randint(0, 2, [64]), 2), epochs: 1, batchSize: 16, verbose: 1);
            m.Predict(rand(20, 2), batchSize: 10, verbose: 1, callbacks: [new ProgbarLogger(own)]);
        }
        finally
        {
            ProgbarLogger.DefaultOutput = null;
        }
        Assert.Matches(new Regex(@"^4/4 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}\n$"), fallback.ToString());
        Assert.Matches(new Regex(@"^2/2 ━{20} \d+s \d+(ms|us|s)/step\n$"), own.ToString());
    }

    [Fact]
    public void NullWriterIsRejected() =>
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => new ProgbarLogger(null!)).ParamName);
}
