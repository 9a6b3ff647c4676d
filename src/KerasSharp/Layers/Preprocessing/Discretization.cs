using System.Globalization;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Discretization</c>: buckets continuous values by <c>bin_boundaries</c> (value <c>x</c> goes to bucket
/// <c>i</c> where <c>boundaries[i-1] &lt;= x &lt; boundaries[i]</c>, numpy's <c>digitize</c>), or learns
/// <c>num_bins - 1</c> boundaries from quantiles with <see cref="Adapt(Tensor)"/> (Keras' own approximate quantile
/// summaries with error <c>epsilon</c>, reproduced step by step). <c>output_mode</c> <c>"int"</c> returns bucket ids
/// (int64); <c>"one_hot"</c>, <c>"multi_hot"</c> and <c>"count"</c> encode them over <c>len(bin_boundaries) + 1</c>
/// buckets as <see cref="CategoryEncoding"/> does. Keras stores no weights for this layer: the boundaries live in the config.
/// </summary>
public class Discretization : Layer
{
    private static readonly string[] Modes = ["int", "one_hot", "multi_hot", "count"];
    private double[]? binBoundaries;

    /// <summary>Creates a Discretization layer; give exactly one of <paramref name="binBoundaries"/> and <paramref name="numBins"/>.</summary>
    /// <param name="binBoundaries">Sorted bucket boundaries: <c>[0, 1, 2]</c> makes the buckets <c>(-inf, 0)</c>, <c>[0, 1)</c>, <c>[1, 2)</c>, <c>[2, inf)</c>.</param>
    /// <param name="numBins">Number of buckets to learn with <see cref="Adapt(Tensor)"/>.</param>
    /// <param name="epsilon">Error tolerance of the quantile summary (default 0.01).</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c>.</param>
    /// <param name="sparse">Keras' sparse output; KerasSharp has dense tensors only, so it must be false.</param>
    /// <param name="dtype">Keras' layer dtype (null, <c>"float32"</c> or <c>"float64"</c>: the dtype of encoded outputs; <c>"int"</c> outputs are int64).</param>
    /// <param name="name">Layer name.</param>
    public Discretization(double[]? binBoundaries = null, int? numBins = null, double epsilon = 0.01, string outputMode = "int",
        bool sparse = false, string? dtype = null, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(outputMode);
        if (sparse && outputMode == "int")
            throw new ArgumentException($"`sparse=True` may only be used if `output_mode` is `'one_hot'`, `'multi_hot'`, or `'count'`. Received: sparse=True and output_mode={outputMode}", nameof(sparse));
        if (sparse)
            throw new ArgumentException("Discretization: `sparse=True` needs sparse tensors, which KerasSharp does not have; received sparse=true.", nameof(sparse));
        if (!Modes.Contains(outputMode))
            throw new ArgumentException($"Invalid value for argument `output_mode`. Expected one of ('int', 'one_hot', 'multi_hot', 'count'). Received: output_mode={outputMode}", nameof(outputMode));
        if (numBins is < 0)
            throw new ArgumentOutOfRangeException(nameof(numBins), numBins, $"`num_bins` must be greater than or equal to 0. Received: `num_bins={numBins}`");
        if (numBins is not null && binBoundaries is not null)
            throw new ArgumentException($"Both `num_bins` and `bin_boundaries` should not be set. Received: `num_bins={numBins}` and `bin_boundaries={Text(binBoundaries)}`", nameof(binBoundaries));
        if (numBins is null && binBoundaries is null)
            throw new ArgumentException("You need to set either `num_bins` or `bin_boundaries`.", nameof(numBins));
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"Discretization: `epsilon` must be a positive number. Received: epsilon={epsilon.ToString(CultureInfo.InvariantCulture)}");
        if (binBoundaries is not null) CheckBoundaries(binBoundaries, nameof(binBoundaries));
        dtype ??= "float32";
        if (dtype is not ("float32" or "float64" or "int64"))
            throw new ArgumentException($"Discretization: `dtype` must be 'float32' or 'float64' (or 'int64', the dtype of \"int\" outputs). Received: dtype={dtype}", nameof(dtype));
        this.binBoundaries = binBoundaries is null ? null : (double[])binBoundaries.Clone();
        NumBins = numBins;
        Epsilon = epsilon;
        OutputMode = outputMode;
        Dtype = dtype;
    }

    /// <summary>
    /// Rebuilds the layer from Keras' config. After <c>adapt</c> Keras writes both <c>bin_boundaries</c> and
    /// <c>num_bins</c>; as Keras' <c>from_config</c>, the layer is then created with <c>num_bins</c> and given the boundaries.
    /// </summary>
    /// <exception cref="InvalidDataException">A key Keras' Discretization does not have, or a value of the wrong type.</exception>
    public static Discretization FromConfig(JsonObject config)
    {
        double[]? boundaries = null;
        int? numBins = null;
        double epsilon = 0.01;
        string outputMode = "int";
        bool sparse = false;
        var common = PreprocessingConfig.Read(config, nameof(Discretization), (key, value) =>
        {
            switch (key)
            {
                case "bin_boundaries": boundaries = PreprocessingConfig.Get<double[]?>(value); return true;
                case "num_bins": numBins = PreprocessingConfig.Get<int?>(value); return true;
                case "epsilon": epsilon = PreprocessingConfig.Get<double>(value); return true;
                case "output_mode": outputMode = PreprocessingConfig.Get<string>(value); return true;
                case "sparse": sparse = PreprocessingConfig.Get<bool>(value); return true;
                default: return false;
            }
        });
        var dtype = common.Dtype is "float32" or "float64" or "int64" ? common.Dtype : null;
        Discretization layer;
        if (boundaries is not null && numBins is not null)
        {
            layer = new Discretization(null, numBins, epsilon, outputMode, sparse, dtype, common.Name);
            CheckBoundaries(boundaries, "bin_boundaries");
            layer.binBoundaries = boundaries;
        }
        else layer = new Discretization(boundaries, numBins, epsilon, outputMode, sparse, dtype, common.Name);
        if (common.Trainable is bool t) layer.Trainable = t;
        return layer;
    }

    /// <summary>The bucket boundaries (given, or learned by <see cref="Adapt(Tensor)"/>); null before adapting.</summary>
    public IReadOnlyList<double>? BinBoundaries => binBoundaries;
    /// <summary>The number of buckets to learn, or null when boundaries were given.</summary>
    public int? NumBins { get; }
    /// <summary>The quantile summary's error tolerance.</summary>
    public double Epsilon { get; }
    /// <summary>The output mode.</summary>
    public string OutputMode { get; }
    /// <summary>Keras' layer dtype.</summary>
    public string Dtype { get; }

    /// <summary>
    /// Learns <c>num_bins - 1</c> boundaries from the values of <paramref name="data"/> (all of its elements), as Keras'
    /// <c>adapt</c> on an array does.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer was created with <c>bin_boundaries</c>.</exception>
    public void Adapt(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Adapt([data]);
    }

    /// <summary>
    /// Learns the boundaries from several batches (Keras' <c>adapt</c> on a dataset): each batch is summarised and merged
    /// into the running summary, which is compressed to <c>epsilon</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer was created with <c>bin_boundaries</c>.</exception>
    public void Adapt(IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (NumBins is null)
            throw new InvalidOperationException("Cannot adapt a Discretization layer that has been initialized with `bin_boundaries`, use `num_bins` instead.");
        if (NumBins == 0)
            throw new InvalidOperationException($"Layer \"{Name}\": cannot adapt with num_bins=0 (Keras divides by num_bins); use num_bins >= 1.");
        float[] values = [], weights = [];
        bool any = false;
        foreach (var batch in batches)
        {
            ArgumentNullException.ThrowIfNull(batch, nameof(batches));
            using var flat = batch.to_type(ScalarType.Float32).cpu().reshape(-1);
            var (v, w) = Summarize(flat.data<float>().ToArray(), Epsilon);
            (values, weights) = Merge(v, w, values, weights, Epsilon);
            any = true;
        }
        if (!any) throw new ArgumentException($"Layer \"{Name}\": Adapt received no batches; expected at least one tensor.", nameof(batches));
        var (bins, _) = Compress(values, weights, 1.0 / NumBins.Value);
        binBoundaries = bins.Take(Math.Max(0, bins.Length - 1)).Select(b => (double)b).ToArray();
    }

    // Keras' summarize: sorted values sampled every max(n * epsilon, 1) from index n * epsilon, each weighing the step.
    private static (float[] Values, float[] Weights) Summarize(float[] data, double epsilon)
    {
        var sorted = (float[])data.Clone();
        Array.Sort(sorted, (a, b) => a.CompareTo(b));
        double numBuckets = 1.0 / epsilon;
        double increment = sorted.Length / numBuckets;
        double step = Math.Max(increment, 1);
        int start = (int)increment, stride = (int)step;
        var picked = new List<float>();
        for (int i = start; i < sorted.Length; i += stride) picked.Add(sorted[i]);
        var weights = Enumerable.Repeat((float)step, picked.Count).ToArray();
        return ([.. picked], weights);
    }

    // Keras' merge_summaries: concatenation sorted by value, then compressed to epsilon.
    private static (float[], float[]) Merge(float[] v1, float[] w1, float[] v2, float[] w2, double epsilon)
    {
        var values = v1.Concat(v2).ToArray();
        var weights = w1.Concat(w2).ToArray();
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        return Compress(order.Select(i => values[i]).ToArray(), order.Select(i => weights[i]).ToArray(), epsilon);
    }

    // Keras' compress_summary: interpolates values and cumulative weights at the percentiles epsilon, 2 epsilon, ..., 1.
    private static (float[], float[]) Compress(float[] values, float[] weights, double epsilon)
    {
        if (values.Length * epsilon < 1) return (values, weights);
        int count = (int)Math.Ceiling(1.0 / epsilon);
        var percents = new double[count];
        for (int i = 0; i < count; i++) percents[i] = epsilon + i * epsilon;
        var cum = new float[weights.Length];
        float running = 0;
        for (int i = 0; i < weights.Length; i++) cum[i] = running += weights[i];
        var cumPercents = cum.Select(c => (double)(c / cum[^1])).ToArray();
        var cumD = cum.Select(c => (double)c).ToArray();
        var valuesD = values.Select(v => (double)v).ToArray();
        var newBins = new float[count];
        var newWeights = new float[count];
        double previous = 0;
        for (int i = 0; i < count; i++)
        {
            newBins[i] = (float)Interp(percents[i], cumPercents, valuesD);
            double c = Interp(percents[i], cumPercents, cumD);
            newWeights[i] = (float)(c - previous);
            previous = c;
        }
        return (newBins, newWeights);
    }

    // numpy.interp for one point: xp increasing (ties allowed), the last xp <= x decides the segment.
    private static double Interp(double x, double[] xp, double[] fp)
    {
        if (double.IsNaN(x)) return x;
        if (x < xp[0]) return fp[0];
        if (x > xp[^1]) return fp[^1];
        int lo = 0, hi = xp.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (xp[mid] <= x) lo = mid + 1; else hi = mid;
        }
        int j = lo - 1;
        if (j == xp.Length - 1 || xp[j] == x) return fp[j];
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double result = slope * (x - xp[j]) + fp[j];
        if (double.IsNaN(result))
        {
            result = slope * (x - xp[j + 1]) + fp[j + 1];
            if (double.IsNaN(result) && fp[j] == fp[j + 1]) result = fp[j];
        }
        return result;
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (binBoundaries is null)
            throw new InvalidOperationException("You need to either pass the `bin_boundaries` argument at construction time or call `adapt(dataset)` before you can start using the `Discretization` layer.");
        var boundaries = tensor(binBoundaries, device: x.device);
        var indices = bucketize(x.to_type(ScalarType.Float32).to_type(ScalarType.Float64), boundaries, false, true);
        if (OutputMode == "int") return indices;
        var encoded = CategoricalEncoding.Encode(indices, OutputMode, binBoundaries.Length + 1);
        return Dtype == "float64" ? encoded.to_type(ScalarType.Float64) : encoded;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        OutputMode == "int" ? inputShape : CategoricalEncoding.OutputShape(inputShape, OutputMode, binBoundaries is null ? null : binBoundaries.Length + 1);

    /// <summary>Keras' config: <c>bin_boundaries</c>, <c>num_bins</c>, <c>epsilon</c>, <c>output_mode</c>, <c>sparse</c>, <c>name</c>, <c>dtype</c> (Keras writes no <c>trainable</c> for this layer).</summary>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config.Remove("trainable");
        config["dtype"] = Dtype;
        config["bin_boundaries"] = binBoundaries?.ToList();
        config["num_bins"] = NumBins;
        config["epsilon"] = Epsilon;
        config["output_mode"] = OutputMode;
        config["sparse"] = false;
        return config;
    }

    private static void CheckBoundaries(double[] boundaries, string argument)
    {
        for (int i = 1; i < boundaries.Length; i++)
            if (!(boundaries[i - 1] <= boundaries[i]))
                throw new ArgumentException($"Discretization: `bin_boundaries` must be sorted in increasing order, but received {Text(boundaries)}.", argument);
    }

    private static string Text(double[] values) => $"[{string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]";
}
