using System.Collections;
using System.Runtime.CompilerServices;
using TorchSharp;

namespace KerasSharp;

/// <summary>
/// A tensor shape in Keras' sense: a list of dimensions where <c>null</c> means "unknown" (Keras' <c>None</c>, usually
/// the batch axis). Built from collection expressions (<c>[28, 28, 1]</c>), indexable from the end (<c>shape[^1]</c>),
/// compared structurally, and printed as Keras prints shapes: <c>(None, 28, 28, 1)</c>.
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<long?>
{
    private readonly long?[]? dims;

    /// <summary>Creates a shape from its dimensions (<c>null</c> for an unknown dimension).</summary>
    public Shape(params long?[] dims)
    {
        foreach (var d in dims)
            if (d is < 0)
                throw new ArgumentException($"Shape dimensions must be >= 0 or null (unknown), but received {Format(dims)}.", nameof(dims));
        this.dims = (long?[])dims.Clone();
    }

    // Dimensions known to be valid and owned by the new shape (no check, no copy).
    private Shape(long?[] dims, bool trusted) => this.dims = dims;

    /// <summary>Collection-expression builder: <c>Shape s = [28, 28, 1];</c>.</summary>
    public static Shape Create(ReadOnlySpan<long?> dims) => new(dims.ToArray());

    /// <summary>A fully known shape from TorchSharp's <c>long[]</c> form.</summary>
    public static Shape FromDims(IEnumerable<long> dims) => new(dims.Select(d => (long?)d).ToArray());

    /// <summary>The shape of a tensor.</summary>
    public static Shape Of(torch.Tensor tensor)
    {
        // dim()/size(i) instead of tensor.shape: this runs for every layer call, and .shape marshals through a callback.
        var dims = new long?[tensor.dim()];
        for (int i = 0; i < dims.Length; i++) dims[i] = tensor.size(i);
        return new Shape(dims, trusted: true);
    }

    /// <summary>Number of dimensions.</summary>
    public int Rank => dims?.Length ?? 0;

    /// <summary>Number of dimensions (same as <see cref="Rank"/>; enables <c>shape[^1]</c>).</summary>
    public int Count => Rank;

    /// <summary>The dimension at <paramref name="index"/>; <c>null</c> when unknown.</summary>
    public long? this[int index] => (dims ?? [])[index];

    /// <summary>The dimensions from <paramref name="range"/> as a new shape: <c>shape[1..]</c>.</summary>
    public Shape this[Range range] => new((dims ?? [])[range]);

    /// <summary>True when no dimension is unknown.</summary>
    public bool IsFullyDefined => (dims ?? []).All(d => d.HasValue);

    /// <summary>This shape with an unknown batch axis in front: <c>(784)</c> becomes <c>(None, 784)</c>.</summary>
    public Shape WithBatch(long? batch = null) => new([batch, .. dims ?? []]);

    /// <summary>This shape with the first (batch) axis unknown: <c>(32, 784)</c> becomes <c>(None, 784)</c>.</summary>
    public Shape WithBatchUnknown() => Rank == 0 ? this : new([null, .. dims![1..]]);

    /// <summary>This shape with its last dimension replaced.</summary>
    public Shape WithLast(long? last) => Rank == 0
        ? throw new InvalidOperationException("A scalar shape has no last dimension.")
        : new([.. dims![..^1], last]);

    /// <summary>Product of the dimensions; null when any is unknown (1 for a scalar shape).</summary>
    public long? Product()
    {
        long p = 1;
        foreach (var d in dims ?? [])
        {
            if (d is null) return null;
            p *= d.Value;
        }
        return p;
    }

    /// <summary>The dimensions as TorchSharp's <c>long[]</c>.</summary>
    /// <exception cref="InvalidOperationException">A dimension is unknown.</exception>
    public long[] ToArray() => IsFullyDefined
        ? (dims ?? []).Select(d => d!.Value).ToArray()
        : throw new InvalidOperationException($"Shape {this} has unknown dimensions and cannot be used as a tensor size.");

    /// <summary>True when <paramref name="actual"/> has the same rank and agrees on every known dimension of this shape.</summary>
    public bool IsCompatibleWith(Shape actual)
    {
        if (actual.Rank != Rank) return false;
        for (int i = 0; i < Rank; i++)
            if (this[i] is long a && actual[i] is long b && a != b) return false;
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<long?> GetEnumerator() => ((IEnumerable<long?>)(dims ?? [])).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Shape other) => (dims ?? []).AsSpan().SequenceEqual(other.dims ?? []);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in dims ?? []) h.Add(d);
        return h.ToHashCode();
    }
    /// <summary>Structural equality.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);
    /// <summary>Structural inequality.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>A fully known shape from TorchSharp's <c>long[]</c>.</summary>
    public static implicit operator Shape(long[] dims) => FromDims(dims);
    /// <summary>A fully known shape from <c>int[]</c>.</summary>
    public static implicit operator Shape(int[] dims) => FromDims(dims.Select(d => (long)d));
    /// <summary>A one-dimensional shape: <c>Input(784)</c>.</summary>
    public static implicit operator Shape(int dim) => new((long?)dim);

    /// <summary>Keras' text form: <c>(None, 784)</c>; a one-dimensional shape prints as <c>(784,)</c>.</summary>
    public override string ToString() => Format(dims ?? []);

    private static string Format(long?[] dims) => dims.Length == 1
        ? $"({Dim(dims[0])},)"
        : "(" + string.Join(", ", dims.Select(Dim)) + ")";

    private static string Dim(long? d) => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
}
