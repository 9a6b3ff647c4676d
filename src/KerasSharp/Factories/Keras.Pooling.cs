using KerasSharp.Layers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.MaxPooling1D"/> layer: <c>MaxPooling1D(2)</c>.</summary>
    public static MaxPooling1D MaxPooling1D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null) => new(poolSize, strides, padding, dataFormat, name);

    /// <summary>A <see cref="Layers.MaxPooling2D"/> layer: <c>MaxPooling2D(2)</c>.</summary>
    public static MaxPooling2D MaxPooling2D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null) => new(poolSize, strides, padding, dataFormat, name);

    /// <summary>A <see cref="Layers.MaxPooling3D"/> layer: <c>MaxPooling3D(2)</c>.</summary>
    public static MaxPooling3D MaxPooling3D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null) => new(poolSize, strides, padding, dataFormat, name);

    /// <summary>A <see cref="Layers.AveragePooling1D"/> layer: <c>AveragePooling1D(2)</c>.</summary>
    public static AveragePooling1D AveragePooling1D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null) => new(poolSize, strides, padding, dataFormat, name);

    /// <summary>A <see cref="Layers.AveragePooling2D"/> layer: <c>AveragePooling2D(2)</c>.</summary>
    public static AveragePooling2D AveragePooling2D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null) => new(poolSize, strides, padding, dataFormat, name);

    /// <summary>A <see cref="Layers.AveragePooling3D"/> layer: <c>AveragePooling3D(2)</c>.</summary>
    public static AveragePooling3D AveragePooling3D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null) => new(poolSize, strides, padding, dataFormat, name);

    /// <summary>A <see cref="Layers.GlobalMaxPooling1D"/> layer.</summary>
    public static GlobalMaxPooling1D GlobalMaxPooling1D(string dataFormat = "channels_last", bool keepdims = false, string? name = null) =>
        new(dataFormat, keepdims, name);

    /// <summary>A <see cref="Layers.GlobalMaxPooling2D"/> layer.</summary>
    public static GlobalMaxPooling2D GlobalMaxPooling2D(string dataFormat = "channels_last", bool keepdims = false, string? name = null) =>
        new(dataFormat, keepdims, name);

    /// <summary>A <see cref="Layers.GlobalMaxPooling3D"/> layer.</summary>
    public static GlobalMaxPooling3D GlobalMaxPooling3D(string dataFormat = "channels_last", bool keepdims = false, string? name = null) =>
        new(dataFormat, keepdims, name);

    /// <summary>A <see cref="Layers.GlobalAveragePooling1D"/> layer.</summary>
    public static GlobalAveragePooling1D GlobalAveragePooling1D(string dataFormat = "channels_last", bool keepdims = false, string? name = null) =>
        new(dataFormat, keepdims, name);

    /// <summary>A <see cref="Layers.GlobalAveragePooling2D"/> layer.</summary>
    public static GlobalAveragePooling2D GlobalAveragePooling2D(string dataFormat = "channels_last", bool keepdims = false, string? name = null) =>
        new(dataFormat, keepdims, name);

    /// <summary>A <see cref="Layers.GlobalAveragePooling3D"/> layer.</summary>
    public static GlobalAveragePooling3D GlobalAveragePooling3D(string dataFormat = "channels_last", bool keepdims = false, string? name = null) =>
        new(dataFormat, keepdims, name);
}
