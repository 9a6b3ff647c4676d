using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.AUC</c> with its threshold-bucket algorithm: <see cref="NumThresholds"/> evenly spaced
/// thresholds (<c>-1e-7, 1/(n-1), ..., (n-2)/(n-1), 1 + 1e-7</c>); each prediction falls in bucket
/// <c>ceil(p (n-1)) - 1</c>, so the counts at threshold i are those with <c>p &gt; threshold_i</c>. Each update adds
/// weighted label mass per bucket on the device (no host read); <see cref="Result"/> builds TP/FP/TN/FN per threshold
/// and sums the ROC or PR curve (Riemann sum with <c>"interpolation"</c>, <c>"minoring"</c> or <c>"majoring"</c>
/// heights; PR with interpolation uses Keras' Davis-Goadrich formula). All labels are pooled (Keras' default
/// <c>multi_label=False</c>).
/// </summary>
public sealed class AUC : Metric
{
    private static readonly string[] Curves = ["ROC", "PR"];
    private static readonly string[] Summations = ["interpolation", "minoring", "majoring"];
    private readonly MetricVariable positives = new(), negatives = new();

    /// <summary>Creates the metric.</summary>
    /// <param name="numThresholds">Number of thresholds (Keras default 200; must be &gt; 1).</param>
    /// <param name="curve"><c>"ROC"</c> (Keras default) or <c>"PR"</c>.</param>
    /// <param name="summationMethod"><c>"interpolation"</c> (Keras default), <c>"minoring"</c> or <c>"majoring"</c>.</param>
    /// <param name="fromLogits">Whether predictions are logits (a sigmoid is applied first).</param>
    /// <param name="name">The log key (Keras default <c>auc</c>).</param>
    public AUC(int numThresholds = 200, string curve = "ROC", string summationMethod = "interpolation", bool fromLogits = false, string name = "auc")
        : base(name)
    {
        if (numThresholds <= 1)
            throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, $"numThresholds must be > 1, but received {numThresholds}.");
        var c = curve.ToUpperInvariant();
        if (!Curves.Contains(c))
            throw new ArgumentException($"Invalid curve '{curve}'. Expected one of: {string.Join(", ", Curves)}.", nameof(curve));
        var s = summationMethod.ToLowerInvariant();
        if (!Summations.Contains(s))
            throw new ArgumentException($"Invalid summationMethod '{summationMethod}'. Expected one of: {string.Join(", ", Summations)}.", nameof(summationMethod));
        NumThresholds = numThresholds;
        Curve = c;
        SummationMethod = s;
        FromLogits = fromLogits;
    }

    /// <summary>Number of thresholds.</summary>
    public int NumThresholds { get; }

    /// <summary><c>"ROC"</c> or <c>"PR"</c>.</summary>
    public string Curve { get; }

    /// <summary>How rectangle heights are chosen.</summary>
    public string SummationMethod { get; }

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>The thresholds, as Keras builds them.</summary>
    public double[] Thresholds
    {
        get
        {
            var t = new double[NumThresholds];
            for (int i = 1; i < NumThresholds - 1; i++) t[i] = (double)i / (NumThresholds - 1);
            t[0] = -1e-7;
            t[^1] = 1.0 + 1e-7;
            return t;
        }
    }

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = Losses.LossFunctions.ToFloat(yPred.detach());
        if (FromLogits) p = p.sigmoid();
        var t = yTrue.detach().to_type(p.dtype);
        (p, t) = Losses.LossFunctions.SameRank(p, t);
        t = t.broadcast_to(p.shape);
        Tensor w;
        if (sampleWeight is null) w = ones_like(p);
        else
        {
            w = sampleWeight.detach().to(p.device).to_type(p.dtype);
            while (w.dim() > p.dim() && w.shape[^1] == 1) w = w.squeeze(-1);
            while (w.dim() < p.dim()) w = w.unsqueeze(-1);
            w = w.broadcast_to(p.shape);
        }
        var bucket = ((p * (NumThresholds - 1)).ceil() - 1).clamp(0, NumThresholds - 1).to_type(ScalarType.Int64).reshape(-1);
        var pos = (t * w).reshape(-1);
        var neg = ((1.0 - t) * w).reshape(-1);
        var dev = p.device;
        var posState = positives.On(dev, NumThresholds);
        var negState = negatives.On(dev, NumThresholds);
        posState.scatter_add_(0, bucket, pos.to_type(posState.dtype));
        negState.scatter_add_(0, bucket, neg.to_type(negState.dtype));
    }

    /// <inheritdoc />
    public override double Result()
    {
        if (!positives.Exists) return 0.0;
        double[] pos = positives.Read(), neg = negatives.Read();
        int n = NumThresholds;
        double[] tp = new double[n], fp = new double[n], fn = new double[n], tn = new double[n];
        double accPos = 0, accNeg = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            accPos += pos[i];
            accNeg += neg[i];
            tp[i] = accPos;
            fp[i] = accNeg;
        }
        for (int i = 0; i < n; i++)
        {
            fn[i] = accPos - tp[i];
            tn[i] = accNeg - fp[i];
        }
        if (Curve == "PR" && SummationMethod == "interpolation") return InterpolatePrAuc(tp, fp, fn);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double recall = DivNoNan(tp[i], tp[i] + fn[i]);
            if (Curve == "ROC")
            {
                x[i] = DivNoNan(fp[i], fp[i] + tn[i]);
                y[i] = recall;
            }
            else
            {
                x[i] = recall;
                y[i] = DivNoNan(tp[i], tp[i] + fp[i]);
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
            double slope = DivNoNan(dtp, Math.Max(dp, 0));
            double intercept = tp[i + 1] - slope * pB;
            double ratio = pA > 0 && pB > 0 ? DivNoNan(pA, Math.Max(pB, 0)) : 1.0;
            area += DivNoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(tp[i + 1] + fn[i + 1], 0));
        }
        return area;
    }

    private static double DivNoNan(double a, double b) => b == 0 ? 0.0 : a / b;

    /// <inheritdoc />
    public override void ResetState()
    {
        positives.Reset();
        negatives.Reset();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["num_thresholds"] = NumThresholds;
        c["curve"] = Curve;
        c["summation_method"] = SummationMethod;
        c["multi_label"] = false;
        c["from_logits"] = FromLogits;
        return c;
    }
}
