using static TorchSharp.torch;

namespace KerasSharp.Tests.Applications;

/// <summary>Keras.Applications.VGG16 against keras/src/applications/vgg16.py and the keras.io applications table.</summary>
public class VGG16Tests
{
    [Fact]
    public void FullModelHasKerasParameterCountAndLayerNames()
    {
        var model = Keras.Applications.VGG16(weights: null);
        // keras.io/api/applications: VGG16 has 138.4M parameters; Keras' model.count_params() gives 138,357,544.
        Assert.Equal(138_357_544L, model.CountParams());
        Assert.Equal("vgg16", model.Name);
        Assert.Equal(
            ["block1_conv1", "block1_conv2", "block1_pool", "block2_conv1", "block2_conv2", "block2_pool",
             "block3_conv1", "block3_conv2", "block3_conv3", "block3_pool", "block4_conv1", "block4_conv2", "block4_conv3", "block4_pool",
             "block5_conv1", "block5_conv2", "block5_conv3", "block5_pool", "flatten", "fc1", "fc2", "predictions"],
            model.Layers.Skip(1).Select(l => l.Name));
        Assert.IsType<KerasSharp.Layers.Input>(model.Layers[0]);
        Assert.Equal(new Shape(null, 1000), model.Outputs[0].Shape);
    }

    [Fact]
    public void NoTopPoolingModesGiveKerasShapes()
    {
        var none = Keras.Applications.VGG16(includeTop: false, weights: null, inputShape: new Shape(32, 32, 3));
        Assert.Equal(14_714_688L, none.CountParams());   // Keras: VGG16(include_top=False).count_params()
        Assert.Equal(new Shape(null, 1, 1, 512), none.Outputs[0].Shape);
        var avg = Keras.Applications.VGG16(includeTop: false, weights: null, pooling: "avg");
        Assert.Equal(new Shape(null, 512), avg.Outputs[0].Shape);
        Assert.Equal(new Shape(null, null, null, 3), avg.Inputs[0].Shape);
        var max = Keras.Applications.VGG16(includeTop: false, weights: null, inputShape: new Shape(48, 40, 3), pooling: "max");
        Assert.Equal(new Shape(null, 512), max.Outputs[0].Shape);
        Assert.IsType<KerasSharp.Layers.GlobalMaxPooling2D>(max.Layers[^1]);
    }

    [Fact]
    public void BadArgumentsGiveKerasMessages()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(classes: 10));
        Assert.Contains("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=10", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(weights: "no/such/file.h5"));
        Assert.Contains("Received: weights=no/such/file.h5", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(includeTop: false, weights: null, inputShape: new Shape(31, 64, 3)));
        Assert.Contains("Input size must be at least 32x32; Received: input_shape=(31, 64, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(inputShape: new Shape(100, 100, 3)));
        Assert.Contains("`input_shape` should be (224, 224, 3).  Received: input_shape=(100, 100, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(includeTop: false, inputShape: new Shape(64, 64, 1)));
        Assert.Contains("The input must have 3 channels", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(weights: null, inputShape: new Shape(null, null, 3)));
        Assert.Contains("you should specify a static `input_shape`", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(includeTop: false, weights: null, pooling: "mean"));
        Assert.Equal("pooling", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG16(classifierActivation: "relu"));
        Assert.Contains("Only `None` and `softmax` activations are allowed", e.Message);
    }

    [Fact]
    public void ImagenetWeightsWithoutNetworkNameTheUrlAndCachePath()
    {
        using var cache = new ApplicationTestSupport(verifyHashes: true);
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Applications.VGG16(includeTop: false, inputShape: new Shape(32, 32, 3)));
        Assert.Contains("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", e.Message);
        Assert.Contains(Path.Combine(cache.ModelsFolder, "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"), e.Message);
        Assert.Contains("6d6bbae143d832006294945121d1f1fc", e.Message);
    }

    [Fact]
    public void PreprocessInputIsCaffeMode()
    {
        // imagenet_utils._preprocess_tensor_input, mode "caffe": RGB -> BGR, minus mean [103.939, 116.779, 123.68].
        var x = tensor(new float[] { 10, 20, 30, 255, 0, 128 }).reshape(1, 1, 2, 3);
        var y = Keras.Applications.Vgg16.PreprocessInput(x);
        var expected = tensor(new float[] { 30 - 103.939f, 20 - 116.779f, 10 - 123.68f, 128 - 103.939f, 0 - 116.779f, 255 - 123.68f }).reshape(1, 1, 2, 3);
        Assert.True(allclose(expected, y, atol: 1e-4));
        Assert.Equal(10f, x[0, 0, 0, 0].item<float>());   // the input is not modified
        var bytes = tensor(new byte[] { 10, 20, 30 }).reshape(1, 1, 3);
        Assert.Equal(ScalarType.Float32, Keras.Applications.Vgg16.PreprocessInput(bytes).dtype);
        var e = Assert.Throws<ArgumentException>(() => Keras.Applications.Vgg16.PreprocessInput(x, dataFormat: "nhwc"));
        Assert.Contains("Received: data_format=nhwc", e.Message);
    }

    [Fact]
    public void DecodePredictionsTopClassesBestFirst()
    {
        using var cache = new ApplicationTestSupport(verifyHashes: false);
        cache.WriteClassIndex();
        var preds = zeros(2, 1000);
        preds[0, 7] = tensor(0.5f); preds[0, 3] = tensor(0.3f); preds[0, 999] = tensor(0.2f);
        preds[1, 42] = tensor(0.9f);
        var result = Keras.Applications.Vgg16.DecodePredictions(preds, top: 3);
        Assert.Equal(2, result.Count);
        Assert.Equal([("n00000007", "class_7", 0.5f), ("n00000003", "class_3", 0.3f), ("n00000999", "class_999", 0.2f)], result[0]);
        Assert.Equal(("n00000042", "class_42", 0.9f), result[1][0]);
        // Keras' argsort()[-top:][::-1] puts the higher index first among equal scores.
        Assert.Equal("n00000999", result[1][1].ClassName);
        var e = Assert.Throws<ArgumentException>(() => Keras.Applications.Vgg16.DecodePredictions(zeros(2, 10)));
        Assert.Contains("(samples, 1000)). Received array with shape: (2, 10)", e.Message);
    }

    [Fact]
    public void DecodePredictionsWithoutClassIndexNamesUrlAndPath()
    {
        using var cache = new ApplicationTestSupport(verifyHashes: true);
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Applications.Vgg16.DecodePredictions(zeros(1, 1000)));
        Assert.Contains("https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json", e.Message);
        Assert.Contains(Path.Combine(cache.ModelsFolder, "imagenet_class_index.json"), e.Message);
    }
}
