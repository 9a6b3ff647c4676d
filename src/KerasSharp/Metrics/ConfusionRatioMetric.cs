using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Shared state and arguments of <see cref="Precision"/> and <see cref="Recall"/>: weighted true-positive counts and one
/// other confusion count per threshold, accumulated over batches; the result is <c>TP / (TP + other)</c> (0 where both
/// are 0). A prediction is positive above the threshold (Keras' default 0.5), or, with <see cref="TopK"/>, when among
/// the k largest of its row (and above the threshold if one is given). With a list of several thresholds the result is
/// one value per threshold (<see cref="Metric.ResultValues"/>; <see cref="Result"/> is their mean).
/// </summary>
public abstract class ConfusionRatioMetric : Metric
{
    private readonly MetricVariable truePositives = new(), other = new();
    private readonly double[] thresholds;
    private readonly bool evenly;

    /// <summary>Checks and stores Keras' arguments.</summary>
    /// <param name="thresholds">The thresholds (null: Keras' default, 0.5, or no threshold with <paramref name="topK"/>); each in [0, 1].</param>
    /// <param name="initThresholds">The <c>thresholds</c> argument as given, for the config.</param>
    /// <param name="topK">Only the k largest predictions per sample count as positive (null: all).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key.</param>
    private protected ConfusionRatioMetric(IReadOnlyList<double>? thresholds, object? initThresholds, int? topK, int? classId, string name) : base(name)
    {
        if (topK is int k) Internal.Guard.Positive(k, nameof(topK));
        if (classId is int c) Internal.Guard.NonNegative(c, nameof(classId));
        this.thresholds = ConfusionCounts.Parse(thresholds, topK is null ? 0.5 : ConfusionCounts.NegInf, nameof(thresholds));
        evenly = ConfusionCounts.IsEvenlyDistributed(this.thresholds);
        InitThresholds = initThresholds;
        TopK = topK;
        ClassId = classId;
    }

    /// <summary>The thresholds in use (Keras' <c>thresholds</c>: the given ones, or the one default).</summary>
    public IReadOnlyList<double> Thresholds => thresholds;

    /// <summary>The <c>thresholds</c> argument as given (null, a number or a list); written to the config.</summary>
    private protected object? InitThresholds { get; }

    /// <summary>Top-k filtering, or null.</summary>
    public int? TopK { get; }

    /// <summary>The scored class, or null.</summary>
    public int? ClassId { get; }

    /// <inheritdoc />
    public override bool ResultIsVector => thresholds.Length > 1;

    /// <summary>The count beside true positives: false positives for precision, false negatives for recall.</summary>
    private protected abstract Tensor OtherCount(ConfusionCounts.Counts counts);

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var counts = ConfusionCounts.Compute(yTrue, yPred, sampleWeight, thresholds, evenly, TopK, ClassId);
        truePositives.Add(counts.TruePositives.device, counts.TruePositives, thresholds.Length);
        other.Add(counts.TruePositives.device, OtherCount(counts), thresholds.Length);
    }

    /// <inheritdoc />
    public override double[] ResultValues()
    {
        if (!truePositives.Exists) return new double[thresholds.Length];
        double[] tp = truePositives.Read(), o = other.Read();
        return tp.Select((v, i) => v + o[i] == 0 ? 0.0 : v / (v + o[i])).ToArray();
    }

    /// <inheritdoc />
    public override double Result() => ResultValues().Average();

    /// <inheritdoc />
    public override void ResetState()
    {
        truePositives.Reset();
        other.Reset();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["thresholds"] = InitThresholds;
        c["top_k"] = TopK;
        c["class_id"] = ClassId;
        return c;
    }
}
