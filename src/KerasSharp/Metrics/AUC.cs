using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.AUC</c>: the area under the ROC, PR or PR-gain curve, approximated with a Riemann sum over
/// thresholds. By default <see cref="NumThresholds"/> evenly spaced thresholds
/// (<c>-1e-7, 1/(n-1), ..., (n-2)/(n-1), 1 + 1e-7</c>); with <c>thresholds</c> the given ones (sorted) between the two
/// endpoints. Weighted TP/FP/TN/FN counts per threshold are accumulated over batches on the device (evenly spaced
/// thresholds take Keras' bucket algorithm). <see cref="Result"/> sums the curve with <c>"interpolation"</c> (PR with
/// interpolation uses Keras' Davis-Goadrich formula), <c>"minoring"</c> or <c>"majoring"</c> heights. With
/// <see cref="MultiLabel"/> each label (column of a 2-D prediction) has its own curve and the result is their mean, or
/// their <see cref="LabelWeights"/>-weighted mean; otherwise all labels are pooled, each element weighted by its
/// label's weight when <see cref="LabelWeights"/> is given.
/// </summary>
public sealed class AUC : Metric
{
    private readonly MetricVariable truePositives = new(), falsePositives = new(), trueNegatives = new(), falseNegatives = new();
    private readonly double[] thresholds;
    private readonly double[]? initThresholds;
    private readonly bool evenly;
    private readonly double[]? labelWeights;
    private long labels = -1;

    /// <summary>Creates the metric.</summary>
    /// <param name="numThresholds">Number of thresholds (Keras default 200; must be &gt; 1). Ignored when <paramref name="thresholds"/> is given.</param>
    /// <param name="curve"><c>"ROC"</c> (Keras default), <c>"PR"</c> or <c>"PRGAIN"</c> (Keras also accepts them in lower case).</param>
    /// <param name="summationMethod"><c>"interpolation"</c> (Keras default), <c>"minoring"</c> or <c>"majoring"</c> (or capitalised).</param>
    /// <param name="fromLogits">Whether predictions are logits (a sigmoid is applied first).</param>
    /// <param name="name">The log key (Keras default <c>auc</c>).</param>
    /// <param name="thresholds">Thresholds to use instead of <paramref name="numThresholds"/> evenly spaced ones (sorted; the
    /// endpoints <c>-1e-7</c> and <c>1 + 1e-7</c> are added).</param>
    /// <param name="multiLabel">One curve per label (2-D predictions), averaged, instead of pooling every element.</param>
    /// <param name="numLabels">Number of labels with <paramref name="multiLabel"/> (null: taken from the first batch).</param>
    /// <param name="labelWeights">Non-negative per-label weights: of the label AUCs' average with <paramref name="multiLabel"/>,
    /// of each element's counts otherwise.</param>
    public AUC(int numThresholds = 200, string curve = "ROC", string summationMethod = "interpolation", bool fromLogits = false, string name = "auc",
        IReadOnlyList<double>? thresholds = null, bool multiLabel = false, int? numLabels = null, IReadOnlyList<double>? labelWeights = null)
        : base(name)
    {
        double[] inner;
        if (thresholds is not null)
        {
            if (thresholds.Any(double.IsNaN))
                throw new ArgumentException("AUC thresholds must be numbers, but the list holds NaN.", nameof(thresholds));
            inner = thresholds.Order().ToArray();
            initThresholds = inner;
            evenly = ConfusionCounts.IsEvenlyDistributed([0.0, .. inner, 1.0]);
        }
        else
        {
            if (numThresholds <= 1)
                throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds,
                    $"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={numThresholds}");
            inner = new double[numThresholds - 2];
            for (int i = 0; i < inner.Length; i++) inner[i] = (i + 1) * 1.0 / (numThresholds - 1);
            evenly = true;
        }
        Curve = curve switch
        {
            "roc" or "ROC" => "ROC",
            "pr" or "PR" => "PR",
            "prgain" or "PRGAIN" => "PRGAIN",
            _ => throw new ArgumentException($"Invalid AUC curve value: \"{curve}\". Expected values are [\"PR\", \"ROC\", \"PRGAIN\"]", nameof(curve)),
        };
        SummationMethod = summationMethod switch
        {
            "interpolation" or "Interpolation" => "interpolation",
            "majoring" or "Majoring" => "majoring",
            "minoring" or "Minoring" => "minoring",
            _ => throw new ArgumentException($"Invalid AUC summation method value: \"{summationMethod}\". " +
                                             "Expected values are [\"interpolation\", \"majoring\", \"minoring\"]", nameof(summationMethod)),
        };
        if (labelWeights is not null)
        {
            if (labelWeights.Any(v => !(v >= 0)))
                throw new ArgumentOutOfRangeException(nameof(labelWeights), "All values of `label_weights` must be non-negative. " +
                    $"Received: label_weights=[{string.Join(", ", labelWeights.Select(Internal.Guard.Fmt))}]");
            if (multiLabel && numLabels is int nl && nl != labelWeights.Count)
                throw new ArgumentException($"label_weights has {labelWeights.Count} values but num_labels is {nl}.", nameof(labelWeights));
        }
        if (multiLabel)
        {
            if (numLabels is int nl) Internal.Guard.Positive(nl, nameof(numLabels));
        }
        else if (numLabels is not null && numLabels != 0)
            throw new ArgumentException("`num_labels` is needed only when `multi_label` is True.", nameof(numLabels));
        this.thresholds = [0.0 - 1e-7, .. inner, 1.0 + 1e-7];
        NumThresholds = this.thresholds.Length;
        FromLogits = fromLogits;
        MultiLabel = multiLabel;
        NumLabels = numLabels;
        this.labelWeights = labelWeights?.ToArray();
        if (multiLabel && numLabels is int n) labels = n;
    }

    /// <summary>Number of thresholds, the two endpoints included.</summary>
    public int NumThresholds { get; }

    /// <summary><c>"ROC"</c>, <c>"PR"</c> or <c>"PRGAIN"</c>.</summary>
    public string Curve { get; }

    /// <summary>How rectangle heights are chosen: <c>"interpolation"</c>, <c>"minoring"</c> or <c>"majoring"</c>.</summary>
    public string SummationMethod { get; }

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Whether each label has its own curve.</summary>
    public bool MultiLabel { get; }

    /// <summary>The <c>num_labels</c> argument (null: from the data).</summary>
    public int? NumLabels { get; }

    /// <summary>The per-label weights, or null.</summary>
    public IReadOnlyList<double>? LabelWeights => labelWeights;

    /// <summary>The thresholds, as Keras builds them (endpoints included).</summary>
    public double[] Thresholds => (double[])thresholds.Clone();

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = Losses.LossFunctions.ToFloat(yPred.detach());
        if (MultiLabel)
        {
            if (p.dim() != 2)
                throw new ArgumentException($"`y_pred` must have rank 2 when `multi_label=True`. Found rank {p.dim()}. " +
                                            $"Full shape received for `y_pred`: {Losses.LossFunctions.ShapeText(p)}.", nameof(yPred));
            if (labels < 0) labels = p.shape[1];
            else if (p.shape[1] != labels)
                throw new ArgumentException($"AUC was built for {labels} labels but received y_pred of shape {Losses.LossFunctions.ShapeText(p)}.", nameof(yPred));
            if (labelWeights is not null && labelWeights.Length != labels)
                throw new ArgumentException($"label_weights has {labelWeights.Length} values but y_pred has {labels} labels.", nameof(yPred));
        }
        if (FromLogits) p = p.sigmoid();
        var counts = ConfusionCounts.Compute(yTrue, p, sampleWeight, thresholds, evenly, multiLabel: MultiLabel,
            labelWeights: MultiLabel ? null : labelWeights);
        var dev = counts.TruePositives.device;
        long[] shape = MultiLabel ? [NumThresholds, labels] : [NumThresholds];
        truePositives.Add(dev, counts.TruePositives, shape);
        falsePositives.Add(dev, counts.FalsePositives, shape);
        trueNegatives.Add(dev, counts.TrueNegatives, shape);
        falseNegatives.Add(dev, counts.FalseNegatives, shape);
    }

    /// <inheritdoc />
    public override double Result()
    {
        if (!truePositives.Exists) return 0.0;
        double[] tp = truePositives.Read(), fp = falsePositives.Read(), tn = trueNegatives.Read(), fn = falseNegatives.Read();
        int n = NumThresholds;
        int l = MultiLabel ? (int)labels : 1;
        var byLabel = new double[l];
        var tpL = new double[n]; var fpL = new double[n]; var tnL = new double[n]; var fnL = new double[n];
        for (int j = 0; j < l; j++)
        {
            for (int i = 0; i < n; i++)
            {
                tpL[i] = tp[i * l + j];
                fpL[i] = fp[i * l + j];
                tnL[i] = tn[i * l + j];
                fnL[i] = fn[i * l + j];
            }
            byLabel[j] = Curve == "PR" && SummationMethod == "interpolation" ? InterpolatePrAuc(tpL, fpL, fnL) : RiemannAuc(tpL, fpL, tnL, fnL);
        }
        if (!MultiLabel) return byLabel[0];
        if (labelWeights is null) return byLabel.Average();
        double sumW = labelWeights.Sum();
        return ConfusionCounts.DivNoNan(byLabel.Select((v, j) => v * labelWeights[j]).Sum(), sumW);
    }

    private double RiemannAuc(double[] tp, double[] fp, double[] tn, double[] fn)
    {
        int n = tp.Length;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            switch (Curve)
            {
                case "ROC":
                    x[i] = ConfusionCounts.DivNoNan(fp[i], fp[i] + tn[i]);
                    y[i] = ConfusionCounts.DivNoNan(tp[i], tp[i] + fn[i]);
                    break;
                case "PR":
                    x[i] = ConfusionCounts.DivNoNan(tp[i], tp[i] + fn[i]);
                    y[i] = ConfusionCounts.DivNoNan(tp[i], tp[i] + fp[i]);
                    break;
                default:
                    // PR gain (Flach & Kull): scaling P/N; recall gain 0 and precision gain 1 without true positives;
                    // recall gain clipped at 0 (Keras' handling of the hyperbolic transform's divergences).
                    double scaling = ConfusionCounts.DivNoNan(tp[i] + fn[i], tn[i] + fp[i]);
                    double recallGain = tp[i] == 0 ? 0.0 : 1.0 - scaling * ConfusionCounts.DivNoNan(fn[i], tp[i]);
                    double precisionGain = tp[i] == 0 ? 1.0 : 1.0 - scaling * ConfusionCounts.DivNoNan(fp[i], tp[i]);
                    x[i] = Math.Max(recallGain, 0.0);
                    y[i] = precisionGain;
                    break;
            }
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++)
        {
            double h = SummationMethod switch
            {
                "interpolation" => (y[i] + y[i + 1]) / 2,
                "minoring" => Math.Min(y[i], y[i + 1]),
                _ => Math.Max(y[i], y[i + 1]),
            };
            area += (x[i] - x[i + 1]) * h;
        }
        return area;
    }

    private static double InterpolatePrAuc(double[] tp, double[] fp, double[] fn)
    {
        double area = 0;
        for (int i = 0; i < tp.Length - 1; i++)
        {
            double dtp = tp[i] - tp[i + 1];
            double pA = tp[i] + fp[i], pB = tp[i + 1] + fp[i + 1];
            double dp = pA - pB;
            double slope = ConfusionCounts.DivNoNan(dtp, Math.Max(dp, 0));
            double intercept = tp[i + 1] - slope * pB;
            double ratio = pA > 0 && pB > 0 ? ConfusionCounts.DivNoNan(pA, Math.Max(pB, 0)) : 1.0;
            area += ConfusionCounts.DivNoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(tp[i + 1] + fn[i + 1], 0));
        }
        return area;
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
        c["num_thresholds"] = NumThresholds;
        c["curve"] = Curve;
        c["summation_method"] = SummationMethod;
        c["multi_label"] = MultiLabel;
        c["num_labels"] = NumLabels;
        c["label_weights"] = labelWeights;
        c["from_logits"] = FromLogits;
        // Keras writes the thresholds only when they were given, without the two endpoints.
        if (initThresholds is not null) c["thresholds"] = initThresholds;
        return c;
    }
}
