using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Applications;

/// <summary>Keras.Applications.EfficientNetB0 against keras/src/applications/efficientnet.py and the keras.io applications table.</summary>
public class EfficientNetB0Tests
{
    [Fact]
    public void FullModelHasKerasParameterCountAndLayerNames()
    {
        var model = Keras.Applications.EfficientNetB0(weights: null);
        // keras.io/api/applications: EfficientNetB0 5.3M; Keras' count_params() gives 5,330,571 (42,023 non-trainable,
        // the Normalization layer's mean, variance and count included).
        Assert.Equal(5_330_571L, model.CountParams());
        Assert.Equal("efficientnetb0", model.Name);
        var names = model.Layers.Select(l => l.Name).ToList();
        // efficientnet.py layer by layer: input, rescaling, normalization, 4 stem, 227 in the 16 blocks, 3 top convolution, 3 classifier.
        Assert.Equal(240, names.Count);
        Assert.IsType<Rescaling>(model.Layers[1]);
        Assert.IsType<Normalization>(model.Layers[2]);
        Assert.Equal(["stem_conv_pad", "stem_conv", "stem_bn", "stem_activation", "block1a_dwconv", "block1a_bn", "block1a_activation",
                      "block1a_se_squeeze", "block1a_se_reshape", "block1a_se_reduce", "block1a_se_expand", "block1a_se_excite",
                      "block1a_project_conv", "block1a_project_bn", "block2a_expand_conv"], names.Skip(3).Take(15));
        Assert.Contains("block2b_drop", names);
        Assert.Contains("block2b_add", names);
        Assert.DoesNotContain("block2a_add", names);
        Assert.Equal(["top_conv", "top_bn", "top_activation", "avg_pool", "top_dropout", "predictions"], names.TakeLast(6));
        Assert.Equal("silu", ((Activation)model.Layers.Single(l => l.Name == "stem_activation")).Function.Name);
        // Drop-connect rate grows with the block index: 0.2 * b / 16; block2b is b = 2.
        Assert.Equal(0.2 * 2 / 16, ((Dropout)model.Layers.Single(l => l.Name == "block2b_drop")).Rate, 12);
        Assert.Equal(new Shape(null, 1000), model.Outputs[0].Shape);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void NoTopSaveLoadRoundTripReproducesPredict()
    {
        var model = Keras.Applications.EfficientNetB0(includeTop: false, weights: null, inputShape: new Shape(32, 32, 3), pooling: "avg");
        Assert.Equal(4_049_571L, model.CountParams());   // 5,330,571 minus predictions (1280 * 1000 + 1000)
        Assert.Equal(new Shape(null, 1280), model.Outputs[0].Shape);
        Assert.Equal(new Shape(null, 1, 1, 1280),
            Keras.Applications.EfficientNetB0(includeTop: false, weights: null, inputShape: new Shape(32, 32, 3)).Outputs[0].Shape);
        var dir = Directory.CreateTempSubdirectory("ks-effnet").FullName;
        try
        {
            var path = Path.Combine(dir, "effnet.keras");
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path);
            Assert.Equal(model.Layers.Select(l => l.Name), loaded.Layers.Select(l => l.Name));
            var x = Keras.Applications.Efficientnet.PreprocessInput(ApplicationTestSupport.RandomImages(2, 32));
            Assert.True(allclose(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), rtol: 1e-4, atol: 1e-5));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void ImagenetWeightsAddThePerChannelRescalingAndNameUrlAndPath()
    {
        using var cache = new ApplicationTestSupport(verifyHashes: true);
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Applications.EfficientNetB0(includeTop: false, inputShape: new Shape(32, 32, 3)));
        Assert.Contains("https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5", e.Message);
        Assert.Contains(Path.Combine(cache.ModelsFolder, "efficientnetb0_notop.h5"), e.Message);
        Assert.Contains("50bc09e76180e00e4465e1a485ddc09d", e.Message);

        using var unchecked_ = new ApplicationTestSupport(verifyHashes: false);
        var source = Keras.Applications.EfficientNetB0(includeTop: false, weights: null, inputShape: new Shape(32, 32, 3));
        ApplicationTestSupport.WriteLegacyWeights(source, Path.Combine(unchecked_.ModelsFolder, "efficientnetb0_notop.h5"));
        var loaded = Keras.Applications.EfficientNetB0(includeTop: false, inputShape: new Shape(32, 32, 3));
        var rescale = Assert.IsType<Rescaling>(loaded.Layers[3]);
        // Keras: Rescaling([1 / sqrt(stddev) for stddev in [0.229, 0.224, 0.225]]).
        Assert.Equal(new[] { 1 / Math.Sqrt(0.229), 1 / Math.Sqrt(0.224), 1 / Math.Sqrt(0.225) }, rescale.Scales);
        Assert.Equal(source.CountParams(), loaded.CountParams());
        var w0 = source.Layers.Single(l => l.Name == "top_conv").Weights[0];
        var w1 = loaded.Layers.Single(l => l.Name == "top_conv").Weights[0];
        Assert.True(equal(w0, w1).all().item<bool>());
    }

    [Fact]
    public void PreprocessInputIsIdentityAndBadArgumentsAreRefused()
    {
        var x = tensor(new float[] { 0, 128, 255 }).reshape(1, 1, 3);
        Assert.Same(x, Keras.Applications.Efficientnet.PreprocessInput(x));
        var e = Assert.Throws<ArgumentException>(() => Keras.Applications.EfficientNetB0(classes: 10));
        Assert.Contains("`classes` should be 1000", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Applications.EfficientNetB0(includeTop: false, weights: null, inputShape: new Shape(20, 64, 3)));
        Assert.Contains("Input size must be at least 32x32", e.Message);
    }
}
