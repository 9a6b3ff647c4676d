using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.CTC</c> (connectionist temporal classification): the negative log-likelihood of the label
/// sequence under all alignments. <c>y_true</c>: integer labels <c>(batch, max_label_length)</c> padded with 0, the
/// blank/mask index (so 0 is not a class; each label's length is its count of non-zero entries). <c>y_pred</c>: logits
/// <c>(batch, time, classes)</c>, not softmax-normalised (a <c>log_softmax</c> is applied, as in Keras' torch backend);
/// every sample uses all <c>time</c> steps. An impossible alignment (a label longer than the time steps allow) gives
/// an infinite loss, as in Keras.
/// </summary>
public sealed class CTC : LossFunctionWrapper
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Keras' reduction; null is Keras' <c>None</c> (the same as <c>"none"</c>).</param>
    /// <param name="name">The loss name.</param>
    public CTC(string? reduction = "sum_over_batch_size", string name = "ctc")
        : base((yTrue, yPred) => LossFunctions.Ctc(yTrue, yPred), name, reduction, rowWise: true)
    {
    }
}
