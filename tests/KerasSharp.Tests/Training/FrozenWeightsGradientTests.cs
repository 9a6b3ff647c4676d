using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Frozen weights get no gradient (Keras' torch backend ties requires_grad to trainability): backward stops at a frozen
/// base, its weights stay as they are, and unfreezing makes them train again.
/// </summary>
[Collection(GlobalState.Name)]
public class FrozenWeightsGradientTests
{
    [Fact]
    public void FrozenLayerGetsNoGradientAndTrainsAgainWhenUnfrozen()
    {
        Keras.Utils.SetRandomSeed(5);
        var baseLayer = new Dense(8, activation: "relu");
        var head = new Dense(2);
        var model = new Sequential([new Input([4]), baseLayer, head]);
        model.Compile("adam", "mse");
        var g = new Generator(1);
        var x = randn([32, 4], generator: g);
        var y = randn([32, 2], generator: g);

        baseLayer.Trainable = false;
        var frozenBefore = baseLayer.Kernel!.detach().clone();
        var headBefore = head.Kernel!.detach().clone();
        model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0, shuffle: false);
        Assert.False(baseLayer.Kernel.requires_grad);
        Assert.True(baseLayer.Kernel.grad is null);
        TensorAssert.Close(frozenBefore, baseLayer.Kernel, 0);
        Assert.False(headBefore.allclose(head.Kernel!));

        baseLayer.Trainable = true;
        model.Compile("adam", "mse");   // a new optimizer for the new list of trainable weights, as in Keras
        model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0, shuffle: false);
        Assert.True(baseLayer.Kernel.requires_grad);
        Assert.False(frozenBefore.allclose(baseLayer.Kernel));
    }
}
