using static TorchSharp.torch;

namespace KerasSharp.Tests.Applications;

/// <summary>Keras.Applications.ResNet50 against keras/src/applications/resnet.py and the keras.io applications table.</summary>
public class ResNet50Tests
{
    [Fact]
    public void FullModelHasKerasParameterCountAndLayerNames()
    {
        var model = Keras.Applications.ResNet50(weights: null);
        // keras.io/api/applications: ResNet50 25.6M; Keras' count_params() gives 25,636,712.
        Assert.Equal(25_636_712L, model.CountParams());
        Assert.Equal("resnet50", model.Name);
        var names = model.Layers.Select(l => l.Name).ToList();
        Assert.Equal(177, names.Count);   // len(keras.applications.ResNet50().layers)
        Assert.Equal(["conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu", "pool1_pad", "pool1_pool",
                      "conv2_block1_1_conv", "conv2_block1_1_bn", "conv2_block1_1_relu", "conv2_block1_2_conv", "conv2_block1_2_bn",
                      "conv2_block1_2_relu", "conv2_block1_0_conv", "conv2_block1_3_conv", "conv2_block1_0_bn", "conv2_block1_3_bn",
                      "conv2_block1_add", "conv2_block1_out"], names.Skip(1).Take(18));
        Assert.Equal(["conv5_block3_add", "conv5_block3_out", "avg_pool", "predictions"], names.TakeLast(4));
    }

    [Fact]
    public void NoTopPoolingModesGiveKerasShapes()
    {
        var model = Keras.Applications.ResNet50(includeTop: false, weights: null, inputShape: new Shape(32, 32, 3), pooling: "max");
        Assert.Equal(23_587_712L, model.CountParams());   // Keras: ResNet50(include_top=False).count_params()
        Assert.Equal("max_pool", model.Layers[^1].Name);
        Assert.Equal(new Shape(null, 2048), model.Outputs[0].Shape);
        Assert.Equal(new Shape(null, 1, 1, 2048), Keras.Applications.ResNet50(includeTop: false, weights: null, inputShape: new Shape(32, 32, 3)).Outputs[0].Shape);

        var x = Keras.Applications.Resnet50.PreprocessInput(ApplicationTestSupport.RandomImages(2, 32));
        Assert.Equal([2L, 2048L], model.Predict(x, verbose: 0).shape);
    }

    [Fact]
    public void InputTensorBecomesTheModelInput()
    {
        var input = Keras.Input(new Shape(64, 64, 3), name: "image");
        var model = Keras.Applications.ResNet50(includeTop: false, weights: null, inputTensor: input, pooling: "avg");
        Assert.Same(input.Output, model.Inputs[0]);
        Assert.Equal(new Shape(null, 2048), model.Outputs[0].Shape);
    }

    [Fact]
    public void ImagenetWeightsWithoutNetworkNameTheUrlAndCachePath()
    {
        using var cache = new ApplicationTestSupport(verifyHashes: true);
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Applications.ResNet50());
        Assert.Contains("https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels.h5", e.Message);
        Assert.Contains(Path.Combine(cache.ModelsFolder, "resnet50_weights_tf_dim_ordering_tf_kernels.h5"), e.Message);
    }
}
