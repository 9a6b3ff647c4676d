using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.Dice</c>: <c>1 - 2 sum(y_true * y_pred) / (sum(y_true) + sum(y_pred) + 1e-7)</c>. With
/// <see cref="Axis"/> null (Keras' default) the sums run over every element and the loss is one value for the whole
/// batch; with e.g. <c>axis: [1, 2, 3]</c> it is one value per sample, reduced as usual.
/// </summary>
public sealed class Dice : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    /// <param name="axis">The axes summed over (Keras default none: all of them).</param>
    public Dice(string? reduction = "sum_over_batch_size", string name = "dice", int[]? axis = null) : base(name, reduction)
        => Axis = axis is null ? null : (int[])axis.Clone();

    /// <summary>The axes summed over, or null for all of them.</summary>
    public IReadOnlyList<int>? Axis { get; }

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var axes = LossFunctions.CheckAxes(Axis?.ToArray(), yPred, Name);
        using var scope = NewDisposeScope();
        return LossFunctions.Dice(yTrue, yPred, axes).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis?.ToArray();
        return c;
    }
}
