using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Attention;

public class AttentionTests
{
    private static Tensor Q => tensor(new float[] { 1, 0 }).reshape(1, 1, 2);
    private static Tensor V => tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 2, 2);

    [Fact]
    public void Harness()
    {
        LayerTest.Run(() => new KerasSharp.Layers.Attention(), [2, 4, 3], [2, 4, 3]);
        LayerTest.Run(() => new KerasSharp.Layers.Attention(useScale: true, scoreMode: "concat"), [2, 4, 3], [2, 4, 3], trainableWeights: 2);
    }

    [Fact]
    public void Dot_IsSoftmaxOfQueryKeyTimesValue()
    {
        var y = new KerasSharp.Layers.Attention().Apply([Q, V]);
        // scores = q·k = [1, 3]; weights = softmax = [0.11920292, 0.88079708]; output = 0.1192*[1,2] + 0.8808*[3,4]
        TensorAssert.Close([2.76159416, 3.76159416], y, 1e-6);
    }

    [Fact]
    public void SeparateKey_IsUsedForScores()
    {
        var key = tensor(new float[] { 3, 0, 1, 0 }).reshape(1, 2, 2);
        var y = new KerasSharp.Layers.Attention().Apply([Q, V, key]);
        // scores = [3, 1] -> weights [0.88079708, 0.11920292] -> 0.8808*[1,2] + 0.1192*[3,4]
        TensorAssert.Close([1.23840584, 2.23840584], y, 1e-6);
    }

    [Fact]
    public void UseScale_AndConcat_MatchKerasFormulas()
    {
        var scaled = new KerasSharp.Layers.Attention(useScale: true);
        scaled.EnsureBuiltMulti([new Shape(null, 1, 2), new Shape(null, 2, 2)]);
        using (no_grad()) scaled.TrainableWeights[0].fill_(2);
        // scores = 2 * [1, 3] = [2, 6]
        TensorAssert.Close([2.96402758, 3.96402758], scaled.Apply([Q, V]), 1e-6);
        // concat: scores_j = Σ tanh(q + k_j) = [2 tanh 2, 2 tanh 4] -> weights [0.48235647, 0.51764353]
        TensorAssert.Close([2.03528706, 3.03528706], new KerasSharp.Layers.Attention(scoreMode: "concat").Apply([Q, V]), 1e-6);
    }

    [Fact]
    public void Masks_ExcludeValuesAndZeroQueries()
    {
        var layer = new KerasSharp.Layers.Attention();
        // value position 1 masked: all weight on value 0
        TensorAssert.Close([1, 2], layer.ApplyWithMasks([Q, V], valueMask: tensor(new[] { true, false }).reshape(1, 2)), 1e-6);
        // causal self-attention: position 0 sees only itself
        var x = tensor(new float[] { 1, 0, 0, 1 }).reshape(1, 2, 2);
        var y = layer.ApplyWithMasks([x, x], useCausalMask: true);
        TensorAssert.Close([1, 0], y[0, 0], 1e-6);
        var zeroed = layer.ApplyWithMasks([Q, V], queryMask: tensor(new[] { false }).reshape(1, 1));
        TensorAssert.Close([0, 0], zeroed, 1e-6);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new KerasSharp.Layers.Attention(scoreMode: "additive"));
        Assert.Contains("additive", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Attention(dropout: 1.0));
        Assert.Equal("dot", Keras.Attention().GetConfig()["score_mode"]);
    }
}
