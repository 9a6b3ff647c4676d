using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.R2Score</c> (coefficient of determination) over 2-D inputs <c>(batch, outputs)</c>:
/// per output <c>1 - SS_res / SS_tot</c> from running weighted sums, then aggregated.
/// </summary>
public sealed class R2Score : Metric
{
    private static readonly string[] Aggregations = ["uniform_average", "variance_weighted_average"];
    private readonly MetricVariable sum = new(), squaredSum = new(), totalMse = new(), count = new(), numSamples = new();
    private long outputs = -1;

    /// <summary>Creates the metric.</summary>
    /// <param name="classAggregation"><c>"uniform_average"</c> (Keras default: mean of the per-output scores) or
    /// <c>"variance_weighted_average"</c> (weighted by each output's variance).</param>
    /// <param name="numRegressors">Number of independent regressors for the adjusted R2 (Keras default 0: plain R2).</param>
    /// <param name="name">The log key (Keras default <c>r2_score</c>).</param>
    public R2Score(string classAggregation = "uniform_average", int numRegressors = 0, string name = "r2_score") : base(name)
    {
        if (!Aggregations.Contains(classAggregation))
            throw new ArgumentException(
                $"Invalid classAggregation '{classAggregation}'. Expected one of: {string.Join(", ", Aggregations)}.", nameof(classAggregation));
        Internal.Guard.NonNegative(numRegressors, nameof(numRegressors));
        ClassAggregation = classAggregation;
        NumRegressors = numRegressors;
    }

    /// <summary>How per-output scores are combined.</summary>
    public string ClassAggregation { get; }

    /// <summary>Number of regressors for the adjusted R2.</summary>
    public int NumRegressors { get; }

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (t, p) = Losses.LossFunctions.Prepare(yTrue.detach(), yPred.detach());
        if (t.dim() != 2 || p.dim() != 2)
            throw new ArgumentException(
                $"R2Score expects 2D inputs with shape (batch_size, output_dim), but received y_true shape " +
                $"{Losses.LossFunctions.ShapeText(yTrue)} and y_pred shape {Losses.LossFunctions.ShapeText(yPred)}.", nameof(yTrue));
        if (outputs < 0) outputs = p.shape[1];
        else if (p.shape[1] != outputs)
            throw new ArgumentException($"R2Score was built for {outputs} outputs but received y_pred with {p.shape[1]}.", nameof(yPred));
        var w = sampleWeight is null ? ones_like(t) : sampleWeight.detach().to(t.device).to_type(t.dtype);
        if (w.dim() == 1) w = w.unsqueeze(1);
        w = w.broadcast_to(t.shape);
        var dev = t.device;
        var weighted = t * w;
        sum.Add(dev, weighted.sum([0L]), outputs);
        squaredSum.Add(dev, (t * weighted).sum([0L]), outputs);
        totalMse.Add(dev, ((t - p).square() * w).sum([0L]), outputs);
        count.Add(dev, w.sum([0L]), outputs);
        numSamples.Add(dev, tensor((double)t.numel(), ScalarType.Float64, dev));
    }

    /// <inheritdoc />
    public override double Result()
    {
        if (outputs < 0) return 0.0;
        double[] s = sum.Read(), sq = squaredSum.Read(), mse = totalMse.Read(), c = count.Read();
        var raw = new double[outputs];
        var total = new double[outputs];
        for (int i = 0; i < outputs; i++)
        {
            double mean = s[i] / c[i];
            total[i] = sq[i] - s[i] * mean;
            raw[i] = 1 - mse[i] / total[i];
            if (double.IsInfinity(raw[i])) raw[i] = 0.0;
        }
        double r2 = ClassAggregation == "uniform_average" ? raw.Average() : raw.Zip(total, (r, v) => r * v).Sum() / total.Sum();
        if (NumRegressors != 0)
        {
            double n = numSamples.Read()[0], pr = NumRegressors;
            if (pr < n - 1) r2 = 1 - (1 - r2) * (n - 1) / (n - pr - 1);
        }
        return r2;
    }

    /// <inheritdoc />
    public override void ResetState()
    {
        foreach (var v in new[] { sum, squaredSum, totalMse, count, numSamples }) v.Drop();
        outputs = -1;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["class_aggregation"] = ClassAggregation;
        c["num_regressors"] = NumRegressors;
        return c;
    }
}
