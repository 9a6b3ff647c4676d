using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.Tversky</c> (Salehi et al., 2017): <c>1 - TP / (TP + alpha FP + beta FN + 1e-7)</c> with
/// <c>TP = sum(y_true * y_pred)</c>, <c>FP = sum((1 - y_true) * y_pred)</c> and <c>FN = sum(y_true * (1 - y_pred))</c>
/// over <see cref="Axis"/> (every element when null, Keras' default, giving one value for the batch). With
/// <c>alpha = beta = 0.5</c> it equals <see cref="Dice"/>.
/// </summary>
/// <remarks>
/// <c>alpha</c> weighs false positives and <c>beta</c> false negatives, as Keras documents and computes since
/// keras-team/keras#23333; Keras 3.15 and earlier applied them the other way round (identical at the defaults).
/// </remarks>
public sealed class Tversky : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="alpha">Weight of false positives (Keras default 0.5).</param>
    /// <param name="beta">Weight of false negatives (Keras default 0.5).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    /// <param name="axis">The axes summed over (Keras default none: all of them).</param>
    public Tversky(double alpha = 0.5, double beta = 0.5, string? reduction = "sum_over_batch_size", string name = "tversky", int[]? axis = null)
        : base(name, reduction)
    {
        Alpha = alpha;
        Beta = beta;
        Axis = axis is null ? null : (int[])axis.Clone();
    }

    /// <summary>Weight of false positives.</summary>
    public double Alpha { get; }

    /// <summary>Weight of false negatives.</summary>
    public double Beta { get; }

    /// <summary>The axes summed over, or null for all of them.</summary>
    public IReadOnlyList<int>? Axis { get; }

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var axes = LossFunctions.CheckAxes(Axis?.ToArray(), yPred, Name);
        using var scope = NewDisposeScope();
        return LossFunctions.Tversky(yTrue, yPred, Alpha, Beta, axes).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["alpha"] = Alpha;
        c["beta"] = Beta;
        c["axis"] = Axis?.ToArray();
        return c;
    }
}
