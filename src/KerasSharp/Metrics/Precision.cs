using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.Precision</c>: the fraction of predicted positives that are positive: <c>TP / (TP + FP)</c>, accumulated over batches (weighted counts). A prediction is positive
/// when above the threshold; with <see cref="TopK"/> only the k largest predictions of each sample can be positive;
/// with <see cref="ClassId"/> only that class column is scored. Targets are positive when non-zero.
/// </summary>
public sealed class Precision : Metric
{
    private readonly MetricVariable truePositives = new(), falsePositives = new();

    /// <summary>Creates the metric.</summary>
    /// <param name="thresholds">The decision threshold; null means Keras' default (0.5, or no threshold with <paramref name="topK"/>).
    /// One threshold only: the result is one number.</param>
    /// <param name="topK">Only the k largest predictions per sample count as positive (null: all).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key (Keras default <c>precision</c>).</param>
    public Precision(double? thresholds = null, int? topK = null, int? classId = null, string name = "precision") : base(name)
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

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (predPos, labelPos, w) = ConfusionInputs.Prepare(yTrue, yPred, sampleWeight, Threshold, TopK, ClassId);
        truePositives.Add(predPos.device, (w * predPos * labelPos).sum());
        falsePositives.Add(predPos.device, (w * (1.0 - labelPos) * predPos).sum());
    }

    /// <inheritdoc />
    public override double Result()
    {
        if (!truePositives.Exists) return 0.0;
        double tp = truePositives.Read()[0], other = falsePositives.Read()[0];
        return tp + other == 0 ? 0.0 : tp / (tp + other);
    }

    /// <inheritdoc />
    public override void ResetState()
    {
        truePositives.Reset();
        falsePositives.Reset();
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
