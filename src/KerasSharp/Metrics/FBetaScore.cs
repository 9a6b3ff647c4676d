using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.FBetaScore</c> over 2-D inputs <c>(batch, classes)</c>: the weighted harmonic mean of
/// precision and recall, <c>(1 + b²) P R / (b² P + R + 1e-7)</c> per class, with <c>P = TP / (TP + FP + 1e-7)</c> and
/// <c>R = TP / (TP + FN + 1e-7)</c> from weighted counts accumulated over batches. Predictions become 0/1 by
/// <see cref="Threshold"/> (null: each row's maximum, ignoring all-zero rows, as Keras). <see cref="Average"/>:
/// <c>"micro"</c> pools all classes, <c>"macro"</c> averages the per-class scores, <c>"weighted"</c> weights them by
/// each class's (weighted) label count; with <c>null</c> (Keras' default) Keras' <c>result()</c> is the per-class
/// vector (<see cref="Metric.ResultValues"/>) and <see cref="Result"/> its mean, which is what Keras' progress bar prints.
/// Sample weights may be one per sample <c>(batch,)</c>, one per element <c>(batch, classes)</c> or a scalar: they are
/// expanded on the right to the labels' rank (Keras 3's rule since keras-team/keras#23335).
/// </summary>
public class FBetaScore : Metric
{
    private static readonly string?[] Averages = [null, "micro", "macro", "weighted"];
    private readonly MetricVariable truePositives = new(), falsePositives = new(), falseNegatives = new(), weights = new();
    private long classes = -1;

    /// <summary>Creates the metric.</summary>
    /// <param name="average">null (per class, Keras' default), <c>"micro"</c>, <c>"macro"</c> or <c>"weighted"</c>.</param>
    /// <param name="beta">The weight of recall in the harmonic mean (Keras default 1.0; must be &gt; 0).</param>
    /// <param name="threshold">Predictions above it are positive (0 &lt; threshold &lt;= 1); null uses each row's maximum.</param>
    /// <param name="name">The log key (Keras default <c>fbeta_score</c>).</param>
    public FBetaScore(string? average = null, double beta = 1.0, double? threshold = null, string name = "fbeta_score") : base(name)
    {
        if (!Averages.Contains(average))
            throw new ArgumentException("Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. " +
                                        $"Received: average={average}", nameof(average));
        if (!(beta > 0))
            throw new ArgumentOutOfRangeException(nameof(beta), beta,
                $"Invalid `beta` argument value. It should be > 0. Received: beta={Callbacks.PythonFormat.Repr(beta)}");
        if (threshold is double th && !(th > 0 && th <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), th,
                $"Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold={Callbacks.PythonFormat.Repr(th)}");
        Average = average;
        Beta = beta;
        Threshold = threshold;
    }

    /// <summary>How per-class scores are combined (null: per class).</summary>
    public string? Average { get; }

    /// <summary>The weight of recall.</summary>
    public double Beta { get; }

    /// <summary>The decision threshold (null: row maximum).</summary>
    public double? Threshold { get; }

    /// <inheritdoc />
    public override bool ResultIsVector => Average is null;

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = Losses.LossFunctions.ToFloat(yPred.detach());
        var t = yTrue.detach().to_type(p.dtype);
        if (t.dim() != 2 || p.dim() != 2)
            throw new ArgumentException(
                $"{GetType().Name} expects 2D inputs with shape (batch_size, output_dim). Received input shapes: " +
                $"y_pred.shape={Losses.LossFunctions.ShapeText(yPred)} and y_true.shape={Losses.LossFunctions.ShapeText(yTrue)}.", nameof(yTrue));
        if (classes >= 0 && p.shape[1] != classes)
            throw new ArgumentException($"{GetType().Name} was built for {classes} classes but received y_pred of shape " +
                                        $"{Losses.LossFunctions.ShapeText(yPred)}.", nameof(yPred));
        Tensor? w = null;
        if (sampleWeight is not null)
        {
            w = sampleWeight.detach().to(p.device).to_type(p.dtype);
            while (w.dim() < t.dim()) w = w.unsqueeze(-1);
            try { w = w.broadcast_to(t.shape); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
            {
                throw new ArgumentException($"sample_weight of shape {Losses.LossFunctions.ShapeText(sampleWeight)} cannot be broadcast to " +
                                            $"y_true's shape {Losses.LossFunctions.ShapeText(yTrue)}.", nameof(sampleWeight), e);
            }
        }
        if (classes < 0) classes = p.shape[1];
        Tensor predicted = Threshold is double th
            ? p.gt(th)
            : p.ge(p.amax([-1L], keepdim: true)).logical_and(p.abs().gt(1e-9));
        var pp = predicted.to_type(p.dtype);
        Tensor Sum(Tensor v)
        {
            if (w is not null) v = v * w;
            return Average == "micro" ? v.sum() : v.sum([0L]);
        }
        long[] shape = Average == "micro" ? [] : [classes];
        var dev = p.device;
        truePositives.Add(dev, Sum(pp * t), shape);
        falsePositives.Add(dev, Sum(pp * (1.0 - t)), shape);
        falseNegatives.Add(dev, Sum((1.0 - pp) * t), shape);
        weights.Add(dev, Sum(t), shape);
    }

    /// <inheritdoc />
    public override double[] ResultValues()
    {
        if (classes < 0) return Average is null ? [] : [0.0];
        const double eps = 1e-7;
        double b2 = Beta * Beta;
        double[] tp = truePositives.Read(), fp = falsePositives.Read(), fn = falseNegatives.Read();
        var f = new double[tp.Length];
        for (int i = 0; i < tp.Length; i++)
        {
            double precision = tp[i] / (tp[i] + fp[i] + eps);
            double recall = tp[i] / (tp[i] + fn[i] + eps);
            f[i] = precision * recall / (b2 * precision + recall + eps) * (1 + b2);
        }
        if (Average == "weighted")
        {
            var w = weights.Read();
            double total = w.Sum() + eps;
            return [f.Select((v, i) => v * w[i] / total).Sum()];
        }
        if (Average is "micro" or "macro") return [f.Average()];
        return f;
    }

    /// <summary>Keras' <c>result()</c>: one score per class with <c>average=None</c>, else one element (same as <see cref="ResultValues"/>).</summary>
    public double[] ResultPerClass() => ResultValues();

    /// <inheritdoc />
    public override double Result()
    {
        var r = ResultValues();
        return r.Length == 0 ? 0.0 : r.Average();
    }

    /// <inheritdoc />
    public override void ResetState()
    {
        foreach (var v in new[] { truePositives, falsePositives, falseNegatives, weights }) v.Drop();
        classes = -1;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["average"] = Average;
        c["beta"] = Beta;
        c["threshold"] = Threshold;
        return c;
    }
}
