using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// A layer that honours a time-step mask (Keras' <c>supports_masking</c> with a <c>mask</c> call argument): recurrent
/// layers, <see cref="Bidirectional"/>. A model that holds a mask from the previous layer (e.g. an
/// <see cref="Embedding"/> with <c>maskZero</c>) calls <see cref="ApplyMasked"/> instead of <c>ApplyAll</c>, then
/// passes <see cref="ComputeOutputMask"/> on to the next layer.
/// </summary>
public interface IMaskConsumer
{
    /// <summary>
    /// Runs the layer as <see cref="Layer.ApplyAll(IReadOnlyList{TorchSharp.torch.Tensor}, bool?)"/> does, with <paramref name="mask"/> (boolean or 0/1,
    /// shape <c>(batch, timesteps)</c>; true = use the step) applied; a null mask means every step counts.
    /// </summary>
    IReadOnlyList<Tensor> ApplyMasked(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training = false);

    /// <summary>The mask of the layer's (first) output given the input mask (Keras' <c>compute_mask</c>); null when none.</summary>
    Tensor? ComputeOutputMask(Tensor? inputMask);
}
