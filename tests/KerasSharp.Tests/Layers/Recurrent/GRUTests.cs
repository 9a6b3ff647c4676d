using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

[Collection(GlobalState.Name)]

public class GRUTests
{
    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new GRU(3), [2, 4, 5], [2, 3], trainableWeights: 3);
        LayerTest.Run(() => new GRU(3, resetAfter: false, returnSequences: true), [2, 4, 5], [2, 4, 3], trainableWeights: 3);
    }

    private static GRU Fixed(bool resetAfter)
    {
        var gru = new GRU(1, resetAfter: resetAfter);
        gru.EnsureBuilt([null, null, 1]);
        using (no_grad())
        {
            gru.Cell.Kernel!.copy_(tensor(new float[] { 0.5f, -0.3f, 0.8f }).reshape(1, 3));
            gru.Cell.RecurrentKernel!.copy_(tensor(new float[] { 0.2f, 0.4f, -0.6f }).reshape(1, 3));
            if (resetAfter)
                gru.Cell.Bias!.copy_(tensor(new float[] { 0.1f, 0.2f, 0.3f, 0.05f, -0.1f, 0.2f }).reshape(2, 3));
            else
                gru.Cell.Bias!.copy_(tensor(new float[] { 0.1f, 0.2f, 0.3f }));
        }
        return gru;
    }

    [Fact]
    public void OneStepResetAfterMatchesHandComputation()
    {
        var gru = Fixed(resetAfter: true);
        var y = gru.ApplyAll([full(1, 1, 1, 1.0f), full(1, 1, 0.5f)])[0];
        // x = 1, h0 = 0.5. kernel [z, r, h] = [0.5, -0.3, 0.8], input bias [0.1, 0.2, 0.3] -> x_z = 0.6, x_r = -0.1, x_h = 1.1
        // m = h0 * [0.2, 0.4, -0.6] + recurrent bias [0.05, -0.1, 0.2] = [0.15, 0.1, -0.1]
        // z = σ(0.75), r = σ(0) = 0.5, hh = tanh(1.1 + 0.5 * -0.1), h = z * 0.5 + (1 - z) * hh = 0.59040948
        TensorAssert.Close(0.59040948, y, 1e-6);
    }

    [Fact]
    public void OneStepResetBeforeMatchesHandComputation()
    {
        var gru = Fixed(resetAfter: false);
        var y = gru.ApplyAll([full(1, 1, 1, 1.0f), full(1, 1, 0.5f)])[0];
        // bias [0.1, 0.2, 0.3]: z = σ(0.6 + 0.5*0.2) = σ(0.7), r = σ(-0.1 + 0.5*0.4) = σ(0.1)
        // hh = tanh(1.1 + (r * 0.5) * -0.6), h = z * 0.5 + (1 - z) * hh = 0.57843099
        TensorAssert.Close(0.57843099, y, 1e-6);
    }

    [Fact]
    public void BiasShapeDependsOnResetAfter()
    {
        var a = new GRU(4);
        a.EnsureBuilt([null, 2, 3]);
        Assert.Equal(new long[] { 3, 12 }, a.Cell.Kernel!.shape);
        Assert.Equal(new long[] { 4, 12 }, a.Cell.RecurrentKernel!.shape);
        Assert.Equal(new long[] { 2, 12 }, a.Cell.Bias!.shape);
        var b = new GRU(4, resetAfter: false);
        b.EnsureBuilt([null, 2, 3]);
        Assert.Equal(new long[] { 12 }, b.Cell.Bias!.shape);
        Assert.Equal(true, a.GetConfig()["reset_after"]);
        Assert.Equal("gru_cell", a.Cell.Name);
    }

    [Fact]
    public void ReturnStateGivesOutputAndH()
    {
        var outs = Keras.GRU(3, returnState: true).ApplyAll([randn(2, 4, 5)]);
        Assert.Equal(2, outs.Count);
        TensorAssert.Close(outs[0], outs[1]);
    }
}
