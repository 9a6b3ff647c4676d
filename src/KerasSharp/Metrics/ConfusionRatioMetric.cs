using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Shared state and arguments of <see cref="Precision"/> and <see cref="Recall"/>: weighted true-positive counts and one
/// other confusion count, accumulated over batches; the result is <c>TP / (TP + other)</c>. A prediction is positive
/// above the threshold (Keras' default 0.5), or when among the top k with <see cref="TopK"/>.
/// </summary>
public abstract class ConfusionRatioMetric : Metric
{
    private readonly MetricVariable truePositives = new(), other = new();

    /// <summary>Checks and stores Keras' arguments.</summary>
    /// <param name="thresholds">The decision threshold; null means Keras' default (0.5, or no threshold with <paramref name="topK"/>).
    /// One threshold only: the result is one number.</param>
    /// <param name="topK">Only the k largest predictions per sample count as positive (null: all).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key.</param>
    private protected ConfusionRatioMetric(double? thresholds, int? topK, int? classId, string name) : base(name)
    {
        if (thresholds is double th) Internal.Guard.InRange(th, 0, 1, nameof(thresholds));
        if (topK is int k) Internal.Guard.Positive(k, nameof(topK));
        if (classId is int c) Internal.Guard.NonNegative(c, nameof(classId));
        Thresholds = thresholds;
        TopK = topK;
        ClassId = classId;
    }

    /// <summary>The threshold given (null: Keras' default).</summary>
    public double? Thresholds { get; }

    /// <summary>Top-k filtering, or null.</summary>
    public int? TopK { get; }

    /// <summary>The scored class, or null.</summary>
    public int? ClassId { get; }

    private double Threshold => Thresholds ?? (TopK is null ? 0.5 : ConfusionInputs.NegInf);

    /// <summary>The per-element count beside true positives: false positives for precision, false negatives for recall.</summary>
    private protected abstract Tensor OtherCount(Tensor predPos, Tensor labelPos);

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (predPos, labelPos, w) = ConfusionInputs.Prepare(yTrue, yPred, sampleWeight, Threshold, TopK, ClassId);
        truePositives.Add(predPos.device, (w * predPos * labelPos).sum());
        other.Add(predPos.device, (w * OtherCount(predPos, labelPos)).sum());
    }

    /// <inheritdoc />
    public override double Result()
    {
        if (!truePositives.Exists) return 0.0;
        double tp = truePositives.Read()[0], o = other.Read()[0];
        return tp + o == 0 ? 0.0 : tp / (tp + o);
    }

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
        c["thresholds"] = Thresholds;
        c["top_k"] = TopK;
        c["class_id"] = ClassId;
        return c;
    }
}
