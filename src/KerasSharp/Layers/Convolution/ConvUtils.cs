using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasSharp.Layers;

/// <summary>
/// Shared rules of the convolution and pooling layers: argument normalization (Keras' <c>standardize_padding</c>,
/// <c>standardize_data_format</c>), TensorFlow's output-size and "same"-padding arithmetic, layout permutes between
/// Keras' channels_last and TorchSharp's channels_first, and rank-generic TorchSharp calls.
/// </summary>
internal static class ConvUtils
{
    /// <summary>Keras' <c>standardize_padding</c>: lower-cases and checks against "valid", "same" (and "causal" when allowed).</summary>
    public static string Padding(string padding, bool allowCausal, string owner)
    {
        ArgumentNullException.ThrowIfNull(padding);
        string p = padding.ToLowerInvariant();
        string[] allowed = allowCausal ? ["valid", "same", "causal"] : ["valid", "same"];
        if (!allowed.Contains(p))
            throw new ArgumentException(
                $"{owner}: 'padding' must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, but received \"{padding}\".", nameof(padding));
        return p;
    }

    /// <summary>Keras' <c>standardize_data_format</c>: "channels_last" or "channels_first" (case-insensitive).</summary>
    public static string DataFormat(string dataFormat, string owner)
    {
        ArgumentNullException.ThrowIfNull(dataFormat);
        string f = dataFormat.ToLowerInvariant();
        if (f != "channels_last" && f != "channels_first")
            throw new ArgumentException(
                $"{owner}: 'dataFormat' must be \"channels_last\" or \"channels_first\", but received \"{dataFormat}\".", nameof(dataFormat));
        return f;
    }

    /// <summary>A tuple argument expanded to <paramref name="rank"/> values &gt;= <paramref name="min"/>, or <paramref name="fallback"/> when null.</summary>
    public static int[] Tuple(IntTuple? value, int fallback, int rank, string argument, string owner, int min = 1) =>
        value is IntTuple t ? t.Expand(rank, argument, owner, min) : Enumerable.Repeat(fallback, rank).ToArray();

    /// <summary>Effective kernel extent with dilation: <c>(k - 1) * d + 1</c>.</summary>
    public static long Effective(int kernel, int dilation) => (long)(kernel - 1) * dilation + 1;

    /// <summary>
    /// TensorFlow's output length of a convolution or pooling window: valid <c>floor((n - k_eff) / s) + 1</c>,
    /// same/causal <c>ceil(n / s)</c>. Unknown stays unknown; a non-positive size throws naming the layer.
    /// </summary>
    public static long? OutputLength(long? input, int kernel, int stride, int dilation, string padding, string owner, Shape inputShape)
    {
        if (input is not long n) return null;
        long k = Effective(kernel, dilation);
        long result = padding == "valid" ? (long)Math.Floor((double)(n - k) / stride) + 1 : (n + stride - 1) / stride;
        if (result <= 0)
            throw new ArgumentException(
                $"Layer \"{owner}\": computed output size would be {result} (not positive) for input shape {inputShape}, window size {kernel}, stride {stride}, dilation {dilation} and padding \"{padding}\".");
        return result;
    }

    /// <summary>TensorFlow's "same" padding for one axis: total <c>max((ceil(n/s) - 1) * s + k_eff - n, 0)</c>, the smaller half first.</summary>
    public static (long Before, long After) SamePadding(long input, int kernel, int stride, int dilation)
    {
        long output = (input + stride - 1) / stride;
        long total = Math.Max((output - 1) * stride + Effective(kernel, dilation) - input, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>
    /// Pads the spatial axes of a channels_first tensor as <paramref name="padding"/> requires. When both sides are
    /// equal on every axis nothing is copied and the amounts come back in <paramref name="symmetric"/> for the op's own
    /// padding argument; otherwise (odd totals: one more at the end, as TensorFlow; causal: all at the start) the
    /// tensor is padded with <paramref name="value"/> and <paramref name="symmetric"/> is all zeros.
    /// </summary>
    public static Tensor Pad(Tensor x, string padding, int[] kernel, int[] strides, int[] dilation, double value, bool allowSymmetric, out long[] symmetric)
    {
        int rank = kernel.Length;
        symmetric = new long[rank];
        if (padding == "valid") return x;
        var before = new long[rank];
        var after = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            if (padding == "causal")
                before[i] = Effective(kernel[i], dilation[i]) - 1;
            else
                (before[i], after[i]) = SamePadding(x.shape[2 + i], kernel[i], strides[i], dilation[i]);
        }
        if (allowSymmetric && before.SequenceEqual(after))
        {
            symmetric = before;
            return x;
        }
        if (before.All(b => b == 0) && after.All(a => a == 0)) return x;
        // F.pad takes (before, after) pairs starting from the last axis.
        var pads = new long[2 * rank];
        for (int i = 0; i < rank; i++)
        {
            pads[2 * i] = before[rank - 1 - i];
            pads[2 * i + 1] = after[rank - 1 - i];
        }
        return F.pad(x, pads, value: value);
    }

    /// <summary>channels_last <c>(N, d1.., C)</c> to channels_first <c>(N, C, d1..)</c> (a view).</summary>
    public static Tensor ToChannelsFirst(Tensor x)
    {
        int r = (int)x.dim();
        return x.permute([0, r - 1, .. Enumerable.Range(1, r - 2).Select(i => (long)i)]);
    }

    /// <summary>channels_first <c>(N, C, d1..)</c> to channels_last <c>(N, d1.., C)</c> (a view).</summary>
    public static Tensor ToChannelsLast(Tensor x)
    {
        int r = (int)x.dim();
        return x.permute([0, .. Enumerable.Range(2, r - 2).Select(i => (long)i), 1]);
    }

    /// <summary>
    /// Rank-generic TorchSharp convolution on channels_first input with a torch-layout weight. Grouped convolutions
    /// get a contiguous input: LibTorch 2.10 on CPU returns wrong values for a channels_last-strided input when
    /// groups equal the input channels and each group has several outputs (a depthwise multiplier above 1).
    /// </summary>
    public static Tensor Conv(Tensor x, Tensor weight, Tensor? bias, int[] strides, long[] padding, int[] dilation, long groups)
    {
        if (groups > 1) x = x.contiguous();
        return strides.Length switch
        {
            1 => F.conv1d(x, weight, bias, strides[0], padding[0], dilation[0], groups),
            2 => F.conv2d(x, weight, bias, L(strides), padding, L(dilation), groups),
            _ => F.conv3d(x, weight, bias, L(strides), padding, L(dilation), groups),
        };
    }

    /// <summary>
    /// Keras' depthwise kernel <c>(k..., in, m)</c> as TorchSharp's grouped weight <c>(in * m, 1, k...)</c> (output
    /// <c>c * m + j</c>, TensorFlow's channel-major order); run it with <c>groups = in</c>.
    /// </summary>
    public static Tensor DepthwiseWeight(Tensor kernel, int rank)
    {
        var k = kernel.shape;
        return kernel.reshape([.. k[..rank], k[rank] * k[rank + 1]])
            .permute([rank, .. Enumerable.Range(0, rank).Select(i => (long)i)])
            .unsqueeze(1);
    }

    /// <summary>
    /// Rank-generic transposed convolution (no padding, no output padding) of a channels_first input <c>(N, in, T...)</c>
    /// with a TorchSharp-layout weight <c>(in, out, k...)</c>: the full output <c>(N, out, (T - 1) * s + (k - 1) * d + 1, ...)</c>
    /// from LibTorch's <c>conv_transpose</c>. On virtual AMD CPUs that hide their cache topology, oneDNN's AVX kernels
    /// behind it return wrong float32 values; <see cref="Runtime.OneDnnGuard"/> caps oneDNN at SSE4.1 there before the
    /// first convolution. <c>ConvTransposeKernelTests</c> checks this against plain loops.
    /// </summary>
    public static Tensor ConvTranspose(Tensor x, Tensor weight, int[] strides, int[] dilation) =>
        strides.Length switch
        {
            1 => F.conv_transpose1d(x, weight, stride: strides[0], dilation: dilation[0]),
            2 => F.conv_transpose2d(x, weight, strides: L(strides), dilation: L(dilation)),
            _ => F.conv_transpose3d(x, weight, strides: L(strides), dilation: L(dilation)),
        };

    /// <summary>Rank-generic max pooling on channels_first input.</summary>
    public static Tensor MaxPool(Tensor x, int[] pool, int[] strides, long[] padding) =>
        pool.Length switch
        {
            1 => F.max_pool1d(x, pool[0], strides[0], padding[0]),
            2 => F.max_pool2d(x, L(pool), L(strides), padding),
            _ => F.max_pool3d(x, L(pool), L(strides), padding),
        };

    /// <summary>Rank-generic average pooling on channels_first input.</summary>
    public static Tensor AvgPool(Tensor x, int[] pool, int[] strides, long[] padding, bool countIncludePad) =>
        pool.Length switch
        {
            1 => F.avg_pool1d(x, pool[0], strides[0], padding[0], count_include_pad: countIncludePad),
            2 => F.avg_pool2d(x, L(pool), L(strides), padding, count_include_pad: countIncludePad),
            _ => F.avg_pool3d(x, L(pool), L(strides), padding, count_include_pad: countIncludePad),
        };

    /// <summary>int[] to long[].</summary>
    public static long[] L(int[] values) => values.Select(v => (long)v).ToArray();
}
