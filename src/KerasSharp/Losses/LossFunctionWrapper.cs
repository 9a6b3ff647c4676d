using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>A loss from a plain function <c>(yTrue, yPred) =&gt; values</c> (Keras' <c>LossFunctionWrapper</c>).</summary>
public sealed class LossFunctionWrapper : Loss
{
    private readonly Func<Tensor, Tensor, Tensor> fn;

    /// <summary>Wraps <paramref name="fn"/>; its result is reduced with <paramref name="reduction"/>.</summary>
    public LossFunctionWrapper(Func<Tensor, Tensor, Tensor> fn, string name = "custom_loss", string? reduction = "sum_over_batch_size")
        : base(name, reduction) => this.fn = fn ?? throw new ArgumentNullException(nameof(fn));

    /// <inheritdoc />
    public override Tensor Call(Tensor yTrue, Tensor yPred) => fn(yTrue, yPred);
}
