using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Regularization;

[Collection(GlobalState.Name)]

public class ActivityRegularizationTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new ActivityRegularization(l1: 0.01, l2: 0.001), [2, 3, 4], [2, 3, 4]);

    [Fact]
    public void ReturnsItsInputAndAddsL1L2OfItToTheLosses()
    {
        var layer = new ActivityRegularization(l1: 0.01, l2: 0.5);
        var x = tensor(new float[] { 1, -2, 3, -4 }).reshape(2, 2);
        TensorAssert.Close(x, layer.Apply(x));
        // 0.01 * (1 + 2 + 3 + 4) + 0.5 * (1 + 4 + 9 + 16) = 0.1 + 15 = 15.1
        TensorAssert.Close(15.1, layer.Losses.Single(), 1e-5);
        // each call replaces the previous call's penalty: x / 2 gives 0.05 + 3.75
        layer.Apply(x / 2);
        TensorAssert.Close(3.8, layer.Losses.Single(), 1e-5);
    }

    [Fact]
    public void EvaluateAddsThePenaltyToTheCompiledLoss()
    {
        // Dense with kernel ones predicts the targets exactly: the loss is the penalty on its output alone (Keras 3: no
        // division by the batch size), 0.25 * (|3| + |-1|) + 0.1 * (9 + 1) = 2
        var model = new Sequential([new Input(2), new Dense(1, useBias: false, kernelInitializer: "ones"), new ActivityRegularization(l1: 0.25, l2: 0.1)]);
        model.Compile(new SGD(learningRate: 0.0), "mse");
        var x = tensor(new float[,] { { 1, 2 }, { -1, 0 } });
        var y = tensor(new float[,] { { 3 }, { -1 } });
        Assert.Equal(2.0, model.Evaluate(x, y, batchSize: 2, verbose: 0)["loss"], 5);
        // at inference the layer is the identity
        TensorAssert.Close([3, -1], model.Predict(x, verbose: 0));
    }

    [Fact]
    public void ConfigIsKerasAndKerasConfigLoads()
    {
        var config = new ActivityRegularization(l1: 0.01).GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "l1", "l2"], config.Keys);
        Assert.Equal(0.01, config["l1"]);
        Assert.Equal(0.0, config["l2"]);
        // the layer's config in the corpus' dropout_noise_inference.keras
        var layer = (ActivityRegularization)LayerDeserializer.FromConfig("ActivityRegularization", JsonNode.Parse(
            """{"name": "activity_regularization", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "l1": 0.01, "l2": 0.0}""")!.AsObject());
        Assert.Equal((0.01, 0.0), (layer.L1, layer.L2));
        Assert.StartsWith("activity_regularization", Keras.ActivityRegularization().Name);
    }

    [Fact]
    public void NegativeFactorsAreRejected()
    {
        Assert.Equal("l1", Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRegularization(l1: -0.1)).ParamName);
        Assert.Equal("l2", Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRegularization(l2: double.NaN)).ParamName);
    }

    [Fact]
    public void ModelWithTheRegularizationLayersRoundTripsThroughAKerasFile()
    {
        // dropout_noise_inference's middle: SpatialDropout1D -> ActivityRegularization(l1=0.01) -> Reshape -> SpatialDropout2D
        Keras.Utils.SetRandomSeed(6);
        var model = new Sequential([new Input(new Shape(8, 6)), new SpatialDropout1D(0.3), new ActivityRegularization(l1: 0.01),
            new Reshape((8, 3, 2)), new SpatialDropout2D(0.25), new Flatten(), new Dense(3)]);
        var path = Path.Combine(Path.GetTempPath(), $"actreg-{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path);
            var x = randn(4, 8, 6);
            TensorAssert.Close(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), 0);
            Assert.Equal(0.01, ((ActivityRegularization)loaded.Layers.Single(l => l is ActivityRegularization)).L1);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
