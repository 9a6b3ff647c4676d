namespace KerasSharp.Tests.Applications;

/// <summary>Keras.Applications.VGG19 against keras/src/applications/vgg19.py and the keras.io applications table.</summary>
public class VGG19Tests
{
    [Fact]
    public void FullModelHasKerasParameterCountAndLayerNames()
    {
        var model = Keras.Applications.VGG19(weights: null);
        // keras.io/api/applications: VGG19 has 143.7M parameters; Keras' model.count_params() gives 143,667,240
        // (VGG16's 138,357,544 plus block3_conv4, block4_conv4 and block5_conv4).
        Assert.Equal(143_667_240L, model.CountParams());
        Assert.Equal("vgg19", model.Name);
        Assert.Equal(
            ["block1_conv1", "block1_conv2", "block1_pool", "block2_conv1", "block2_conv2", "block2_pool",
             "block3_conv1", "block3_conv2", "block3_conv3", "block3_conv4", "block3_pool",
             "block4_conv1", "block4_conv2", "block4_conv3", "block4_conv4", "block4_pool",
             "block5_conv1", "block5_conv2", "block5_conv3", "block5_conv4", "block5_pool", "flatten", "fc1", "fc2", "predictions"],
            model.Layers.Skip(1).Select(l => l.Name));
        Assert.Equal(new Shape(null, 1000), model.Outputs[0].Shape);
    }

    [Fact]
    public void NoTopHasKerasParameterCountAndPooling()
    {
        var none = Keras.Applications.VGG19(includeTop: false, weights: null, inputShape: new Shape(32, 32, 3));
        Assert.Equal(20_024_384L, none.CountParams());   // Keras: VGG19(include_top=False).count_params()
        Assert.Equal(new Shape(null, 1, 1, 512), none.Outputs[0].Shape);
        var avg = Keras.Applications.VGG19(includeTop: false, weights: null, pooling: "avg");
        Assert.Equal(new Shape(null, 512), avg.Outputs[0].Shape);
        var e = Assert.Throws<ArgumentException>(() => Keras.Applications.VGG19(classes: 10));
        Assert.Contains("`classes` should be 1000.  Received classes=10", e.Message);
    }

    [Fact]
    public void ImagenetWeightsWithoutNetworkNameKerasUrlAndHash()
    {
        using var cache = new ApplicationTestSupport(verifyHashes: true);
        var e = Assert.Throws<FileNotFoundException>(() => Keras.Applications.VGG19(includeTop: false, inputShape: new Shape(32, 32, 3)));
        Assert.Contains("https://storage.googleapis.com/tensorflow/keras-applications/vgg19/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5", e.Message);
        Assert.Contains("253f8cb515780f3b799900260a226db6", e.Message);
    }
}
