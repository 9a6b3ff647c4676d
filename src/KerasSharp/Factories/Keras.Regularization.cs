using KerasSharp.Layers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.GaussianNoise"/> layer.</summary>
    public static GaussianNoise GaussianNoise(double stddev, int? seed = null, string? name = null) => new(stddev, seed, name);

    /// <summary>A <see cref="Layers.GaussianDropout"/> layer.</summary>
    public static GaussianDropout GaussianDropout(double rate, int? seed = null, string? name = null) => new(rate, seed, name);

    /// <summary>An <see cref="Layers.AlphaDropout"/> layer.</summary>
    public static AlphaDropout AlphaDropout(double rate, Shape? noiseShape = null, int? seed = null, string? name = null) =>
        new(rate, noiseShape, seed, name);

    /// <summary>A <see cref="Layers.SpatialDropout1D"/> layer.</summary>
    public static SpatialDropout1D SpatialDropout1D(double rate, int? seed = null, string? name = null) => new(rate, seed, name);

    /// <summary>A <see cref="Layers.SpatialDropout2D"/> layer.</summary>
    public static SpatialDropout2D SpatialDropout2D(double rate, string dataFormat = "channels_last", int? seed = null, string? name = null) =>
        new(rate, dataFormat, seed, name);

    /// <summary>A <see cref="Layers.SpatialDropout3D"/> layer.</summary>
    public static SpatialDropout3D SpatialDropout3D(double rate, string dataFormat = "channels_last", int? seed = null, string? name = null) =>
        new(rate, dataFormat, seed, name);

    /// <summary>An <see cref="Layers.ActivityRegularization"/> layer: adds <c>l1 * sum(|x|) + l2 * sum(x^2)</c> of its input to the losses.</summary>
    public static ActivityRegularization ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null) => new(l1, l2, name);
}
