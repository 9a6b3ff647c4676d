namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>SpatialDropout1D</c>: dropout of whole channels of a <c>(batch, steps, channels)</c> input (one decision
/// per sample and channel, shared over the steps), active only in training.
/// </summary>
public class SpatialDropout1D : BaseSpatialDropout
{
    /// <summary>Creates a SpatialDropout1D layer.</summary>
    /// <param name="rate">Fraction of channels dropped, in [0, 1).</param>
    /// <param name="seed">Seed of the layer's own generator; null to use the global generator.</param>
    /// <param name="name">Layer name (default <c>spatial_dropout1d</c>).</param>
    public SpatialDropout1D(double rate, int? seed = null, string? name = null) : base(rate, "channels_last", seed, 3, name) { }
}
