namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>SpatialDropout3D</c>: dropout of whole feature maps of a rank-5 input (one decision per sample and
/// channel, shared over the voxels), active only in training.
/// </summary>
public class SpatialDropout3D : BaseSpatialDropout
{
    /// <summary>Creates a SpatialDropout3D layer.</summary>
    /// <param name="rate">Fraction of feature maps dropped, in [0, 1).</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's own generator; null to use the global generator.</param>
    /// <param name="name">Layer name (default <c>spatial_dropout3d</c>).</param>
    public SpatialDropout3D(double rate, string dataFormat = "channels_last", int? seed = null, string? name = null)
        : base(rate, dataFormat, seed, 5, name) { }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        return config;
    }
}
