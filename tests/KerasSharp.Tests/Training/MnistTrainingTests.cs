using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

[Collection(GlobalState.Name)]

public class MnistTrainingTests
{
    [Trait("Category", "Slow")]
    [Fact]
    public void MnistMlpOneEpochReachesAtLeast95PercentTestAccuracy()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Mnist.LoadData();
        Keras.Utils.SetRandomSeed(42);
        var x = xTrain.reshape(-1, 784).to(ScalarType.Float32) / 255;
        var xt = xTest.reshape(-1, 784).to(ScalarType.Float32) / 255;
        var model = Sequential().Add(Input(784)).Add(Dense(128, "relu")).Add(Dense(10, "softmax"));
        model.Compile("adam", "categorical_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, Keras.Utils.ToCategorical(yTrain, 10), epochs: 1, batchSize: 32, verbose: 0);
        var scores = model.Evaluate(xt, Keras.Utils.ToCategorical(yTest, 10), verbose: 0);
        Assert.True(scores["accuracy"] >= 0.95, $"test accuracy {scores["accuracy"]:F4}");
        Assert.True(history["loss"][0] < 0.5, $"training loss {history["loss"][0]:F4}");
        var probs = model.Predict(xt, verbose: 0);
        Assert.Equal(new long[] { 10000, 10 }, probs.shape);
        Assert.Equal(ScalarType.Float32, probs.dtype);
        TestSupport.TensorAssert.Close(ones(10000).to_type(ScalarType.Float64), probs.sum([1L]), 1e-4);
    }
}
