using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Base of Keras' losses (<c>keras.losses.Loss</c>): <see cref="Call"/> computes per-sample values,
/// <see cref="Compute"/> applies sample weights and the reduction. Default reduction is Keras'
/// <c>"sum_over_batch_size"</c>: the sum of the (weighted) values divided by their number. A null reduction is
/// Keras' <c>reduction=None</c>: the same as <c>"none"</c> (no aggregation), and written as <c>null</c> in the config.
/// </summary>
public abstract class Loss
{
    /// <summary>Valid values for <see cref="Reduction"/>, as in Keras (null, Keras' <c>None</c>, is valid too and means <c>"none"</c>).</summary>
    public static readonly IReadOnlyList<string> Reductions = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"];

    /// <summary>Creates a loss with Keras' name and reduction (null: Keras' <c>None</c>, no aggregation).</summary>
    protected Loss(string name, string? reduction = "sum_over_batch_size")
    {
        if (reduction is not null && !Reductions.Contains(reduction))
            throw new ArgumentException(
                $"Invalid reduction '{reduction}'. Valid values: {string.Join(", ", Reductions)}, or null (Keras' None, the same as \"none\").",
                nameof(reduction));
        Name = name;
        Reduction = reduction;
    }

    /// <summary>Keras' snake_case name, e.g. <c>mean_squared_error</c>.</summary>
    public string Name { get; }

    /// <summary>How per-sample values become the returned value; null (Keras' <c>None</c>) is the same as <c>"none"</c>.</summary>
    public string? Reduction { get; }

    /// <summary>True when the reduction is <c>"none"</c> or null (Keras' <c>None</c>): values are returned unreduced.</summary>
    protected bool ReducesNothing => Reduction is null or "none";

    /// <summary>Per-sample loss values (usually shape <c>(batch,)</c>), before weighting and reduction.</summary>
    public abstract Tensor Call(Tensor yTrue, Tensor yPred);

    /// <summary>
    /// The loss as Keras' <c>Loss.__call__</c> computes it: <see cref="Call"/>, multiplied by
    /// <paramref name="sampleWeight"/> (broadcast over trailing axes) when given, then reduced.
    /// </summary>
    public virtual Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var values = Call(yTrue, yPred);
        if (sampleWeight is not null)
        {
            var w = sampleWeight.to_type(values.dtype);
            while (w.dim() < values.dim()) w = w.unsqueeze(-1);
            while (w.dim() > values.dim() && w.size(-1) == 1) w = w.squeeze(-1);
            values = values * w;
            if (Reduction == "mean_with_sample_weight")
                return values.sum() / w.expand_as(values).sum();
        }
        if (ReducesNothing) return values;
        return Reduction switch
        {
            "sum" => values.sum(),
            _ => values.numel() == 0 ? zeros(1, values.dtype, values.device).squeeze() : values.mean(),
        };
    }

    /// <summary>Set by Fit once <see cref="ValidateTargets"/> has accepted all of y, so per-batch checks that need a
    /// host read-back can be skipped.</summary>
    internal bool TargetsPrevalidated { get; set; }

    /// <summary>True for losses whose targets are integer class indices (sparse categorical cross-entropy).</summary>
    internal virtual bool ExpectsSparseTargets => false;

    /// <summary>
    /// Checks every target before training (called once per Fit on the whole of y, so that bad labels fail before any
    /// step instead of mid-epoch). The default accepts everything.
    /// </summary>
    /// <param name="yTrue">All targets.</param>
    /// <param name="predictionShape">The model's output shape for one sample batch.</param>
    internal virtual void ValidateTargets(Tensor yTrue, Shape predictionShape) { }

    /// <summary>Keras' config dictionary (<c>name</c>, <c>reduction</c>, plus each loss's own arguments).</summary>
    public virtual Dictionary<string, object?> GetConfig() => new() { ["name"] = Name, ["reduction"] = Reduction };

    /// <summary>Resolves a registry name (<c>"mse"</c>, <c>"categorical_crossentropy"</c>, a class name).</summary>
    public static implicit operator Loss(string name) => LossRegistry.Get(name);

    /// <summary>Wraps a custom function <c>(yTrue, yPred) =&gt; perSampleLoss</c>.</summary>
    public static implicit operator Loss(Func<Tensor, Tensor, Tensor> fn) => new LossFunctionWrapper(fn);
}
