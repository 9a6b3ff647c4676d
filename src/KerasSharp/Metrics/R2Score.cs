using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.R2Score</c> (coefficient of determination) over 2-D inputs <c>(batch, outputs)</c>:
/// per output <c>1 - SS_res / SS_tot</c> from running weighted sums, then aggregated: <c>"uniform_average"</c> (Keras'
/// default), <c>"variance_weighted_average"</c>, or null for one score per output (<see cref="Metric.ResultValues"/>;
/// <see cref="Result"/> is then their mean, as Keras' progress bar prints it). With <see cref="NumRegressors"/> p &gt; 0
/// the adjusted score <c>1 - (1 - R2)(n - 1)/(n - p - 1)</c> uses the sample count n as current Keras computes it
/// (keras-team/keras#23334): the per-output sum of the sample weights, averaged over outputs (the number of rows when
/// unweighted); when p &gt;= n - 1 Keras falls back to the plain score.
/// </summary>
public sealed class R2Score : Metric
{
    private static readonly string?[] Aggregations = [null, "uniform_average", "variance_weighted_average"];
    private readonly MetricVariable sum = new(), squaredSum = new(), totalMse = new(), count = new(), numSamples = new();
    private long outputs = -1;

    /// <summary>Creates the metric.</summary>
    /// <param name="classAggregation"><c>"uniform_average"</c> (Keras default: mean of the per-output scores),
    /// <c>"variance_weighted_average"</c> (weighted by each output's variance) or null (one score per output).</param>
    /// <param name="numRegressors">Number of independent regressors for the adjusted R2 (Keras default 0: plain R2).</param>
    /// <param name="name">The log key (Keras default <c>r2_score</c>).</param>
    public R2Score(string? classAggregation = "uniform_average", int numRegressors = 0, string name = "r2_score") : base(name)
    {
        if (!Aggregations.Contains(classAggregation))
            throw new ArgumentException(
                "Invalid value for argument `class_aggregation`. Expected one of (None, 'uniform_average', 'variance_weighted_average'). " +
                $"Received: class_aggregation={classAggregation}", nameof(classAggregation));
        if (numRegressors < 0)
            throw new ArgumentOutOfRangeException(nameof(numRegressors), numRegressors,
                $"Invalid value for argument `num_regressors`. Expected a value >= 0. Received: num_regressors={numRegressors}");
        ClassAggregation = classAggregation;
        NumRegressors = numRegressors;
    }

    /// <summary>How per-output scores are combined (null: not combined).</summary>
    public string? ClassAggregation { get; }

    /// <summary>Number of regressors for the adjusted R2.</summary>
    public int NumRegressors { get; }

    /// <inheritdoc />
    public override bool ResultIsVector => ClassAggregation is null;

    /// <inheritdoc />
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (t, p) = Losses.LossFunctions.Prepare(yTrue.detach(), yPred.detach());
        if (t.dim() != 2 || p.dim() != 2)
            throw new ArgumentException(
                "R2Score expects 2D inputs with shape (batch_size, output_dim). Received input shapes: " +
                $"y_pred.shape={Losses.LossFunctions.ShapeText(p)} and y_true.shape={Losses.LossFunctions.ShapeText(t)}.", nameof(yTrue));
        if (outputs >= 0 && p.shape[1] != outputs)
            throw new ArgumentException($"R2Score was built for {outputs} outputs but received y_pred of shape {Losses.LossFunctions.ShapeText(p)}.", nameof(yPred));
        Tensor w;
        if (sampleWeight is null) w = ones_like(t);
        else
        {
            w = sampleWeight.detach().to(t.device).to_type(t.dtype);
            if (w.dim() == 1) w = w.unsqueeze(1); // Keras: make sure there is a features axis
            try { w = w.broadcast_to(t.shape); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
            {
                throw new ArgumentException($"sample_weight of shape {Losses.LossFunctions.ShapeText(sampleWeight)} cannot be broadcast to " +
                                            $"y_true's shape {Losses.LossFunctions.ShapeText(t)}.", nameof(sampleWeight), e);
            }
        }
        if (outputs < 0) outputs = p.shape[1];
        var dev = t.device;
        var weighted = t * w;
        var perOutputWeight = w.sum([0L]);
        sum.Add(dev, weighted.sum([0L]), outputs);
        squaredSum.Add(dev, (t * weighted).sum([0L]), outputs);
        totalMse.Add(dev, ((t - p).square() * w).sum([0L]), outputs);
        count.Add(dev, perOutputWeight, outputs);
        numSamples.Add(dev, perOutputWeight.mean());
    }

    /// <summary>The per-output scores before aggregation (Keras' <c>raw_scores</c>), and each output's total sum of squares.</summary>
    private (double[] Raw, double[] Total) RawScores()
    {
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
        return (raw, total);
    }

    private double[] Adjust(double[] r2)
    {
        if (NumRegressors == 0) return r2;
        double n = numSamples.Read()[0], pr = NumRegressors;
        // Keras warns and keeps the plain score when p > n - 1 or p == n - 1.
        if (!(pr < n - 1)) return r2;
        return r2.Select(v => 1 - (1 - v) * (n - 1) / (n - pr - 1)).ToArray();
    }

    /// <inheritdoc />
    public override double[] ResultValues()
    {
        if (outputs < 0) return ClassAggregation is null ? [] : [0.0];
        var (raw, total) = RawScores();
        double[] r2 = ClassAggregation switch
        {
            null => raw,
            "uniform_average" => [raw.Average()],
            _ => [raw.Zip(total, (r, v) => r * v).Sum() / total.Sum()],
        };
        return Adjust(r2);
    }

    /// <inheritdoc />
    public override double Result()
    {
        var r = ResultValues();
        return r.Length == 0 ? 0.0 : r.Average();
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
