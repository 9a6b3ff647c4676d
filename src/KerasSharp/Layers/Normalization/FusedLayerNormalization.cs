using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The fused path of <see cref="LayerNormalization"/>: LibTorch's <c>layer_norm</c> (one native call forward, one
/// backward, instead of about seven element-wise ops and their broadcast reductions each way), under the condition of
/// Keras' own torch path (<c>keras/src/ops/nn.py</c>, <c>_layer_normalization</c>: not <c>rms_scaling</c>, and the
/// normalised axes contiguous, where Keras calls <c>torch.nn.functional.layer_norm</c>). Here the axes must be the
/// trailing axes of the input in increasing order, the only layout <c>layer_norm</c> normalises over, so that
/// <c>gamma</c> and <c>beta</c> (built with the sizes of the axes in the given order) have exactly the normalised shape.
/// The kernel computes the same mean, biased variance and <c>(x - mean) * rsqrt(var + epsilon) * gamma + beta</c> in
/// another summation order: results agree with the op-by-op formula within float rounding (1e-6 relative;
/// <c>FusedLayerNormalizationTests</c>).
/// </summary>
internal static class FusedLayerNormalization
{
    /// <summary>False when <c>KERASSHARP_FUSED_LAYER_NORM=0</c> is set in the environment (every layer created after
    /// then computes the formula op by op).</summary>
    public static bool EnabledByEnvironment { get; } = Environment.GetEnvironmentVariable("KERASSHARP_FUSED_LAYER_NORM") != "0";

    /// <summary>Whether the fused kernel computes the layer's formula: not RMS scaling, a float32 or float64 input whose
    /// dtype the weights share (<paramref name="weightDtype"/>; no type promotion), and <paramref name="axes"/>
    /// (resolved, non-negative) the trailing axes of <paramref name="rank"/> in increasing order.</summary>
    public static bool Applies(bool rmsScaling, long[] axes, int rank, ScalarType dtype, ScalarType weightDtype)
    {
        if (rmsScaling || axes.Length == 0 || axes.Length > rank) return false;
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64) || weightDtype != dtype) return false;
        for (int i = 0; i < axes.Length; i++)
            if (axes[i] != rank - axes.Length + i) return false;
        return true;
    }

    /// <summary><c>layer_norm(x, normalized_shape = the sizes of the trailing axes, gamma, beta, epsilon)</c>; a null
    /// <paramref name="gamma"/> or <paramref name="beta"/> leaves that term out.</summary>
    public static Tensor Normalize(Tensor x, int normalizedAxes, Tensor? gamma, Tensor? beta, double epsilon)
    {
        int rank = (int)x.dim();
        var shape = new long[normalizedAxes];
        for (int i = 0; i < normalizedAxes; i++) shape[i] = x.size(rank - normalizedAxes + i);
        return nn.functional.layer_norm(x, shape, gamma, beta, epsilon);
    }
}
