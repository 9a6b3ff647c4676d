using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Activations;

[Collection(GlobalState.Name)]

public class PReLUTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new PReLU(), [2, 3, 4], [2, 3, 4], trainableWeights: 1);

    [Fact]
    public void AlphaScalesNegativeInputs()
    {
        var layer = new PReLU();
        layer.EnsureBuilt([null, 2]);
        Assert.StartsWith("p_re_lu", layer.Name);
        TensorAssert.Close([0, 0], layer.Alpha!);  // Keras' default initializer is zeros (plain ReLU at first)
        using (no_grad()) layer.Alpha!.copy_(tensor(new float[] { 0.1f, 0.5f }));
        // [-2, 3] -> [0.1 * -2, 3] = [-0.2, 3]; [4, -6] -> [4, 0.5 * -6] = [4, -3]
        TensorAssert.Close([-0.2, 3, 4, -3], layer.Apply(tensor(new float[] { -2, 3, 4, -6 }).reshape(2, 2)), 1e-6);
    }

    [Fact]
    public void SharedAxesGiveOneAlphaPerChannel()
    {
        var layer = new PReLU(alphaInitializer: "ones", sharedAxes: (1, 2));
        layer.EnsureBuilt([null, 4, 5, 3]);
        Assert.Equal(new long[] { 1, 1, 3 }, layer.Alpha!.shape);
        Assert.Equal(new[] { 1, 2 }, (int[])layer.GetConfig()["shared_axes"]!);
        var e = Assert.Throws<ArgumentException>(() => layer.Apply(ones(2, 4, 5, 2)));
        Assert.Contains("expected axis 3 of input shape to have value 3", e.Message);
    }

    [Fact]
    public void BadSharedAxisIsRejected() =>
        Assert.Contains("(0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new PReLU(sharedAxes: (0, 1))).Message);
}
