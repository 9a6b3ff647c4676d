using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

[Collection(GlobalState.Name)]

public class FunctionalModelTests
{
    [Fact]
    public void ChainGraphMatchesTheSameLayersAppliedByHand()
    {
        ClearSession();
        var inputs = Input(4);
        var d1 = Dense(3, "relu");
        var d2 = Dense(2);
        var outputs = d2.Apply(d1.Apply(inputs));
        var model = new Model(inputs, outputs);

        Assert.Equal("functional", model.Name);
        Assert.Equal(new Shape([null, 2]), outputs.Shape);
        Assert.Equal(["input_layer", "dense", "dense_1"], model.Layers.Select(l => l.Name));
        Assert.Equal(3 * 4 + 3 + 2 * 3 + 2, model.CountParams());
        var x = randn(5, 4);
        TensorAssert.Close(d2.Apply(d1.Apply(x)), model.Predict(x, verbose: 0), 1e-6);
    }

    [Fact]
    public void ShapesAreCheckedWhenTheGraphIsWritten()
    {
        var a = Input(4);
        var dense = Dense(3);
        dense.Apply(a);
        var b = Input(5);
        var ex = Assert.Throws<ArgumentException>(() => dense.Apply(b));
        Assert.Contains(dense.Name, ex.Message);
        Assert.Contains("5", ex.Message);
    }

    [Fact]
    public void OutputThatDoesNotDependOnTheInputsIsRejected()
    {
        var a = Input(3);
        var other = Input(3, name: "other");
        var outputs = Dense(1).Apply(other);
        var ex = Assert.Throws<ArgumentException>(() => new Model(a, outputs));
        Assert.Contains("does not depend", ex.Message);
    }

    [Fact]
    public void GraphNeedingAnInputThatIsNotListedIsDisconnected()
    {
        var a = Input(3);
        var b = Input(3, name: "b_in");
        var merged = new AddProbe().Apply([Dense(2).Apply(a), Dense(2).Apply(b)]);
        var ex = Assert.Throws<ArgumentException>(() => new Model(a, merged));
        Assert.Contains("disconnected", ex.Message);
        Assert.Contains("b_in", ex.Message);
    }

    [Fact]
    public void TwoInputsTwoOutputsTrainWithPerOutputLossesAndMetrics()
    {
        ClearSession();
        Keras.Utils.SetRandomSeed(5);
        var a = Input(3, name: "a");
        var b = Input(2, name: "b");
        var joined = new AddProbe().Apply([Dense(4, "tanh").Apply(a), Dense(4, "tanh").Apply(b)]);
        var cls = Dense(2, "softmax", name: "cls").Apply(joined);
        var reg = Dense(1, name: "reg").Apply(joined);
        var model = new Model([a, b], [cls, reg]);
        Assert.Equal(["cls", "reg"], model.OutputNames);
        model.Compile(new Adam(learningRate: 0.05), ["sparse_categorical_crossentropy", "mse"],
            metrics: [["accuracy"], ["mae"]], lossWeights: [1.0, 0.5]);

        var xa = randn(64, 3);
        var xb = randn(64, 2);
        var yCls = (xa.sum([1L]) > 0).to_type(ScalarType.Int64);
        var yReg = xb.sum([1L], keepdim: true);
        var history = model.Fit(new[] { xa, xb }, new[] { yCls, yReg }, epochs: 30, batchSize: 16, verbose: 0);

        Assert.Equal(["loss", "cls_loss", "reg_loss", "cls_accuracy", "reg_mae"], history.Keys);
        Assert.True(history["loss"][^1] < history["loss"][0] / 2, $"loss {history["loss"][0]} -> {history["loss"][^1]}");
        // The total is the weighted sum of the output losses (regularization-free model).
        Assert.Equal(history["cls_loss"][^1] + 0.5 * history["reg_loss"][^1], history["loss"][^1], 4);
        var scores = model.Evaluate(new[] { xa, xb }, new[] { yCls, yReg }, verbose: 0);
        Assert.True(scores["cls_accuracy"] > 0.8);
        var preds = model.PredictAll(new[] { xa, xb }, verbose: 0);
        Assert.Equal([64L, 2], preds[0].shape);
        Assert.Equal([64L, 1], preds[1].shape);
        Assert.Throws<InvalidOperationException>(() => model.Predict(new[] { xa, xb }, verbose: 0));
    }

    [Fact]
    public void MultiOutputCompileChecksCountsAndNames()
    {
        var a = Input(3);
        var model = new Model(a, [Dense(1, name: "o1").Apply(a), Dense(1, name: "o2").Apply(a)]);
        var ex = Assert.Throws<ArgumentException>(() => model.Compile("adam", ["mse"]));
        Assert.Contains("one entry per model output (2", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => model.Compile("adam", new Dictionary<string, Loss> { ["o1"] = "mse", ["nope"] = "mse" }));
        Assert.Contains("no output named 'nope'", ex2.Message);
        model.Compile("adam", new Dictionary<string, Loss> { ["o1"] = "mse", ["o2"] = "mae" });
        Assert.IsType<MeanAbsoluteError>(model.OutputLosses[1]);
    }

    [Fact]
    public void WrongNumberOfInputArraysIsAClearError()
    {
        var a = Input(3);
        var b = Input(3);
        var model = new Model([a, b], Dense(1).Apply(new AddProbe().Apply([a.Output, b.Output])));
        model.Compile("sgd", "mse");
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(randn(4, 3), randn(4, 1), verbose: 0));
        Assert.Contains("2 inputs", ex.Message);
    }

    [Fact]
    public void SharedLayerWeightsAreCountedOnceAndUsedTwice()
    {
        var a = Input(3);
        var b = Input(3);
        var shared = Dense(2, useBias: false);
        var sum = new AddProbe().Apply([shared.Apply(a), shared.Apply(b)]);
        var model = new Model([a, b], sum);
        Assert.Single(model.TrainableWeights);
        var xa = randn(2, 3);
        var xb = randn(2, 3);
        var expected = (xa + xb).mm(shared.Kernel!);
        TensorAssert.Close(expected, model.Predict(new[] { xa, xb }, verbose: 0), 1e-5);
    }

    [Fact]
    public void AModelIsUsableAsALayer()
    {
        var innerIn = Input(4);
        var inner = new Model(innerIn, Dense(3, "relu").Apply(innerIn), name: "encoder");
        var outerIn = Input(4);
        var outer = new Model(outerIn, Dense(1).Apply(inner.Apply(outerIn)), name: "outer");
        Assert.Equal(inner.CountParams() + 4, outer.CountParams());
        outer.Compile("adam", "mse");
        var x = randn(32, 4);
        var y = x.sum([1L], keepdim: true);
        var h = outer.Fit(x, y, epochs: 20, verbose: 0);
        Assert.True(h["loss"][^1] < h["loss"][0]);
    }

    [Fact]
    public void SummaryOfABranchingGraphShowsConnections()
    {
        ClearSession();
        var a = Input(3, name: "left");
        var b = Input(3, name: "right");
        var sum = new AddProbe(name: "join").Apply([Dense(2).Apply(a), Dense(2).Apply(b)]);
        var model = new Model([a, b], sum, name: "two_towers");
        var text = model.SummaryText();
        Assert.Contains("Model: \"two_towers\"", text);
        Assert.Contains("Connected to", text);
        Assert.Contains("left (InputLayer)", text);
        Assert.Contains("left[0][0]", text);
        Assert.Contains("dense[0][0]", text);
        Assert.Contains("dense_1[0][0]", text);
        Assert.Contains("Total params: 16", text);
    }

    [Fact]
    public void SummaryOfAChainHasNoConnectionColumn()
    {
        var a = Input(3);
        var model = new Model(a, Dense(2).Apply(a));
        var text = model.SummaryText();
        Assert.DoesNotContain("Connected to", text);
        Assert.Contains("(InputLayer)", text);
    }

    /// <summary>A two-input sum used to build branching graphs in these tests (the Add merge layer has its own tests).</summary>
    private sealed class AddProbe(string? name = null) : Layer(name)
    {
        protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training) =>
            [inputs.Skip(1).Aggregate(inputs[0], (acc, t) => acc + t)];

        protected override void Build(IReadOnlyList<Shape> inputShapes) { }

        public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes) => [inputShapes[0]];
    }
}
