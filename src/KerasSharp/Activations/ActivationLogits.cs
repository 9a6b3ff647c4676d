using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary>
/// Keras' <c>_keras_logits</c>: <c>softmax</c> and <c>sigmoid</c> remember the logits each output was computed from, and
/// the cross-entropy losses and metrics given such an output compute from those logits (as <c>from_logits=True</c>).
/// This is what Keras does on its default TensorFlow backend (<c>keras.activations.softmax</c> caches the logits and
/// the backend's <c>categorical_crossentropy</c>, <c>sparse_categorical_crossentropy</c> and <c>binary_crossentropy</c>
/// use them): the loss values equal the probability formula except where it would clip at <c>1e-7</c>, the gradient
/// never vanishes on a saturated output, and a step needs a third of the kernels.
/// The links are not a process-wide table: they live in the calling thread's <see cref="Layers.CallContext"/> (as a
/// Python attribute lives on the tensor object), so a step only ever sees the outputs its own thread computed, and an
/// output handed to another thread is treated as plain probabilities there (Keras' torch-backend formula).
/// </summary>
internal static class ActivationLogits
{
    /// <summary>What one output was computed from: its logits, and whether by softmax (over <see cref="Axis"/>) or sigmoid.</summary>
    internal sealed record Source(Tensor Logits, bool IsSoftmax, long Axis);

    private static Internal.TensorSideTable<Source> Sources => Layers.CallContext.Current.Logits;
    private static int fromLogitsWarned;

    /// <summary>Records that <paramref name="output"/> is <c>softmax(logits)</c> over <paramref name="axis"/>; returns the output.</summary>
    public static Tensor RememberSoftmax(Tensor output, Tensor logits, long axis)
    {
        Sources.Set(output, new Source(logits, true, Normalize(axis, logits.dim())));
        return output;
    }

    /// <summary>Records that <paramref name="output"/> is <c>sigmoid(logits)</c>; returns the output.</summary>
    public static Tensor RememberSigmoid(Tensor output, Tensor logits)
    {
        Sources.Set(output, new Source(logits, false, 0));
        return output;
    }

    /// <summary>The logits of a softmax output normalised over <paramref name="axis"/>, or null.</summary>
    public static Tensor? Softmax(Tensor output, long axis, bool fromLogits, string function) =>
        Sources.TryGetValue(output, out var s) && s.IsSoftmax && s.Axis == Normalize(axis, output.dim()) && Alive(s.Logits)
            ? Warned(s.Logits, fromLogits, function, "Softmax")
            : null;

    /// <summary>The logits of a sigmoid output, or null.</summary>
    public static Tensor? Sigmoid(Tensor output, bool fromLogits, string function) =>
        Sources.TryGetValue(output, out var s) && !s.IsSoftmax && Alive(s.Logits)
            ? Warned(s.Logits, fromLogits, function, "Sigmoid")
            : null;

    /// <summary><c>output.detach()</c>, keeping the link to (detached) logits so that metrics use them as the loss does.</summary>
    public static Tensor Detach(Tensor output)
    {
        var detached = output.detach();
        if (Sources.TryGetValue(output, out var s) && Alive(s.Logits))
            Sources.Set(detached, s with { Logits = s.Logits.detach() });
        return detached;
    }

    /// <summary>
    /// <paramref name="output"/>, linked to its logits as <see cref="Detach"/> does, outside every dispose scope and added
    /// (with the logits) to <paramref name="owned"/>, which the caller disposes: lets an output outlive the batch that
    /// computed it without touching a tensor the model does not own. An output (and logits) that
    /// <paramref name="batchScope"/> made is taken as it is, since nothing else holds it; any other gets a detached handle
    /// of its own.
    /// </summary>
    public static Tensor DetachKept(Tensor output, ICollection<Tensor> owned, DisposeScope batchScope)
    {
        if (Internal.ScopeOwnership.IsOwnedBy(output, batchScope))
        {
            bool linked = Sources.TryGetValue(output, out var source) && Alive(source.Logits);
            if (!linked || Internal.ScopeOwnership.IsOwnedBy(source!.Logits, batchScope))
            {
                owned.Add(output.DetachFromDisposeScope());
                if (linked) owned.Add(source!.Logits.DetachFromDisposeScope());
                return output;
            }
        }
        var kept = Detach(output).DetachFromDisposeScope();
        owned.Add(kept);
        if (Sources.TryGetValue(kept, out var s)) owned.Add(s.Logits.DetachFromDisposeScope());
        return kept;
    }

    /// <summary>
    /// The outputs concatenated along axis 0, linked to their concatenated logits when every output has logits of the
    /// same kind over the same non-batch axis (so the losses and metrics of the stacked batches use them as they would
    /// for each batch).
    /// </summary>
    public static Tensor Concat(IReadOnlyList<Tensor> outputs)
    {
        var joined = cat(outputs.ToArray(), 0);
        Source? first = null;
        var logits = new Tensor[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
        {
            if (!Sources.TryGetValue(outputs[i], out var s) || !Alive(s.Logits)) return joined;
            if (first is not null && (s.IsSoftmax != first.IsSoftmax || s.Axis != first.Axis)) return joined;
            first ??= s;
            logits[i] = s.Logits;
        }
        if (first is null || (first.IsSoftmax && first.Axis == 0)) return joined;
        Sources.Set(joined, first with { Logits = cat(logits, 0) });
        return joined;
    }

    /// <summary>Rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of
    /// <paramref name="output"/>, linked to the same rows of its logits (unless normalised over the batch axis).</summary>
    public static Tensor Narrow(Tensor output, long start, long length)
    {
        var part = output.narrow(0, start, length);
        if (Sources.TryGetValue(output, out var s) && Alive(s.Logits) && !(s.IsSoftmax && s.Axis == 0))
            Sources.Set(part, s with { Logits = s.Logits.narrow(0, start, length) });
        return part;
    }

    private static bool Alive(Tensor t) => !t.IsInvalid;

    private static long Normalize(long axis, long rank) => axis < 0 ? axis + rank : axis;

    // Keras warns (once here) when from_logits=True is combined with an output that is already a probability.
    private static Tensor Warned(Tensor logits, bool fromLogits, string function, string op)
    {
        if (fromLogits && Interlocked.Exchange(ref fromLogitsWarned, 1) == 0)
            Console.Error.WriteLine($"Warning: \"{function}\" received from_logits=True, but the output argument was produced by a {op} " +
                "activation and thus does not represent logits. Was this intended?");
        return logits;
    }
}
