using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>Checks shared by the random augmentation layers.</summary>
internal static class AugmentationTestSupport
{
    /// <summary>A 4x4 single-channel image whose value is <c>4 * row + column</c>, channels_last, batch of one.</summary>
    public static Tensor Ramp4x4() => arange(16, ScalarType.Float32).reshape(1, 4, 4, 1);

    /// <summary>Identity in inference; same shape and changed values in training; same output for the same seed.</summary>
    public static void IdentityInInference_ChangesInTraining_DeterministicWithSeed(Func<int?, Layer> make)
    {
        using var scope = NewDisposeScope();
        Keras.Utils.SetRandomSeed(5);
        var x = rand(4, 8, 8, 3);
        var layer = make(7);
        Assert.True(layer.Apply(x, training: false).sub(x).abs().max().item<float>() == 0, $"{layer.Name} must be the identity in inference");
        var y = layer.Apply(x, training: true);
        Assert.Equal(x.shape, y.shape);
        Assert.True((y - x).abs().max().item<float>() > 1e-3, $"{layer.Name} must change its input in training");
        var again = make(7).Apply(x, training: true);
        Assert.True(y.allclose(again), $"{layer.Name}: the same seed must give the same output");
        var single = make(7).Apply(x[0], training: true);
        Assert.Equal(x[0].shape, single.shape);
    }
}
