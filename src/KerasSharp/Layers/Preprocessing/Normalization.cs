using System.Text.Json.Nodes;
using KerasSharp.Saving;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Normalization</c> preprocessing layer: <c>(x - mean) / max(sqrt(variance), 1e-7)</c> (or the inverse with
/// <c>invert</c>), with one mean and variance per index of the kept <see cref="Axis"/> (the last by default; several axes,
/// as a Keras config may give, keep one statistic per combination of their indices; none for one scalar over
/// everything). The statistics are either given (<c>mean</c> and <c>variance</c>) or learned with
/// <see cref="Adapt(Tensor)"/>; learned ones live in the non-trainable weights <c>mean</c>, <c>variance</c> and
/// <c>count</c>, created in that order as Keras does (Keras keeps <c>count</c> for old files and never updates it; it is
/// an integer there and a float32 scalar here).
/// </summary>
public class Normalization : Layer
{
    private Parameter? adaptMean, adaptVariance, count;
    private Tensor? fixedMean, fixedVariance;
    private long[] keepAxes = [];
    private long[] reduceAxes = [];
    private long[] broadcastShape = [];
    private long[] statShape = [];

    /// <summary>Creates a Normalization layer.</summary>
    /// <param name="axis">The axis that keeps separate statistics per index (default -1); null for a single mean and variance.</param>
    /// <param name="mean">Fixed means (broadcast to the kept axis; one value for all); give together with <paramref name="variance"/>.</param>
    /// <param name="variance">Fixed variances, same length as <paramref name="mean"/>.</param>
    /// <param name="invert">Apply the inverse: <c>mean + x * sqrt(variance)</c>.</param>
    /// <param name="name">Layer name.</param>
    public Normalization(int? axis = -1, double[]? mean = null, double[]? variance = null, bool invert = false, string? name = null)
        : this(axis is int a ? [a] : [], mean, variance, invert, name, nameof(axis)) { }

    /// <summary>
    /// Rebuilds the layer from Keras' config. Keras writes <c>axis</c> as a list (<c>[-1]</c>; <c>[1, 2]</c> keeps two
    /// axes; <c>[]</c> or null keeps none), which this accepts besides a plain integer; <c>mean</c> and <c>variance</c>
    /// are null, a number or a list; <c>name</c>, <c>trainable</c>, <c>invert</c> as usual, <c>dtype</c> ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">A key Keras' Normalization does not have, or a value of the wrong type.</exception>
    public static Normalization FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int[] axis = [-1];
        double[]? mean = null, variance = null;
        bool invert = false;
        bool? trainable = null;
        string? name = null;
        foreach (var (key, value) in config)
        {
            try
            {
                switch (key)
                {
                    case "axis": axis = (int[]?)ConfigValueConverter.Convert(value, typeof(int[])) ?? []; break;
                    case "mean": mean = (double[]?)ConfigValueConverter.Convert(value, typeof(double[])); break;
                    case "variance": variance = (double[]?)ConfigValueConverter.Convert(value, typeof(double[])); break;
                    case "invert": invert = (bool)ConfigValueConverter.Convert(value, typeof(bool))!; break;
                    case "name": name = (string?)ConfigValueConverter.Convert(value, typeof(string)); break;
                    case "trainable": trainable = (bool)ConfigValueConverter.Convert(value, typeof(bool))!; break;
                    case "dtype": break;
                    default:
                        throw new InvalidDataException($"Normalization: config key '{key}' = {ConfigJson.Describe(value)} is not supported by KerasSharp's Normalization.");
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InvalidDataException($"Normalization: config key '{key}': {e.Message.TrimEnd('.')}.", e);
            }
        }
        var layer = new Normalization(axis, mean, variance, invert, name, "axis");
        if (trainable is bool t) layer.Trainable = t;
        return layer;
    }

    private Normalization(int[] axis, double[]? mean, double[]? variance, bool invert, string? name, string axisArgument)
        : base(name)
    {
        if (axis.Distinct().Count() != axis.Length)
            throw new ArgumentException($"Normalization: 'axis' must not repeat an axis, but received ({string.Join(", ", axis)}).", axisArgument);
        if ((mean is null) != (variance is null))
            throw new ArgumentException(
                $"Normalization: when setting values directly, both 'mean' and 'variance' must be set. Received: mean={Text(mean)} and variance={Text(variance)}.",
                mean is null ? nameof(mean) : nameof(variance));
        if (mean is not null && mean.Length != variance!.Length)
            throw new ArgumentException(
                $"Normalization: 'mean' and 'variance' must have the same shape. Received: mean of length {mean.Length} and variance of length {variance.Length}.", nameof(variance));
        if (mean is { Length: 0 })
            throw new ArgumentException("Normalization: 'mean' and 'variance' must not be empty.", nameof(mean));
        if (variance is not null && variance.Any(v => !(v >= 0)))
            throw new ArgumentOutOfRangeException(nameof(variance), Text(variance), $"Normalization: every 'variance' value must be >= 0, but received {Text(variance)}.");
        Axis = axis;
        Mean = mean is null ? null : (double[])mean.Clone();
        Variance = variance is null ? null : (double[])variance.Clone();
        Invert = invert;
    }

    /// <summary>The kept axes as given (negative ones count from the end); empty for one scalar mean and variance.</summary>
    public IReadOnlyList<int> Axis { get; }
    /// <summary>The fixed means given at construction, or null when adapted.</summary>
    public IReadOnlyList<double>? Mean { get; }
    /// <summary>The fixed variances given at construction, or null when adapted.</summary>
    public IReadOnlyList<double>? Variance { get; }
    /// <summary>Whether the layer de-normalises.</summary>
    public bool Invert { get; }

    /// <summary>The adapted means (non-trainable weight <c>mean</c>); null before building or with fixed statistics.</summary>
    public Parameter? AdaptMean => adaptMean;
    /// <summary>The adapted variances (non-trainable weight <c>variance</c>); null before building or with fixed statistics.</summary>
    public Parameter? AdaptVariance => adaptVariance;
    /// <summary>Keras' legacy <c>count</c> weight (kept at 0, as Keras does); null before building or with fixed statistics.</summary>
    public Parameter? Count => count;

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        int rank = inputShape.Rank;
        var keep = new List<long>();
        foreach (int a in Axis)
        {
            int p = a < 0 ? a + rank : a;
            if (p < 0 || p >= rank)
                throw new ArgumentException($"Layer \"{Name}\": all 'axis' values must be in the range [-ndim, ndim). Received inputs with ndim={rank}, while axis={a}.");
            if (inputShape[p] is null)
                throw new ArgumentException($"Layer \"{Name}\": all 'axis' values to be kept must have a known shape. Received axis={a}, inputs.shape={inputShape}, with unknown axis at index {p}.");
            if (keep.Contains(p))
                throw new ArgumentException($"Layer \"{Name}\": 'axis' names the axis {p} twice (received axis=({string.Join(", ", Axis)}) for inputs of ndim={rank}).");
            keep.Add(p);
        }
        keep.Sort();
        keepAxes = [.. keep];
        reduceAxes = Enumerable.Range(0, rank).Where(d => !keep.Contains(d)).Select(d => (long)d).ToArray();
        broadcastShape = Enumerable.Range(0, rank).Select(d => keep.Contains(d) ? inputShape[d]!.Value : 1L).ToArray();
        statShape = keep.Select(d => inputShape[(int)d]!.Value).ToArray();
        if (Mean is null)
        {
            adaptMean = AddWeight("mean", Shape.FromDims(statShape), "zeros", trainable: false);
            adaptVariance = AddWeight("variance", Shape.FromDims(statShape), "ones", trainable: false);
            count = AddWeight("count", new Shape(Array.Empty<long?>()), "zeros", trainable: false);
        }
        else
        {
            long size = statShape.Aggregate(1L, (p, d) => p * d);
            if (Mean.Count != 1 && Mean.Count != size)
                throw new ArgumentException(
                    $"Layer \"{Name}\": 'mean' and 'variance' of length {Mean.Count} cannot be broadcast to the kept axes of shape ({string.Join(", ", statShape)}) for input shape {inputShape}.");
            var m = tensor(Mean.Select(v => (float)v).ToArray());
            var v = tensor(Variance!.Select(x => (float)x).ToArray());
            fixedMean = (Mean.Count == 1 ? m.reshape([]).expand(broadcastShape) : m.reshape(broadcastShape)).contiguous().to(Device).DetachFromDisposeScope();
            fixedVariance = (Mean.Count == 1 ? v.reshape([]).expand(broadcastShape) : v.reshape(broadcastShape)).contiguous().to(Device).DetachFromDisposeScope();
        }
    }

    /// <summary>
    /// Computes the mean and (biased) variance of <paramref name="data"/> over every axis but the kept one and stores
    /// them in the <c>mean</c> and <c>variance</c> weights (Keras' <c>adapt</c>). Builds the layer on first use; the kept
    /// axis must match the size the layer was built for.
    /// </summary>
    public void Adapt(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Adapt([data]);
    }

    /// <summary>
    /// <see cref="Adapt(Tensor)"/> over batches: the statistics of their concatenation, accumulated batch by batch
    /// (Keras' running combination of means and variances).
    /// </summary>
    public void Adapt(IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (Mean is not null)
            throw new InvalidOperationException($"Layer \"{Name}\" was given a fixed mean and variance; Adapt applies only to a layer created without them.");
        using var scope = NewDisposeScope();
        Tensor? totalMean = null, totalVar = null;
        long totalCount = 0;
        foreach (var raw in batches)
        {
            ArgumentNullException.ThrowIfNull(raw, nameof(batches));
            var batch = raw.to_type(ScalarType.Float32).to(Device);
            if (!Built)
            {
                var dims = batch.shape.Select((d, i) => (long?)d).ToArray();
                if (dims.Length > 0 && !Axis.Any(a => a == 0 || a == -dims.Length)) dims[0] = null;
                EnsureBuilt(new Shape(dims));
            }
            CheckKeptAxes(batch);
            // No reduced axis (every axis kept): each position is its own statistic, as numpy's mean over axis=().
            var batchMean = reduceAxes.Length == 0 ? batch : batch.mean(reduceAxes);
            var batchVar = reduceAxes.Length == 0 ? zeros_like(batch) : batch.var(reduceAxes, unbiased: false);
            long batchCount = reduceAxes.Aggregate(1L, (p, d) => p * batch.shape[d]);
            if (totalMean is null)
            {
                totalMean = batchMean;
                totalVar = batchVar;
                totalCount = batchCount;
                continue;
            }
            totalCount += batchCount;
            double batchWeight = (double)batchCount / totalCount, existingWeight = 1 - batchWeight;
            var newMean = totalMean * existingWeight + batchMean * batchWeight;
            totalVar = (totalVar! + (totalMean - newMean).square()) * existingWeight + (batchVar + (batchMean - newMean).square()) * batchWeight;
            totalMean = newMean;
        }
        if (totalMean is null)
            throw new ArgumentException($"Layer \"{Name}\": Adapt received no batches; expected at least one tensor.", nameof(batches));
        using (no_grad())
        {
            adaptMean!.copy_(totalMean.reshape(statShape));
            adaptVariance!.copy_(totalVar!.reshape(statShape));
        }
    }

    private void CheckKeptAxes(Tensor batch)
    {
        var built = BuildInputShape!.Value;
        if (batch.dim() != built.Rank || keepAxes.Any(d => built[(int)d] != batch.shape[d]))
            throw new ArgumentException(
                $"Layer \"{Name}\" was built with input_shape={built}, but Adapt received data with an incompatible shape ({string.Join(", ", batch.shape)}).");
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var mean = fixedMean ?? adaptMean!.reshape(broadcastShape);
        var variance = fixedVariance ?? adaptVariance!.reshape(broadcastShape);
        if (mean.device != x.device) { mean = mean.to(x.device); variance = variance.to(x.device); }
        var std = variance.sqrt().clamp_min(1e-7);
        return Invert ? mean + x * std : (x - mean) / std;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis.ToList();
        config["invert"] = Invert;
        config["mean"] = ConfigValues(Mean);
        config["variance"] = ConfigValues(Variance);
        return config;
    }

    private static object? ConfigValues(IReadOnlyList<double>? values) => values switch
    {
        null => null,
        { Count: 1 } => values[0],
        _ => values.ToList(),
    };

    private static string Text(double[]? values) => values is null ? "None" : $"[{string.Join(", ", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
