using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// A loss from a function <c>(yTrue, yPred) =&gt; per-sample values</c>, reduced by the loss's reduction (Keras'
/// <c>LossFunctionWrapper</c>, the base of Keras' function-backed losses: <see cref="MeanSquaredError"/>,
/// <see cref="MeanAbsoluteError"/>, <see cref="Hinge"/>, ...). Wrap a plain function to use it as a loss.
/// </summary>
public class LossFunctionWrapper : Loss, IRowWiseLoss
{
    private readonly Func<Tensor, Tensor, Tensor> fn;
    private readonly bool rowWise;

    /// <summary>Wraps <paramref name="fn"/>; its result is reduced with <paramref name="reduction"/>.</summary>
    /// <param name="fn">The per-sample loss function.</param>
    /// <param name="name">The loss name.</param>
    /// <param name="reduction">Keras' reduction (<c>"sum_over_batch_size"</c>, <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, <c>"none"</c>, or null: the same as <c>"none"</c>).</param>
    public LossFunctionWrapper(Func<Tensor, Tensor, Tensor> fn, string name = "custom_loss", string? reduction = "sum_over_batch_size")
        : this(fn, name, reduction, rowWise: false) { }

    /// <summary>Wraps a built-in function; <paramref name="rowWise"/> says that each per-sample value depends on its own
    /// sample alone (see <see cref="IRowWiseLoss"/>).</summary>
    private protected LossFunctionWrapper(Func<Tensor, Tensor, Tensor> fn, string name, string? reduction, bool rowWise)
        : base(name, reduction)
    {
        this.fn = fn ?? throw new ArgumentNullException(nameof(fn));
        this.rowWise = rowWise;
    }

    bool IRowWiseLoss.RowWise => rowWise;

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        return fn(yTrue, yPred).MoveToOuterDisposeScope();
    }
}
