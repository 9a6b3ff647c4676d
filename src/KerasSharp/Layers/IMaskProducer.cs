using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// A layer that produces a Keras mask for the layers after it (Keras' <c>compute_mask</c>): <c>Masking</c> and
/// <c>Embedding(maskZero: true)</c>. Layers that consume masks (recurrent layers) ask the layer before them for the
/// mask of the input that layer received.
/// </summary>
/// <remarks>
/// Contract: <see cref="ComputeMask"/> takes the same tensor the layer's call receives and returns a boolean tensor
/// whose shape is the layer output's shape without its last (feature) axis, i.e. <c>(batch, timesteps)</c> for a
/// sequence; <c>true</c> marks a step to keep, <c>false</c> a step to skip. It returns null when the layer does not mask
/// (e.g. <c>Embedding</c> with <c>maskZero: false</c>). It does not change the layer's state and does not build it.
/// </remarks>
public interface IMaskProducer
{
    /// <summary>The mask for <paramref name="input"/> (true = keep), or null when this layer produces none.</summary>
    Tensor? ComputeMask(Tensor input);
}
