using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.Huber</c>: with <c>e = y_pred - y_true</c>, <c>0.5 e^2</c> where <c>|e| &lt;= delta</c>,
/// else <c>delta |e| - 0.5 delta^2</c>; mean over the last axis.
/// </summary>
public sealed class Huber : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">Where the loss changes from quadratic to linear (Keras default 1.0).</param>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name (Keras: <c>huber_loss</c>).</param>
    public Huber(double delta = 1.0, string? reduction = "sum_over_batch_size", string name = "huber_loss")
        : base((yTrue, yPred) => LossFunctions.Huber(yTrue, yPred, delta), name, reduction, rowWise: true)
    {
        Internal.Guard.NonNegative(delta, nameof(delta));
        Delta = delta;
    }

    /// <summary>Where the loss changes from quadratic to linear.</summary>
    public double Delta { get; }
}
