using KerasSharp.Layers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>An <see cref="Layers.Add"/> layer (call it with a list of inputs).</summary>
    public static Add Add(string? name = null) => new(name);

    /// <summary>A <see cref="Layers.Subtract"/> layer (call it with two inputs).</summary>
    public static Subtract Subtract(string? name = null) => new(name);

    /// <summary>A <see cref="Layers.Multiply"/> layer (call it with a list of inputs).</summary>
    public static Multiply Multiply(string? name = null) => new(name);

    /// <summary>An <see cref="Layers.Average"/> layer (call it with a list of inputs).</summary>
    public static Average Average(string? name = null) => new(name);

    /// <summary>A <see cref="Layers.Maximum"/> layer (call it with a list of inputs).</summary>
    public static Maximum Maximum(string? name = null) => new(name);

    /// <summary>A <see cref="Layers.Minimum"/> layer (call it with a list of inputs).</summary>
    public static Minimum Minimum(string? name = null) => new(name);

    /// <summary>A <see cref="Layers.Concatenate"/> layer (call it with a list of inputs).</summary>
    public static Concatenate Concatenate(int axis = -1, string? name = null) => new(axis, name);

    /// <summary>A <see cref="Layers.Dot"/> layer (call it with two inputs).</summary>
    public static Dot Dot(IntTuple axes, bool normalize = false, string? name = null) => new(axes, normalize, name);
}
