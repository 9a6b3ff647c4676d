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

    /// <summary>A <see cref="Layers.Normalization"/> layer: <c>Normalization()</c> then <c>.Adapt(x)</c>, or <c>Normalization(mean: [3.0], variance: [2.0])</c>.</summary>
    public static Normalization Normalization(int? axis = -1, double[]? mean = null, double[]? variance = null, bool invert = false,
        string? name = null) => new(axis, mean, variance, invert, name);

    /// <summary>A <see cref="Layers.Resizing"/> layer: <c>Resizing(224, 224)</c>.</summary>
    public static Resizing Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false,
        bool padToAspectRatio = false, string fillMode = "constant", double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(height, width, interpolation, cropToAspectRatio, padToAspectRatio, fillMode, fillValue, dataFormat, name);

    /// <summary>A <see cref="Layers.CenterCrop"/> layer: <c>CenterCrop(224, 224)</c>.</summary>
    public static CenterCrop CenterCrop(int height, int width, string? dataFormat = null, string? name = null) =>
        new(height, width, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomFlip"/> layer: <c>RandomFlip("horizontal")</c>.</summary>
    public static RandomFlip RandomFlip(string mode = "horizontal_and_vertical", int? seed = null, string? dataFormat = null,
        string? name = null) => new(mode, seed, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomContrast"/> layer: <c>RandomContrast(0.2)</c>.</summary>
    public static RandomContrast RandomContrast(FactorRange factor, double[]? valueRange = null, int? seed = null, string? name = null) =>
        new(factor, valueRange, seed, name);
}
