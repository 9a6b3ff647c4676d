using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Normalization;

/// <summary>
/// LayerNormalization on LibTorch's fused <c>layer_norm</c> against the op-by-op formula of the same layer with the same
/// weights: outputs and the gradients of a weighted sum of the output with respect to the input, gamma and beta agree
/// within 1e-6 (float32 rounding of the kernel's other summation order). The formula itself is checked against Keras
/// in the reference tests; the fused path runs where Keras' torch path calls <c>layer_norm</c> (not rms_scaling,
/// trailing axes).
/// </summary>
public class FusedLayerNormalizationTests
{
    /// <summary>Output and the gradients of sum(output * fixed random weights) w.r.t. the input and the trainable weights.</summary>
    private static (Tensor Output, Tensor[] Grads) OutputAndGrads(LayerNormalization layer, Tensor input)
    {
        var x = input.detach().clone().requires_grad_(true);
        var y = layer.Apply(x, training: true);
        var loss = (y * rand(y.shape, dtype: y.dtype, generator: new TorchSharp.torch.Generator(11))).sum();
        var wanted = new[] { x }.Concat(layer.TrainableWeights.Select(w => (Tensor)w)).ToList();
        var grads = autograd.grad([loss], wanted);
        return (y.detach(), grads.ToArray());
    }

    /// <summary>|fused - explicit| &lt;= 1e-6 * max(1, |explicit|).</summary>
    private static void AssertClose(Tensor expected, Tensor actual, string what) => TensorAssert.FusedClose(expected, actual, what);

    /// <summary>
    /// Builds two layers made by <paramref name="create"/> with the same random gamma and beta (Keras' ones and zeros
    /// would leave them out of the comparison), runs one on the fused kernel and one op by op, and compares.
    /// </summary>
    private static void AssertSameAsExplicit(Func<LayerNormalization> create, Tensor input, bool expectFused = true)
    {
        var fused = create();
        var plain = create();
        plain.FusedKernelAllowed = false;
        fused.EnsureBuilt(new Shape([null, .. input.shape[1..]]));
        plain.EnsureBuilt(new Shape([null, .. input.shape[1..]]));
        using (no_grad())
        {
            var g = new TorchSharp.torch.Generator(3);
            for (int i = 0; i < fused.Weights.Count; i++)
            {
                fused.Weights[i].copy_(randn(fused.Weights[i].shape, dtype: fused.Weights[i].dtype, generator: g) * 0.5 + 1);
                plain.Weights[i].copy_(fused.Weights[i]);
            }
        }
        var (fy, fg) = OutputAndGrads(fused, input);
        Assert.Equal(expectFused, fused.LastCallFused);
        var (py, pg) = OutputAndGrads(plain, input);
        Assert.False(plain.LastCallFused);
        AssertClose(py, fy, "output");
        Assert.Equal(pg.Length, fg.Length);
        for (int i = 0; i < pg.Length; i++) AssertClose(pg[i], fg[i], $"gradient {i}");
    }

    private static Tensor Input(long[] shape, ScalarType dtype = ScalarType.Float32) =>
        (randn(shape, dtype: dtype, generator: new TorchSharp.torch.Generator(7)) * 3 + 1);

    [Fact]
    public void LastAxisOfSequencesMatchesTheFormula() =>
        AssertSameAsExplicit(() => new LayerNormalization(epsilon: 1e-6), Input([4, 9, 16]));

    [Fact]
    public void LastAxisOfRowsMatchesTheFormula() =>
        AssertSameAsExplicit(() => new LayerNormalization(), Input([6, 33]));

    [Fact]
    public void SeveralTrailingAxesMatchTheFormula()
    {
        AssertSameAsExplicit(() => new LayerNormalization(new[] { 1, 2, 3 }), Input([3, 4, 5, 6]));
        AssertSameAsExplicit(() => new LayerNormalization(new[] { -2, -1 }), Input([3, 4, 5, 6]));
    }

    [Fact]
    public void WithoutCenterOrScaleMatchesTheFormula()
    {
        AssertSameAsExplicit(() => new LayerNormalization(center: false), Input([4, 7, 10]));
        AssertSameAsExplicit(() => new LayerNormalization(scale: false), Input([4, 7, 10]));
        AssertSameAsExplicit(() => new LayerNormalization(center: false, scale: false), Input([4, 7, 10]));
    }

    [Fact]
    public void Float64InputsMatchTheFormula()
    {
        // The layer casts its input to its float32 compute dtype first, as Keras does; both paths see the same float32 input.
        AssertSameAsExplicit(() => new LayerNormalization(center: false, scale: false), Input([4, 8, 12], ScalarType.Float64));
        AssertSameAsExplicit(() => new LayerNormalization(), Input([4, 8, 12], ScalarType.Float64));
    }

    [Fact]
    public void RmsScalingAndOtherAxesKeepTheFormula()
    {
        AssertSameAsExplicit(() => new LayerNormalization(rmsScaling: true), Input([4, 7, 10]), expectFused: false);
        AssertSameAsExplicit(() => new LayerNormalization(1), Input([4, 7, 10]), expectFused: false);
        AssertSameAsExplicit(() => new LayerNormalization(new[] { 2, 1 }), Input([4, 7, 10]), expectFused: false);
    }
}
