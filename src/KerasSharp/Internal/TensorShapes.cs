using static TorchSharp.torch;

namespace KerasSharp.Internal;

/// <summary>
/// Shape queries for the per-step code. TorchSharp's <c>Tensor.shape</c> marshals a new array through a callback
/// (about 2 us a call); <c>dim()</c> and <c>size(i)</c> are plain native calls (well under 0.5 us), so hot paths use these.
/// </summary>
internal static class TensorShapes
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> have exactly the same shape.</summary>
    public static bool SameShape(Tensor a, Tensor b)
    {
        long rank = a.dim();
        if (rank != b.dim()) return false;
        for (int i = 0; i < rank; i++)
            if (a.size(i) != b.size(i)) return false;
        return true;
    }

    /// <summary>Whether the shape of <paramref name="labels"/> equals <paramref name="predictions"/>' shape without its last axis.</summary>
    public static bool SameShapeWithoutLastAxis(Tensor labels, Tensor predictions)
    {
        long rank = labels.dim();
        if (rank != predictions.dim() - 1) return false;
        for (int i = 0; i < rank; i++)
            if (labels.size(i) != predictions.size(i)) return false;
        return true;
    }
}
