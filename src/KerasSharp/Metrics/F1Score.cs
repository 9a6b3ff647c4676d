using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.F1Score</c> (<c>FBetaScore</c> with beta 1) over 2-D inputs <c>(batch, classes)</c>.
/// Predictions become 0/1 by <see cref="Threshold"/> (null: each row's maximum, ignoring all-zero rows, as Keras).
/// Per class <c>F1 = 2 P R / (P + R + 1e-7)</c> with <c>P = TP / (TP + FP + 1e-7)</c>, <c>R = TP / (TP + FN + 1e-7)</c>.
/// <see cref="Average"/>: <c>"micro"</c> pools all classes, <c>"macro"</c> averages the per-class scores,
/// <c>"weighted"</c> weights them by each class's (weighted) label count. With <c>null</c> (Keras' default) Keras'
/// <c>result()</c> is the per-class vector (<see cref="ResultPerClass"/>); <see cref="Result"/> then returns its
/// mean, which is what Keras' progress bar prints for that vector (its <c>np.mean</c> of the logged value).
/// </summary>
public sealed class F1Score : Metric
{
    private static readonly string?[] Averages = [null, "micro", "macro", "weighted"];
    private readonly MetricVariable truePositives = new(), falsePositives = new(), falseNegatives = new(), weights = new();
    private long classes = -1;

    /// <summary>Creates the metric.</summary>
    /// <param name="average">null (per class), <c>"micro"</c>, <c>"macro"</c> or <c>"weighted"</c>.</param>
    /// <param name="threshold">Predictions above it are positive; null uses each row's maximum.</param>
    /// <param name="name">The log key (Keras default <c>f1_score</c>).</param>
    public F1Score(string? average = null, double? threshold = null, string name = "f1_score") : base(name)
    {
        if (!Averages.Contains(average))
            throw new ArgumentException($"Invalid average '{average}'. Expected one of: null, micro, macro, weighted.", nameof(average));
        if (threshold is double th) Internal.Guard.InRange(th, 0, 1, nameof(threshold));
        Average = average;
        Threshold = threshold;
    }

    /// <summary>How per-class scores are combined (null: per class).</summary>
    public string? Average { get; }

    /// <summary>The decision threshold (null: row maximum).</summary>
    public double? Threshold { get; }

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = Losses.LossFunctions.ToFloat(yPred.detach());
        var t = yTrue.detach().to_type(p.dtype);
        if (t.dim() != 2 || p.dim() != 2)
            throw new ArgumentException(
                $"F1Score expects 2D inputs with shape (batch_size, output_dim), but received y_true shape " +
                $"{Losses.LossFunctions.ShapeText(yTrue)} and y_pred shape {Losses.LossFunctions.ShapeText(yPred)}.", nameof(yTrue));
        if (classes < 0) classes = p.shape[1];
        else if (p.shape[1] != classes)
            throw new ArgumentException($"F1Score was built for {classes} classes but received y_pred with {p.shape[1]}.", nameof(yPred));
        Tensor predicted = Threshold is double th
            ? p.gt(th)
            : p.ge(p.amax([-1L], keepdim: true)).logical_and(p.abs().gt(1e-9));
        var pp = predicted.to_type(p.dtype);
        var w = sampleWeight is null ? null : sampleWeight.detach().to(p.device).to_type(p.dtype).reshape(-1, 1);
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

    /// <summary>Keras' <c>result()</c> for <c>average=None</c>: one F1 per class (for other averages, one element).</summary>
    public double[] ResultPerClass()
    {
        if (classes < 0) return [];
        const double eps = 1e-7;
        double[] tp = truePositives.Read(), fp = falsePositives.Read(), fn = falseNegatives.Read();
        var f1 = new double[tp.Length];
        for (int i = 0; i < tp.Length; i++)
        {
            double precision = tp[i] / (tp[i] + fp[i] + eps);
            double recall = tp[i] / (tp[i] + fn[i] + eps);
            f1[i] = 2 * (precision * recall / (precision + recall + eps));
        }
        if (Average == "weighted")
        {
            var w = weights.Read();
            double total = w.Sum() + eps;
            return [f1.Select((v, i) => v * w[i] / total).Sum()];
        }
        if (Average is "micro" or "macro") return [f1.Average()];
        return f1;
    }

    /// <inheritdoc />
    public override double Result()
    {
        var r = ResultPerClass();
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
        c["beta"] = 1.0;
        c["average"] = Average;
        c["threshold"] = Threshold;
        return c;
    }
}
