using KerasSharp.Layers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.Rescaling"/> layer: <c>Rescaling(1.0 / 255)</c>.</summary>
    public static Rescaling Rescaling(double scale, double offset = 0.0, string? name = null) => new(scale, offset, name);

    /// <summary>A <see cref="Layers.RandomRotation"/> layer: <c>RandomRotation(0.1)</c>.</summary>
    public static RandomRotation RandomRotation(FactorRange factor, string fillMode = "reflect", string interpolation = "bilinear",
        int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(factor, fillMode, interpolation, seed, fillValue, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomZoom"/> layer: <c>RandomZoom(0.1)</c>.</summary>
    public static RandomZoom RandomZoom(FactorRange heightFactor, FactorRange? widthFactor = null, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(heightFactor, widthFactor, fillMode, interpolation, seed, fillValue, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomTranslation"/> layer: <c>RandomTranslation(0.1, 0.1)</c>.</summary>
    public static RandomTranslation RandomTranslation(FactorRange heightFactor, FactorRange widthFactor, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(heightFactor, widthFactor, fillMode, interpolation, seed, fillValue, dataFormat, name);
}
