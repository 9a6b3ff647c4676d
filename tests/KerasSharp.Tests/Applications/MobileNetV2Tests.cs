using static TorchSharp.torch;

namespace KerasSharp.Tests.Applications;

/// <summary>Keras.Applications.MobileNetV2 against keras/src/applications/mobilenet_v2.py and the keras.io applications table.</summary>
public class MobileNetV2Tests
{
    [Fact]
    public void FullModelHasKerasParameterCountNameAndLayers()
    {
        var model = Keras.Applications.MobileNetV2(weights: null);
        // keras.io/api/applications: MobileNetV2 3.5M; Keras' count_params() gives 3,538,984.
        Assert.Equal(3_538_984L, model.CountParams());
        Assert.Equal("mobilenetv2_1.00_224", model.Name);
        var names = model.Layers.Select(l => l.Name).ToList();
        Assert.Equal(156, names.Count);   // len(keras.applications.MobileNetV2().layers)
        Assert.Equal(["Conv1", "bn_Conv1", "Conv1_relu", "expanded_conv_depthwise", "expanded_conv_depthwise_BN", "expanded_conv_depthwise_relu",
                      "expanded_conv_project", "expanded_conv_project_BN", "block_1_expand", "block_1_expand_BN", "block_1_expand_relu", "block_1_pad",
                      "block_1_depthwise"], names.Skip(1).Take(13));
        Assert.Contains("block_2_add", names);
        Assert.DoesNotContain("block_3_add", names);
        Assert.Equal(["block_16_project_BN", "Conv_1", "Conv_1_bn", "out_relu"], names.Skip(names.Count - 6).Take(4));
        Assert.Equal("predictions", names[^1]);
        // correct_pad on a 112x112 input: ((0, 1), (0, 1)).
        Assert.Equal(new Shape(null, 113, 113, 96), model.Layers.Single(l => l.Name == "block_1_pad").Output.Shape);
    }

    [Fact]
    public void SmallVariantSaveLoadRoundTripReproducesPredict()
    {
        var model = Keras.Applications.MobileNetV2(inputShape: new Shape(96, 96, 3), alpha: 0.35, includeTop: false, weights: null, pooling: "avg");
        Assert.Equal("mobilenetv2_0.35_96", model.Name);
        Assert.Equal(410_208L, model.CountParams());   // mobilenet_v2.py layer by layer for alpha 0.35 (the same sum gives the documented 3,538,984 for alpha 1.0)
        Assert.Equal(new Shape(null, 1280), model.Outputs[0].Shape);
        var dir = Directory.CreateTempSubdirectory("ks-mnv2").FullName;
        try
        {
            var path = Path.Combine(dir, "mnv2.keras");
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path);
            Assert.Equal("mobilenetv2_0.35_96", loaded.Name);
            Assert.Equal(model.Layers.Select(l => l.Name), loaded.Layers.Select(l => l.Name));
            var x = Keras.Applications.MobilenetV2.PreprocessInput(ApplicationTestSupport.RandomImages(2, 96));
            Assert.True(allclose(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), rtol: 1e-5, atol: 1e-5));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void ImagenetWeightsFileNameFollowsAlphaAndRows()
    {
        using var cache = new ApplicationTestSupport(verifyHashes: true);
        var e = Assert.Throws<FileNotFoundException>(() =>
            Keras.Applications.MobileNetV2(inputShape: new Shape(96, 96, 3), alpha: 0.35, includeTop: false));
        Assert.Contains("https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5", e.Message);
        Assert.Contains(Path.Combine(cache.ModelsFolder, "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"), e.Message);

        // Keras' published layout, written from a model, maps onto a fresh "imagenet" build.
        var source = Keras.Applications.MobileNetV2(inputShape: new Shape(96, 96, 3), alpha: 0.35, includeTop: false, weights: null);
        ApplicationTestSupport.WriteLegacyWeights(source, Path.Combine(cache.ModelsFolder, "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"));
        var loaded = Keras.Applications.MobileNetV2(inputShape: new Shape(96, 96, 3), alpha: 0.35, includeTop: false);
        var x = Keras.Applications.MobilenetV2.PreprocessInput(ApplicationTestSupport.RandomImages(1, 96, seed: 3));
        Assert.True(allclose(source.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), rtol: 1e-5, atol: 1e-5));
        // A path given as weights loads that file.
        var byPath = Keras.Applications.MobileNetV2(inputShape: new Shape(96, 96, 3), alpha: 0.35, includeTop: false,
            weights: Path.Combine(cache.ModelsFolder, "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"));
        Assert.True(allclose(source.Predict(x, verbose: 0), byPath.Predict(x, verbose: 0), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void BadArgumentsGiveKerasMessages()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Applications.MobileNetV2(alpha: 0.6, includeTop: false, inputShape: new Shape(96, 96, 3)));
        Assert.Contains("alpha must be one of `0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received `alpha=0.6`", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.MobileNetV2(classes: 5));
        Assert.Contains("`classes` should be 1000. Received `classes=5`", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.MobileNetV2(weights: null, includeTop: false, inputShape: new Shape(16, 16, 3)));
        Assert.Contains("Input size must be at least 32x32", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Applications.MobileNetV2(weights: null, alpha: 0));
    }

    [Fact]
    public void PreprocessInputIsTfMode()
    {
        // imagenet_utils "tf" mode: x / 127.5 - 1.
        var y = Keras.Applications.MobilenetV2.PreprocessInput(tensor(new float[] { 0, 127.5f, 255 }).reshape(1, 1, 3));
        Assert.True(allclose(tensor(new float[] { -1, 0, 1 }).reshape(1, 1, 3), y, atol: 1e-6));
    }
}
