namespace KerasSharp.Layers;

/// <summary>
/// An attention layer that takes its inputs' Keras masks as its query/value/key masks, as Keras' attention layers read
/// <c>query._keras_mask</c> and <c>value._keras_mask</c> when called in a functional graph (an
/// <c>Embedding(mask_zero=True)</c> before them).
/// </summary>
internal interface IInputMaskedAttention
{
    /// <summary>Runs one call with its options and the masks of its input tensors (null where an input has none).</summary>
    IReadOnlyList<TorchSharp.torch.Tensor> ApplyWithInputMasks(IReadOnlyList<TorchSharp.torch.Tensor> inputs,
        IReadOnlyList<TorchSharp.torch.Tensor?> inputMasks, IReadOnlyDictionary<string, object?> arguments, bool training);
}
