using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>SensitivitySpecificityBase</c>, the base of <see cref="SensitivityAtSpecificity"/>,
/// <see cref="SpecificityAtSensitivity"/>, <see cref="PrecisionAtRecall"/> and <see cref="RecallAtPrecision"/>:
/// weighted TP/FP/TN/FN counts at <see cref="NumThresholds"/> evenly spaced thresholds <c>0, 1/(n-1), ..., 1</c>
/// (one threshold, 0.5, when n is 1), accumulated over batches. The result is the largest value of one rate among the
/// thresholds where another rate reaches the target value (0 when none does).
/// </summary>
public abstract class SensitivitySpecificityBase : Metric
{
    private readonly MetricVariable truePositives = new(), falsePositives = new(), trueNegatives = new(), falseNegatives = new();
    private readonly double[] thresholds;
    private readonly bool evenly;

    /// <summary>Checks and stores Keras' arguments.</summary>
    /// <param name="value">The target of the constrained rate, in [0, 1].</param>
    /// <param name="valueName">Keras' name of that argument (for messages).</param>
    /// <param name="numThresholds">Number of thresholds (Keras default 200; must be &gt; 0).</param>
    /// <param name="classId">Score only this class column (null: every element).</param>
    /// <param name="name">The log key.</param>
    private protected SensitivitySpecificityBase(double value, string valueName, int numThresholds, int? classId, string name) : base(name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException(valueName, value,
                $"Argument `{Internal.UniqueNames.ToSnakeCase(valueName)}` must be in the range [0, 1]. Received: {Internal.UniqueNames.ToSnakeCase(valueName)}={Internal.Guard.Fmt(value)}");
        if (numThresholds <= 0)
            throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds,
                $"Argument `num_thresholds` must be an integer > 0. Received: num_thresholds={numThresholds}");
        if (classId is int c) Internal.Guard.NonNegative(c, nameof(classId));
        Value = value;
        NumThresholds = numThresholds;
        ClassId = classId;
        if (numThresholds == 1)
        {
            thresholds = [0.5];
            evenly = false;
        }
        else
        {
            thresholds = new double[numThresholds];
            for (int i = 1; i < numThresholds - 1; i++) thresholds[i] = i * 1.0 / (numThresholds - 1);
            thresholds[^1] = 1.0;
            evenly = true;
        }
    }

    /// <summary>The target value of the constrained rate.</summary>
    private protected double Value { get; }

    /// <summary>Number of thresholds.</summary>
    public int NumThresholds { get; }

    /// <summary>The scored class, or null.</summary>
    public int? ClassId { get; }

    /// <summary>The thresholds, as Keras builds them.</summary>
    public IReadOnlyList<double> Thresholds => thresholds;

    /// <summary>
    /// The (constrained, dependent) rates at every threshold from the accumulated counts; the result is the largest
    /// dependent rate where the constrained one is at least <see cref="Value"/>.
    /// </summary>
    private protected abstract (double Constrained, double Dependent) Rates(double tp, double fp, double tn, double fn);

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var counts = ConfusionCounts.Compute(yTrue, yPred, sampleWeight, thresholds, evenly, classId: ClassId);
        var dev = counts.TruePositives.device;
        truePositives.Add(dev, counts.TruePositives, thresholds.Length);
        falsePositives.Add(dev, counts.FalsePositives, thresholds.Length);
        trueNegatives.Add(dev, counts.TrueNegatives, thresholds.Length);
        falseNegatives.Add(dev, counts.FalseNegatives, thresholds.Length);
    }

    /// <inheritdoc />
    public override double Result()
    {
        if (!truePositives.Exists) return 0.0;
        double[] tp = truePositives.Read(), fp = falsePositives.Read(), tn = trueNegatives.Read(), fn = falseNegatives.Read();
        double best = 0.0;
        for (int i = 0; i < tp.Length; i++)
        {
            var (constrained, dependent) = Rates(tp[i], fp[i], tn[i], fn[i]);
            if (constrained >= Value) best = Math.Max(best, dependent);
        }
        return best;
    }

    /// <inheritdoc />
    public override void ResetState()
    {
        foreach (var v in new[] { truePositives, falsePositives, trueNegatives, falseNegatives }) v.Reset();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["class_id"] = ClassId;
        c["num_thresholds"] = NumThresholds;
        return c;
    }
}
