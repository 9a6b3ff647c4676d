using static TorchSharp.torch;

namespace KerasSharp.Internal;

/// <summary>
/// Copies derived from weights (a kernel's contiguous transpose), kept by one Predict or Evaluate call on in-memory data
/// and used only inside that call's own forward passes (<see cref="During{T}"/>). Between two batches only callbacks run
/// user code, so the loops call <see cref="Invalidate"/> after every callback hook: a copy never outlives the weights it
/// was made from, and code outside those forward passes (a callback calling the model itself) never sees one.
/// </summary>
internal sealed class FrozenWeights : IDisposable
{
    [ThreadStatic] private static FrozenWeights? active;

    private readonly Dictionary<object, Tensor> transposed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Runs <paramref name="forward"/> with this call's copies available to the layers.</summary>
    public T During<T>(Func<T> forward)
    {
        var previous = active;
        active = this;
        try
        {
            return forward();
        }
        finally
        {
            active = previous;
        }
    }

    /// <summary>Runs <paramref name="step"/> (a forward pass with its loss and metrics) with this call's copies available.</summary>
    public void During(Action step) => During(() =>
    {
        step();
        return 0;
    });

    /// <summary>The contiguous transpose of <paramref name="weight"/> (made on first use), or null outside
    /// <see cref="During{T}"/>.</summary>
    public static Tensor? TransposeOf(Tensor weight)
    {
        var frozen = active;
        if (frozen is null) return null;
        if (!frozen.transposed.TryGetValue(weight, out var t))
        {
            using (no_grad()) t = weight.detach().t().contiguous().DetachFromDisposeScope();
            frozen.transposed[weight] = t;
        }
        return t;
    }

    /// <summary>Drops every copy (after user code that may have changed weights).</summary>
    public void Invalidate()
    {
        foreach (var t in transposed.Values) t.Dispose();
        transposed.Clear();
    }

    /// <summary>Drops the copies.</summary>
    public void Dispose() => Invalidate();
}
