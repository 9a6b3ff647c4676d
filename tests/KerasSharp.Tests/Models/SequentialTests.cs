using KerasSharp.Tests.TestSupport;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

[Collection(GlobalState.Name)]

public class SequentialTests
{
    private static Sequential CourseNetwork() =>
        Sequential().Add(Input(4)).Add(Dense(5, "sigmoid")).Add(Dense(5, "sigmoid")).Add(Dense(3, "sigmoid")).Add(Dense(2, "sigmoid"));

    [Fact]
    public void SummaryOfThe81ParameterNetworkMatchesKeras()
    {
        ClearSession();
        var model = CourseNetwork();
        Assert.Equal(81, model.CountParams());
        var expected = string.Join("\n",
            "Model: \"sequential\"",
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
            "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
            "│ dense (Dense)                   │ (None, 5)              │            25 │",
            "├─────────────────────────────────┼────────────────────────┼───────────────┤",
            "│ dense_1 (Dense)                 │ (None, 5)              │            30 │",
            "├─────────────────────────────────┼────────────────────────┼───────────────┤",
            "│ dense_2 (Dense)                 │ (None, 3)              │            18 │",
            "├─────────────────────────────────┼────────────────────────┼───────────────┤",
            "│ dense_3 (Dense)                 │ (None, 2)              │             8 │",
            "└─────────────────────────────────┴────────────────────────┴───────────────┘",
            " Total params: 81 (324.00 B)",
            " Trainable params: 81 (324.00 B)",
            " Non-trainable params: 0 (0.00 B)",
            "");
        Assert.Equal(expected, model.SummaryText());
    }

    [Fact]
    public void MnistMlpSummaryShowsThousandsSeparatorsAndKilobytes()
    {
        var model = Sequential().Add(Input(784)).Add(Dense(64, "relu")).Add(Dense(10, "softmax"));
        var text = model.SummaryText();
        Assert.Contains("│ (None, 64)             │        50,240 │", text);
        Assert.Contains(" Total params: 50,890 (198.79 KB)", text);
    }

    [Fact]
    public void ConstructorListFluentAddKeras2InputShapeAllBuildImmediately()
    {
        var a = new Sequential([new Input(784), new Dense(64, activation: "relu"), new Dense(10, activation: "softmax")]);
        var b = Sequential().Add(Dense(64, "relu", inputShape: [784])).Add(Dense(10, "softmax"));
        Assert.True(a.Built);
        Assert.True(b.Built);
        Assert.Equal(a.CountParams(), b.CountParams());
        Assert.Equal(2, a.Layers.Count);
        Assert.Equal(new Shape(null, 10), a.OutputShape);
    }

    [Fact]
    public void WithoutInputShapeBuildsOnFirstBatch()
    {
        var model = Sequential().Add(Dense(8, "relu")).Add(Dense(1));
        Assert.False(model.Built);
        Assert.Contains("0 (unbuilt)", model.SummaryText());
        var y = model.Call(ones(3, 5));
        Assert.Equal(new long[] { 3, 1 }, y.shape);
        Assert.True(model.Built);
        Assert.Equal(5 * 8 + 8 + 8 + 1, model.CountParams());
    }

    [Fact]
    public void DefaultNamesFollowKerasCounters()
    {
        ClearSession();
        var d0 = Dense(1);
        var d1 = Dense(1);
        var drop = Dropout(0.5);
        var s = Sequential();
        Assert.Equal("dense", d0.Name);
        Assert.Equal("dense_1", d1.Name);
        Assert.Equal("dropout", drop.Name);
        Assert.Equal("sequential", s.Name);
    }

    [Fact]
    public void PopRemovesLastLayerAndDuplicateNamesAreRejected()
    {
        var model = Sequential().Add(Input(3)).Add(Dense(4, name: "a")).Add(Dense(2, name: "b"));
        var popped = model.Pop();
        Assert.Equal("b", popped.Name);
        Assert.Single(model.Layers);
        var ex = Assert.Throws<ArgumentException>(() => model.Add(new Dense(3, name: "a")));
        Assert.Contains("unique names", ex.Message);
        Assert.Throws<InvalidOperationException>(() => Sequential().Pop());
    }

    [Fact]
    public void IncompatibleLayerAddedToBuiltModelFailsAtAdd()
    {
        var model = Sequential().Add(Input([28, 28])).Add(Flatten());
        Assert.Equal(new Shape(null, 784), model.OutputShape);
        model.Add(Dense(3));
        Assert.Equal(784 * 3 + 3, model.CountParams());
    }

    [Fact]
    public void CallWithTrainingAppliesDropoutOnlyInTraining()
    {
        Keras.Utils.SetRandomSeed(3);
        var model = Sequential().Add(Input(1000)).Add(Dropout(0.5));
        var x = ones(4, 1000);
        Assert.Equal(4000, model.Call(x).sum().item<float>());
        var t = model.Call(x, training: true);
        var zerosFraction = t.eq(0).to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(zerosFraction, 0.45, 0.55);
        Assert.Equal(2.0f, t.max().item<float>()); // kept values scaled by 1 / (1 - 0.5)
    }
}
