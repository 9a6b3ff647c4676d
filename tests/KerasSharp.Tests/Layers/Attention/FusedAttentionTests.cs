using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Attention;

/// <summary>
/// MultiHeadAttention on LibTorch's <c>scaled_dot_product_attention</c> against the explicit einsum-style path of the same
/// layer with the same weights: outputs and the gradients of a weighted sum of the output with respect to query, value,
/// key and every projection weight agree within 1e-6 (float32 rounding of the kernel's other summation order). The
/// explicit path itself is checked against Keras in <see cref="MultiHeadAttentionTests"/> and the conformance corpus;
/// the fused path runs under the conditions of Keras' torch path (keras/src/layers/attention/multi_head_attention.py,
/// <c>_compute_attention</c>: not (dropout > 0 and training) and not return_attention_scores and projected rank 4).
/// </summary>
[Collection(GlobalState.Name)]
public class FusedAttentionTests
{
    private const long Batch = 3, Tq = 5, Tv = 7, Dim = 8;

    private static void CopyWeights(Layer source, Layer target)
    {
        using var _ = no_grad();
        Assert.Equal(source.Weights.Count, target.Weights.Count);
        for (int i = 0; i < source.Weights.Count; i++) target.Weights[i].copy_(source.Weights[i]);
    }

    private sealed record Masks(Tensor? Attention = null, Tensor? Query = null, Tensor? Value = null, Tensor? Key = null, bool Causal = false);

    /// <summary>Output and the gradients of sum(output * fixed random weights) w.r.t. the inputs and the trainable weights.</summary>
    private static (Tensor Output, Tensor[] Grads) OutputAndGrads(MultiHeadAttention layer, Tensor[] inputs, Masks masks, bool training)
    {
        var xs = inputs.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var y = layer.ApplyWithMasks(xs, masks.Attention, masks.Causal, training, masks.Query, masks.Value, masks.Key);
        var loss = (y * rand(y.shape, generator: new TorchSharp.torch.Generator(11))).sum();
        var wanted = xs.Concat(layer.TrainableWeights.Select(w => (Tensor)w)).ToList();
        var grads = TorchSharp.torch.autograd.grad([loss], wanted, allow_unused: true);
        return (y.detach(), grads.Select(g => g ?? zeros(1)).ToArray());
    }

    /// <summary>|fused - explicit| &lt;= 1e-6 * max(1, |explicit|).</summary>
    private static void AssertClose(Tensor expected, Tensor actual, string what) => TensorAssert.FusedClose(expected, actual, what);

    /// <summary>
    /// Runs a layer made by <paramref name="create"/> (Keras' initial weights: glorot_uniform kernels, and random
    /// normal biases so that every bias matters) on the fused kernel and a copy with the same weights on the explicit
    /// path, and compares the output and every gradient.
    /// </summary>
    private static void AssertSameAsExplicit(Func<MultiHeadAttention> create, Tensor[] inputs, Masks masks, bool training = false, bool expectFused = true)
    {
        random.manual_seed(5);
        var fused = create();
        var plain = create();
        plain.FusedKernelAllowed = false;
        fused.ApplyAll(inputs);
        plain.ApplyAll(inputs);
        CopyWeights(fused, plain);
        var (fy, fg) = OutputAndGrads(fused, inputs, masks, training);
        Assert.Equal(expectFused, fused.LastCallFused);
        var (py, pg) = OutputAndGrads(plain, inputs, masks, training);
        Assert.False(plain.LastCallFused);
        AssertClose(py, fy, "output");
        Assert.Equal(pg.Length, fg.Length);
        for (int i = 0; i < pg.Length; i++) AssertClose(pg[i], fg[i], $"gradient {i}");
    }

    /// <summary>A MultiHeadAttention with random normal biases (Keras' default zeros would leave them out of the comparison).</summary>
    private static MultiHeadAttention Mha(int numHeads, int keyDim, int? valueDim = null, double dropout = 0.0, bool useBias = true, Shape? outputShape = null) =>
        new(numHeads, keyDim, valueDim, dropout, useBias, outputShape, biasInitializer: new KerasSharp.Initializers.RandomNormal());

    private static Tensor Seq(long steps, long features, ulong seed) => randn([Batch, steps, features], generator: new TorchSharp.torch.Generator(seed));

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(3, 5)]
    public void SelfAttentionMatchesExplicitPath(int heads, int keyDim)
    {
        var x = Seq(Tq, Dim, 1);
        AssertSameAsExplicit(() => Mha(heads, keyDim), [x, x], new Masks());
    }

    [Theory]
    [InlineData(2, 4, 3)]
    [InlineData(4, 2, 6)]
    public void CrossAttentionWithKeyAndValueDimMatchesExplicitPath(int heads, int keyDim, int valueDim)
    {
        var q = Seq(Tq, Dim, 1);
        var v = Seq(Tv, 6, 2);
        var k = Seq(Tv, 5, 3);
        AssertSameAsExplicit(() => Mha(heads, keyDim, valueDim: valueDim, outputShape: 4), [q, v, k], new Masks());
        AssertSameAsExplicit(() => Mha(heads, keyDim, useBias: false), [q, v], new Masks());
    }

    [Fact]
    public void CausalMaskMatchesExplicitPath()
    {
        var x = Seq(Tq, Dim, 1);
        AssertSameAsExplicit(() => Mha(2, 4), [x, x], new Masks(Causal: true));
        // query and value of different lengths: Keras' mask is row >= column, aligned at the top left
        AssertSameAsExplicit(() => Mha(2, 4), [x, Seq(Tv, Dim, 2)], new Masks(Causal: true));
        AssertSameAsExplicit(() => Mha(2, 4), [Seq(Tv, Dim, 2), x], new Masks(Causal: true));
    }

    [Fact]
    public void PaddingMasksMatchExplicitPathIncludingFullyMaskedQueryRows()
    {
        var q = Seq(Tq, Dim, 1);
        var v = Seq(Tv, Dim, 2);
        var valueMask = tensor(new long[] { 7, 4, 1 }).unsqueeze(1).gt(arange(Tv).unsqueeze(0));      // right padding
        var queryMask = tensor(new long[] { 5, 2, 3 }).unsqueeze(1).gt(arange(Tq).unsqueeze(0));
        AssertSameAsExplicit(() => Mha(2, 4), [q, v], new Masks(Value: valueMask));
        AssertSameAsExplicit(() => Mha(2, 4), [q, v], new Masks(Query: queryMask, Value: valueMask, Key: valueMask.to_type(ScalarType.Float32)));
        AssertSameAsExplicit(() => Mha(2, 4), [q, q], new Masks(Query: queryMask, Value: queryMask, Causal: true));
        // an explicit (batch, Tq, Tv) mask with some rows that see nothing: zero weights, as Keras' masked softmax
        var attention = rand([Batch, Tq, Tv], generator: new TorchSharp.torch.Generator(4)).gt(0.5);
        attention[0, 1] = zeros(Tv, ScalarType.Bool);
        attention[2] = zeros([Tq, Tv], ScalarType.Bool);
        AssertSameAsExplicit(() => Mha(3, 2), [q, v], new Masks(Attention: attention));
    }

    [Fact]
    public void DropoutInTrainingScoresAndOtherRanksKeepTheExplicitPath()
    {
        var x = Seq(Tq, Dim, 1);
        // dropout only matters in training: inference with a dropout rate runs on the kernel
        AssertSameAsExplicit(() => Mha(2, 4, dropout: 0.5), [x, x], new Masks(), training: false);
        // training without a dropout rate runs on the kernel too
        AssertSameAsExplicit(() => Mha(2, 4), [x, x], new Masks(Causal: true), training: true);

        var dropping = Mha(2, 4, dropout: 0.5);
        dropping.ApplyWithMasks([x, x], training: true);
        Assert.False(dropping.LastCallFused);

        var scored = Mha(2, 4);
        var (_, scores) = scored.ApplyWithScores([x, x]);
        Assert.False(scored.LastCallFused);
        Assert.Equal(new long[] { Batch, 2, Tq, Tq }, scores.shape);

        var rank4 = Mha(2, 2);
        rank4.Apply([randn(2, 3, 4, 5), randn(2, 3, 4, 5)]);
        Assert.False(rank4.LastCallFused);
    }

    [Fact]
    public void LastAttentionScoresAfterAFusedCallAreTheExplicitWeights()
    {
        var q = Seq(Tq, Dim, 1);
        var v = Seq(Tv, Dim, 2);
        var valueMask = tensor(new long[] { 7, 4, 1 }).unsqueeze(1).gt(arange(Tv).unsqueeze(0));
        random.manual_seed(5);
        var mha = Mha(2, 4);
        mha.ApplyWithMasks([q, v], valueMask: valueMask);
        Assert.True(mha.LastCallFused);
        var (_, expected) = mha.ApplyWithScores([q, v], valueMask: valueMask);
        mha.ApplyWithMasks([q, v], valueMask: valueMask);
        Assert.True(mha.LastCallFused);
        Assert.Equal(expected.data<float>().ToArray(), mha.LastAttentionScores!.data<float>().ToArray());
        TensorAssert.Close(zeros(Batch, 2, Tq, Tv - 1)[2], mha.LastAttentionScores![2, .., .., 1..], 0);
    }
}
