using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Internal;

/// <summary>
/// Which <see cref="DisposeScope"/> owns a tensor. TorchSharp keeps this in an internal property; it is read through a
/// delegate bound once (a direct call). <see cref="DisposeScope.Contains"/> cannot answer it: the scope's set compares
/// tensors by value (<see cref="Tensor.Equals(object)"/>), which is slow and can match a different tensor.
/// When a TorchSharp version lacks the property, <see cref="IsOwnedBy"/> answers false, the safe answer for callers.
/// </summary>
internal static class ScopeOwnership
{
    private static readonly Func<Tensor, DisposeScope?>? Owner = typeof(Tensor)
        .GetProperty("OwningDisposeScope", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?
        .GetMethod?.CreateDelegate<Func<Tensor, DisposeScope?>>();

    /// <summary>Whether the owner is known (false when this TorchSharp version does not expose it).</summary>
    public static bool IsKnown => Owner is not null;

    /// <summary>Whether <paramref name="scope"/> owns <paramref name="tensor"/> (false when unknown).</summary>
    public static bool IsOwnedBy(Tensor tensor, DisposeScope scope) =>
        Owner is not null && ReferenceEquals(Owner(tensor), scope);
}
