using KerasSharp.Layers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.Reshape"/> layer: <c>Reshape((3, 4))</c>.</summary>
    public static Reshape Reshape(IntTuple targetShape, string? name = null) => new(targetShape, name);

    /// <summary>A <see cref="Layers.Permute"/> layer (1-based axes): <c>Permute((2, 1))</c>.</summary>
    public static Permute Permute(IntTuple dims, string? name = null) => new(dims, name);

    /// <summary>A <see cref="Layers.RepeatVector"/> layer.</summary>
    public static RepeatVector RepeatVector(int n, string? name = null) => new(n, name);

    /// <summary>An <see cref="Layers.UpSampling1D"/> layer.</summary>
    public static UpSampling1D UpSampling1D(int size = 2, string? name = null) => new(size, name);

    /// <summary>An <see cref="Layers.UpSampling2D"/> layer.</summary>
    public static UpSampling2D UpSampling2D(IntTuple? size = null, string dataFormat = "channels_last", string interpolation = "nearest", string? name = null) =>
        new(size, dataFormat, interpolation, name);

    /// <summary>An <see cref="Layers.UpSampling3D"/> layer: <c>UpSampling3D((1, 2, 2))</c>.</summary>
    public static UpSampling3D UpSampling3D(IntTuple? size = null, string dataFormat = "channels_last", string? name = null) =>
        new(size, dataFormat, name);

    /// <summary>A <see cref="Layers.ZeroPadding1D"/> layer.</summary>
    public static ZeroPadding1D ZeroPadding1D(IntTuple? padding = null, string dataFormat = "channels_last", string? name = null) =>
        new(padding, dataFormat, name);

    /// <summary>A <see cref="Layers.ZeroPadding2D"/> layer.</summary>
    public static ZeroPadding2D ZeroPadding2D(PaddingTuple? padding = null, string dataFormat = "channels_last", string? name = null) =>
        new(padding, dataFormat, name);

    /// <summary>A <see cref="Layers.ZeroPadding3D"/> layer: <c>ZeroPadding3D(((1, 0), (0, 1), (2, 2)))</c>.</summary>
    public static ZeroPadding3D ZeroPadding3D(PaddingTuple3D? padding = null, string dataFormat = "channels_last", string? name = null) =>
        new(padding, dataFormat, name);

    /// <summary>A <see cref="Layers.Cropping1D"/> layer.</summary>
    public static Cropping1D Cropping1D(IntTuple? cropping = null, string? name = null) => new(cropping, name);

    /// <summary>A <see cref="Layers.Cropping2D"/> layer.</summary>
    public static Cropping2D Cropping2D(PaddingTuple? cropping = null, string dataFormat = "channels_last", string? name = null) =>
        new(cropping, dataFormat, name);

    /// <summary>A <see cref="Layers.Cropping3D"/> layer: <c>Cropping3D(((0, 1), (1, 0), (1, 2)))</c>.</summary>
    public static Cropping3D Cropping3D(PaddingTuple3D? cropping = null, string dataFormat = "channels_last", string? name = null) =>
        new(cropping, dataFormat, name);
}
