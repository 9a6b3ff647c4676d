using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

[Collection(GlobalState.Name)]

public class WeightsTests
{
    [Fact]
    public void GetWeightsKerasOrderAndLayoutsAreCopies()
    {
        var model = new Sequential([new Input(3), new Dense(4), new Dense(2, useBias: false)]);
        var w = model.GetWeights();
        Assert.Equal(3, w.Count);
        TensorAssert.HasShape([3, 4], w[0]); // Dense kernel (in, out)
        TensorAssert.HasShape([4], w[1]);
        TensorAssert.HasShape([4, 2], w[2]);
        w[0].fill_(5f);
        Assert.NotEqual(5f, ((Dense)model.Layers[0]).Kernel!.detach()[0, 0].item<float>());
    }

    [Fact]
    public void SetWeightsAssignsInOrderAndComputesWithThem()
    {
        var model = new Sequential([new Input(2), new Dense(1)]);
        model.SetWeights([tensor(new float[] { 2, 3 }).reshape(2, 1), tensor(new float[] { 1 })]);
        // y = 2*1 + 3*4 + 1 = 15
        TensorAssert.Close([15.0], model.Predict(tensor(new float[] { 1, 4 }).reshape(1, 2), verbose: 0));
    }

    [Fact]
    public void SetWeightsWrongCountOrShapeNamesLayerAndShapesAndChangesNothing()
    {
        var model = new Sequential([new Input(2), new Dense(1, name: "out")]);
        var before = model.GetWeights();
        var count = Assert.Throws<ArgumentException>(() => model.SetWeights([zeros(2, 1)]));
        Assert.Contains("expected a list of 2 weights, but received 1", count.Message);
        var shape = Assert.Throws<ArgumentException>(() => model.SetWeights([zeros(2, 1), zeros(3)]));
        Assert.Contains("layer \"out\"", shape.Message);
        Assert.Contains("(1,)", shape.Message);
        Assert.Contains("(3,)", shape.Message);
        TensorAssert.Close(before[1], model.GetWeights()[1], 0);
    }

    [Fact]
    public void SaveWeightsLoadWeightsRoundTrip()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "m.weights.h5");
        var a = SavingTestSupport.SmallModel();
        var (x, y) = SavingTestSupport.Batch();
        a.TrainOnBatch(x, y);
        a.SaveWeights(path);
        Keras.Utils.SetRandomSeed(99);
        var b = new Sequential([new Input([4, 3]), new Flatten(), new Dense(8, activation: "relu"), new Dropout(0.25), new Dense(3), new Activation("softmax")]);
        // Softmax rows sum to 1 whatever the weights, so compare the predictions themselves.
        Assert.False(a.Predict(x, verbose: 0).allclose(b.Predict(x, verbose: 0)), "the two models predict alike before loading");
        b.LoadWeights(path);
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void LoadWeightsFromKerasFileWorks()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "m.keras");
        var a = SavingTestSupport.SmallModel();
        a.Save(path);
        var b = SavingTestSupport.SmallModel(compile: false);
        b.SetWeights(b.GetWeights().Select(w => zeros_like(w)).ToArray());
        b.LoadWeights(path);
        var (x, _) = SavingTestSupport.Batch();
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void LoadWeightsShapeMismatchNamesLayerAndBothShapesAndChangesNothing()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "w.weights.h5");
        new Sequential([new Input(3), new Dense(4, name: "hidden"), new Dense(2)]).SaveWeights(path);
        var other = new Sequential([new Input(3), new Dense(5, name: "wide"), new Dense(2)]);
        var before = other.GetWeights();
        var e = Assert.Throws<InvalidDataException>(() => other.LoadWeights(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'wide'", e.Message);
        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("(3, 5)", e.Message);
        for (int i = 0; i < before.Count; i++) TensorAssert.Close(before[i], other.GetWeights()[i], 0);
    }

    [Fact]
    public void LoadWeightsSkipMismatchLoadsTheLayersThatFit()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "w.weights.h5");
        var source = new Sequential([new Input(3), new Dense(4), new Dense(2)]);
        source.SaveWeights(path);
        var target = new Sequential([new Input(3), new Dense(4), new Dense(3)]);
        var lastBefore = target.GetWeights()[2];
        target.LoadWeights(path, skipMismatch: true);
        TensorAssert.Close(source.GetWeights()[0], target.GetWeights()[0], 0); // first Dense fits: loaded
        TensorAssert.Close(lastBefore, target.GetWeights()[2], 0);             // second does not: kept
    }

    [Fact]
    public void SaveWeightsRequiresTheKerasExtension()
    {
        var e = Assert.Throws<ArgumentException>(() => SavingTestSupport.SmallModel().SaveWeights("w.h5"));
        Assert.Contains(".weights.h5", e.Message);
    }

    [Fact]
    public void LoadWeightsMissingFileIsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SavingTestSupport.SmallModel().LoadWeights("/nonexistent/x.weights.h5"));
        Assert.Contains("/nonexistent/x.weights.h5", e.Message);
    }
}

[Collection(GlobalState.Name)]

public class FunctionalSavingTests
{
    [Fact]
    public void FunctionalModelWeightsRoundTrip()
    {
        var dir = SavingTestSupport.NewFolder();
        var inputs = new KerasSharp.Layers.Input(3);
        var outputs = new KerasSharp.Layers.Dense(2).Apply(new KerasSharp.Layers.Dense(4, activation: "relu").Apply(inputs));
        var model = new Model(inputs, outputs);
        var path = Path.Combine(dir, "f.weights.h5");
        model.SaveWeights(path);
        var before = model.GetWeights();
        model.SetWeights(before.Select(w => zeros_like(w)).ToArray());
        model.LoadWeights(path);
        for (int i = 0; i < before.Count; i++) TensorAssert.Close(before[i], model.GetWeights()[i], 0);
    }

    private static Model TwoInTwoOut()
    {
        var a = new KerasSharp.Layers.Input(3, name: "a");
        var b = new KerasSharp.Layers.Input(3, name: "b");
        var shared = new KerasSharp.Layers.Dense(4, activation: "tanh", name: "shared");
        var joined = new KerasSharp.Layers.Concatenate(name: "join").Apply([shared.Apply(a), shared.Apply(b)]);
        var cls = new KerasSharp.Layers.Dense(2, activation: "softmax", name: "cls").Apply(joined);
        var reg = new KerasSharp.Layers.Dense(1, name: "reg").Apply(joined);
        return new Model([a, b], [cls, reg], name: "two_heads");
    }

    [Fact]
    public void FunctionalModelWithSharedLayerAndTwoHeadsRoundTripsThroughKerasFileAndJson()
    {
        Keras.Utils.SetRandomSeed(11);
        var dir = SavingTestSupport.NewFolder();
        var model = TwoInTwoOut();
        model.Compile(new KerasSharp.Optimizers.Adam(learningRate: 0.01), ["sparse_categorical_crossentropy", "mse"]);
        var xa = randn(16, 3);
        var xb = randn(16, 3);
        var y1 = (xa.sum([1L]) > 0).to(ScalarType.Int64);
        var y2 = xb.sum([1L], keepdim: true);
        model.TrainOnBatch(new[] { xa, xb }, new[] { y1, y2 });
        var path = Path.Combine(dir, "two_heads.keras");
        model.Save(path);

        var loaded = Keras.Models.LoadModel(path);
        Assert.Equal(model.Layers.Select(l => l.Name), loaded.Layers.Select(l => l.Name));
        Assert.Equal(["cls", "reg"], loaded.OutputNames);
        var p1 = model.PredictAll(new[] { xa, xb }, verbose: 0);
        var p2 = loaded.PredictAll(new[] { xa, xb }, verbose: 0);
        for (int i = 0; i < 2; i++) TensorAssert.Close(p1[i], p2[i], 0);
        // Continued training matches: same loss after one more step (optimizer state restored). TrainOnBatch logs a
        // running mean as Keras 3 does, so both start from reset metrics.
        model.ResetMetrics();
        loaded.ResetMetrics();
        double l1 = model.TrainOnBatch(new[] { xa, xb }, new[] { y1, y2 })["loss"];
        double l2 = loaded.TrainOnBatch(new[] { xa, xb }, new[] { y1, y2 })["loss"];
        Assert.Equal(l1, l2, 6);

        var fromJson = Keras.Models.ModelFromJson(model.ToJson());
        Assert.Equal(model.CountParams(), fromJson.CountParams());
        Assert.Equal(2, fromJson.Inputs.Count);
        Assert.Contains("\"keras_history\"", model.ToJson());
    }
}
