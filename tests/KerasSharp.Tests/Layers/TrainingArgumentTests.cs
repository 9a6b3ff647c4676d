using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>
/// Keras 3's resolution of the training argument (keras/src/layers/layer.py, Layer.__call__): the value passed, else
/// the enclosing call's (call context), else the default of the layer's call signature.
/// </summary>
public class TrainingArgumentTests
{
    /// <summary>A custom layer that applies a Dropout without passing training on, as Keras code often does.</summary>
    private sealed class DropInside : Layer
    {
        private readonly Dropout dropout = new(0.5, seed: 3);

        public DropInside() : base("drop_inside") { }

        protected override Tensor Call(Tensor x, bool training) => dropout.Apply(x);
    }

    [Fact]
    public void DirectCallsUseTheLayerDefault()
    {
        var x = ones(64, 8);
        // Dropout's call(inputs, training=False): a direct call is the identity.
        TensorAssert.Close(x, Dropout(0.5).Apply(x), 0);
        // RandomFlip's call(data, training=True): a direct call augments (horizontal flip of a left-right ramp).
        var ramp = arange(4, dtype: ScalarType.Float32).reshape(1, 1, 4, 1).expand(32, 1, 4, 1).contiguous();
        var flipped = new RandomFlip("horizontal", seed: 1).Apply(ramp);
        Assert.True(flipped.ne(ramp).any().item<bool>(), "RandomFlip called directly should flip some images");
        // Passing training: false switches it off.
        TensorAssert.Close(ramp, new RandomFlip("horizontal", seed: 1).Apply(ramp, training: false), 0);
    }

    [Fact]
    public void InnerLayersFollowTheEnclosingCall()
    {
        var layer = new DropInside();
        var x = ones(64, 8);
        TensorAssert.Close(x, layer.Apply(x), 0);                        // outer default: inference
        var trained = layer.Apply(x, training: true);                     // the Dropout inherits training=True
        Assert.True(trained.eq(0).any().item<bool>());
        // Kept units are scaled by 1 / (1 - rate), as Keras' Dropout does.
        Assert.True(trained.eq(0).logical_or(trained.eq(2)).all().item<bool>());
    }
}
