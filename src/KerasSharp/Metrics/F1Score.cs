namespace KerasSharp.Metrics;

/// <summary>
/// Keras' <c>keras.metrics.F1Score</c>: <see cref="FBetaScore"/> with beta 1, the harmonic mean of precision and recall,
/// <c>2 P R / (P + R + 1e-7)</c> per class, over 2-D inputs <c>(batch, classes)</c>. With <c>average</c> null (Keras'
/// default) the result is the per-class vector (<see cref="Metric.ResultValues"/>; <see cref="FBetaScore.Result"/> is
/// its mean, as Keras' progress bar prints it). Its config has no <c>beta</c>, as Keras'.
/// </summary>
public sealed class F1Score : FBetaScore
{
    /// <summary>Creates the metric.</summary>
    /// <param name="average">null (per class), <c>"micro"</c>, <c>"macro"</c> or <c>"weighted"</c>.</param>
    /// <param name="threshold">Predictions above it are positive (0 &lt; threshold &lt;= 1); null uses each row's maximum.</param>
    /// <param name="name">The log key (Keras default <c>f1_score</c>).</param>
    public F1Score(string? average = null, double? threshold = null, string name = "f1_score") : base(average, 1.0, threshold, name) { }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c.Remove("beta");
        return c;
    }
}
