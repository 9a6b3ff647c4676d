using System.IO.Compression;
using System.Text.Json.Nodes;
using PureHDF;

namespace KerasSharp.Tests.Saving;

public class FixtureTests
{
    private static MemoryStream WeightsOf(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var ms = new MemoryStream();
        zip.GetEntry("model.weights.h5")!.Open().CopyTo(ms);
        ms.Position = 0;
        return ms;
    }

    [KerasFixtureFact]
    public void PureHdfReadsTheKeras35WeightsFileInKerasLayout()
    {
        using var ms = WeightsOf(SavingTestSupport.FixturePath()!);
        using var h5 = H5File.Open(ms, false);
        // Paths follow the saving tree (snake_case class names), per SOURCE.md.
        Assert.Equal(new ulong[] { 3, 3, 1, 32 }, h5.Dataset("layers/conv2d/vars/0").Space.Dimensions);
        Assert.Equal(new ulong[] { 576, 64 }, h5.Dataset("layers/dense/vars/0").Space.Dimensions);
        Assert.Equal(new ulong[] { 10 }, h5.Dataset("layers/dense_1/vars/1").Space.Dimensions);
        Assert.Equal(4, h5.Group("layers/batch_normalization_3/vars").Children().Count());
        // Adam: iterations (int64), learning_rate, then momentum/velocity of each of the 18 trainable variables.
        var opt = h5.Group("optimizer/vars");
        Assert.Equal(2 + 2 * 18, opt.Children().Count());
        Assert.True(h5.Dataset("optimizer/vars/0").Read<long>() > 0);
        var kernel = h5.Dataset("layers/conv2d/vars/0").Read<float[]>();
        Assert.Equal(3 * 3 * 32, kernel.Length);
        Assert.Contains(kernel, v => v != 0);
    }

    [KerasFixtureFact]
    public void FixtureConfigParsesAsAKerasSequentialWithCompileConfig()
    {
        using var zip = ZipFile.OpenRead(SavingTestSupport.FixturePath()!);
        var config = JsonNode.Parse(zip.GetEntry("config.json")!.Open())!.AsObject();
        Assert.Equal("Sequential", (string?)config["class_name"]);
        var layers = config["config"]!["layers"]!.AsArray().Select(l => (string?)l!["class_name"]).ToArray();
        Assert.Equal(20, layers.Length);
        Assert.Equal("InputLayer", layers[0]);
        var optimizer = Keras.Saving.Deserialize<KerasSharp.Optimizers.Optimizer>(config["compile_config"]!["optimizer"]!);
        Assert.IsType<KerasSharp.Optimizers.Adam>(optimizer);
        Assert.Equal(1.000000082740371e-07, optimizer.LearningRate);
    }

    [Trait("Category", "Slow")]
    [KerasFixtureFact]
    public void Keras35CnnLoadsMatchesItsArchitectureAndClassifiesMnist()
    {
        var model = Keras.Models.LoadModel(SavingTestSupport.FixturePath()!);
        // SOURCE.md's layer list, in order (the InputLayer is not a layer of a Sequential).
        Assert.Equal(
            ["Rescaling", "RandomRotation", "RandomZoom", "RandomTranslation", "Conv2D", "BatchNormalization", "MaxPooling2D",
             "Dropout", "Conv2D", "BatchNormalization", "MaxPooling2D", "Dropout", "Conv2D", "BatchNormalization", "Flatten",
             "Dense", "BatchNormalization", "Dropout", "Dense"],
            model.Layers.Select(l => l.GetType().Name));
        var summary = model.SummaryText();
        Assert.Contains("conv2d (Conv2D)                            │ (None, 26, 26, 32)", summary);
        Assert.Contains("dense_1 (Dense)                            │ (None, 10)", summary);
        Assert.Contains("Trainable params: 93,770", summary);
        Assert.Contains("Non-trainable params: 448", summary);

        // uint8 images as the model was trained on them (its first layer rescales); the first 3000 test images.
        var (_, (xTest, yTest)) = Keras.Datasets.Mnist.LoadData();
        var x = xTest.narrow(0, 0, 3000).reshape(-1, 28, 28, 1);
        var probs = model.Predict(x, batchSize: 500, verbose: 0);
        double accuracy = (probs.argmax(-1) == yTest.narrow(0, 0, 3000).to(TorchSharp.torch.ScalarType.Int64))
            .to(TorchSharp.torch.ScalarType.Float32).mean().item<float>();
        Assert.True(accuracy >= 0.98, $"accuracy {accuracy} on the first 3000 MNIST test images (whole set measured 0.9914)");
    }
}
