using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Convolution;

/// <summary>
/// Plain float64 loops of TensorFlow's convolution semantics (what Keras computes), independent of the layers and of
/// LibTorch: channels_last arrays, "same" padding with the odd cell at the end, transposed convolutions cropped as
/// Keras 3 crops them (the gradient of that convolution).
/// </summary>
internal static class ConvReference
{
    /// <summary>Keras' output length of a transposed convolution (<c>compute_conv_transpose_output_shape</c>).</summary>
    public static long TransposeLength(long n, int k, int s, int d, string padding, int? outputPadding)
    {
        long ke = (long)(k - 1) * d + 1;
        if (padding == "valid") return (n - 1) * s + ke + (outputPadding ?? (int)(Math.Max(ke, s) - ke));
        return outputPadding is int op ? (n - 1) * s + ke % 2 + op : n * s;
    }

    /// <summary>TensorFlow's padding before the first cell of a convolution over <paramref name="length"/> cells.</summary>
    public static long PadBefore(long length, int k, int s, int d, string padding)
    {
        if (padding == "valid") return 0;
        long ke = (long)(k - 1) * d + 1;
        long outLength = (length + s - 1) / s;
        return Math.Max((outLength - 1) * s + ke - length, 0) / 2;
    }

    /// <summary>
    /// Cells cropped at the start of a transposed convolution's full output: <c>k_eff - 1 - left</c>, with <c>left</c> the
    /// padding of the stride-dilated input in Keras 3 (<c>_convert_conv_transpose_padding_args_from_keras_to_jax</c>).
    /// Where TensorFlow accepts the shapes this is the padding before of the convolution whose gradient it is; it
    /// also covers "same" with an even kernel and an output padding, which TensorFlow rejects.
    /// </summary>
    public static long TransposePadBefore(int k, int s, int d, string padding, int? outputPadding)
    {
        long ke = (long)(k - 1) * d + 1;
        if (padding == "valid") return 0;
        long padLength = outputPadding is int op ? ke + ke % 2 - 2 + op : s + ke - 2;
        long left = Math.Min(padLength / 2 + padLength % 2, ke - 1);
        return ke - 1 - left;
    }

    /// <summary>
    /// Transposed convolution of <paramref name="x"/> <c>(N, T..., in)</c> with a Keras kernel <c>(k..., out, in)</c>,
    /// plus bias: every input cell <c>j</c> and tap <c>a</c> add <c>x[j] K[a]</c> to output cell <c>j s + a d - crop</c>
    /// (<see cref="TransposePadBefore"/>), kept when inside Keras' output length (<see cref="TransposeLength"/>).
    /// </summary>
    public static Tensor Transpose(Tensor x, Tensor kernel, Tensor? bias, int[] s, int[] d, string padding, int[]? outputPadding)
    {
        int rank = s.Length;
        long n = x.shape[0], cin = x.shape[^1], cout = kernel.shape[rank];
        long[] inSize = x.shape[1..^1];
        int[] k = [.. kernel.shape[..rank].Select(v => (int)v)];
        long[] outSize = [.. Enumerable.Range(0, rank).Select(i => TransposeLength(inSize[i], k[i], s[i], d[i], padding, outputPadding?[i]))];
        long[] before = [.. Enumerable.Range(0, rank).Select(i => TransposePadBefore(k[i], s[i], d[i], padding, outputPadding?[i]))];
        var xv = Values(x);
        var kv = Values(kernel);
        var y = new double[n * outSize.Aggregate(1L, (a, b) => a * b) * cout];
        foreach (var j in Cells(inSize))
            foreach (var a in Cells([.. k.Select(v => (long)v)]))
            {
                var p = new long[rank];
                bool inside = true;
                for (int i = 0; i < rank; i++)
                {
                    p[i] = j[i] * s[i] + a[i] * d[i] - before[i];
                    inside &= p[i] >= 0 && p[i] < outSize[i];
                }
                if (!inside) continue;
                long kBase = Flat(a, [.. k.Select(v => (long)v)]) * cout * cin;
                for (long b = 0; b < n; b++)
                {
                    long xBase = (b * Count(inSize) + Flat(j, inSize)) * cin;
                    long yBase = (b * Count(outSize) + Flat(p, outSize)) * cout;
                    for (long o = 0; o < cout; o++)
                        for (long c = 0; c < cin; c++)
                            y[yBase + o] += xv[xBase + c] * kv[kBase + o * cin + c];
                }
            }
        return AddBias(y, [n, .. outSize, cout], bias);
    }

    /// <summary>
    /// Depthwise convolution of <paramref name="x"/> <c>(N, T..., in)</c> with a Keras kernel <c>(k..., in, m)</c>, plus
    /// bias: output channel <c>c m + j</c> is input channel <c>c</c> convolved with filter <c>j</c>.
    /// </summary>
    public static Tensor Depthwise(Tensor x, Tensor kernel, Tensor? bias, int[] s, int[] d, string padding)
    {
        int rank = s.Length;
        long n = x.shape[0], cin = x.shape[^1], m = kernel.shape[^1];
        long[] inSize = x.shape[1..^1];
        long[] k = kernel.shape[..rank];
        long[] outSize = [.. Enumerable.Range(0, rank).Select(i => padding == "valid"
            ? (inSize[i] - ((k[i] - 1) * d[i] + 1)) / s[i] + 1
            : (inSize[i] + s[i] - 1) / s[i])];
        long[] before = [.. Enumerable.Range(0, rank).Select(i => PadBefore(inSize[i], (int)k[i], s[i], d[i], padding))];
        var xv = Values(x);
        var kv = Values(kernel);
        var y = new double[n * Count(outSize) * cin * m];
        foreach (var t in Cells(outSize))
            foreach (var a in Cells(k))
            {
                var p = new long[rank];
                bool inside = true;
                for (int i = 0; i < rank; i++)
                {
                    p[i] = t[i] * s[i] + a[i] * d[i] - before[i];
                    inside &= p[i] >= 0 && p[i] < inSize[i];
                }
                if (!inside) continue;
                long kBase = Flat(a, k) * cin * m;
                for (long b = 0; b < n; b++)
                {
                    long xBase = (b * Count(inSize) + Flat(p, inSize)) * cin;
                    long yBase = (b * Count(outSize) + Flat(t, outSize)) * cin * m;
                    for (long c = 0; c < cin; c++)
                        for (long j = 0; j < m; j++)
                            y[yBase + c * m + j] += xv[xBase + c] * kv[kBase + c * m + j];
                }
            }
        return AddBias(y, [n, .. outSize, cin * m], bias);
    }

    /// <summary>Pointwise (size-1) convolution of <paramref name="x"/> <c>(N, T..., in)</c> with a Keras kernel <c>(1..., in, out)</c>, plus bias.</summary>
    public static Tensor Pointwise(Tensor x, Tensor kernel, Tensor? bias)
    {
        long cin = x.shape[^1], cout = kernel.shape[^1];
        var xv = Values(x);
        var kv = Values(kernel);
        long cells = xv.Length / cin;
        var y = new double[cells * cout];
        for (long q = 0; q < cells; q++)
            for (long o = 0; o < cout; o++)
                for (long c = 0; c < cin; c++)
                    y[q * cout + o] += xv[q * cin + c] * kv[c * cout + o];
        return AddBias(y, [.. x.shape[..^1], cout], bias);
    }

    private static Tensor AddBias(double[] y, long[] shape, Tensor? bias)
    {
        if (bias is not null)
        {
            var bv = Values(bias);
            for (long i = 0; i < y.Length; i++) y[i] += bv[i % bv.Length];
        }
        return tensor(y).reshape(shape);
    }

    private static double[] Values(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    private static long Count(long[] size) => size.Aggregate(1L, (a, b) => a * b);

    private static long Flat(long[] index, long[] size)
    {
        long f = 0;
        for (int i = 0; i < size.Length; i++) f = f * size[i] + index[i];
        return f;
    }

    /// <summary>Every multi-index of a box of <paramref name="size"/>, in C order.</summary>
    private static IEnumerable<long[]> Cells(long[] size)
    {
        long total = Count(size);
        for (long f = 0; f < total; f++)
        {
            var index = new long[size.Length];
            long r = f;
            for (int i = size.Length - 1; i >= 0; i--)
            {
                index[i] = r % size[i];
                r /= size[i];
            }
            yield return index;
        }
    }
}
