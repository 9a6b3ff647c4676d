using static TorchSharp.torch;

namespace KerasSharp.Internal;

/// <summary>
/// A value attached to a live tensor and found again by that tensor's identity, as Python attaches an attribute to a
/// tensor object (Keras' <c>_keras_logits</c>). It behaves like a <see cref="System.Runtime.CompilerServices.ConditionalWeakTable{TKey, TValue}"/>
/// keyed by reference: the tensor is held weakly and its value is lost once it is disposed or collected. Unlike that
/// table it creates no dependent GC handle per entry, which made every softmax output cost about 10 us of garbage
/// collector time in a training step: entries are indexed by the native handle and hold the tensor through a pooled
/// short weak reference, and entries of dead or disposed tensors are swept out when the table doubles.
/// </summary>
/// <typeparam name="TValue">The attached value.</typeparam>
internal sealed class TensorSideTable<TValue> where TValue : class
{
    private const int MinimumSweepSize = 256;

    private readonly object gate = new();
    private readonly Dictionary<IntPtr, (WeakReference<Tensor> Key, TValue Value)> entries = new();
    private readonly Stack<WeakReference<Tensor>> pool = new();
    private int sweepAt = MinimumSweepSize;

    /// <summary>Live entries plus those not swept yet (for tests).</summary>
    internal int Count
    {
        get { lock (gate) return entries.Count; }
    }

    /// <summary>Attaches <paramref name="value"/> to <paramref name="key"/>, replacing any value it had.</summary>
    public void Set(Tensor key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        IntPtr handle = key.Handle;
        lock (gate)
        {
            if (entries.TryGetValue(handle, out var e))
            {
                // The same tensor again, or a disposed one whose native handle was reused: the slot is this key's now.
                e.Key.SetTarget(key);
                entries[handle] = (e.Key, value);
                return;
            }
            if (entries.Count >= sweepAt) Sweep();
            var weak = pool.TryPop(out var w) ? w : new WeakReference<Tensor>(key);
            weak.SetTarget(key);
            entries[handle] = (weak, value);
        }
    }

    /// <summary>The value attached to <paramref name="key"/>, if the tensor is the one it was attached to.</summary>
    public bool TryGetValue(Tensor key, out TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.IsInvalid)
        {
            IntPtr handle = key.Handle;
            lock (gate)
            {
                if (entries.TryGetValue(handle, out var e) && e.Key.TryGetTarget(out var held) && ReferenceEquals(held, key))
                {
                    value = e.Value;
                    return true;
                }
            }
        }
        value = null!;
        return false;
    }

    // Drops the entries whose tensor was collected, disposed, or no longer has the handle it was filed under, and lets
    // the table grow to twice what is left.
    private void Sweep()
    {
        var dead = new List<IntPtr>();
        foreach (var (handle, e) in entries)
            if (!e.Key.TryGetTarget(out var t) || t.IsInvalid || t.Handle != handle) dead.Add(handle);
        foreach (var handle in dead)
        {
            var weak = entries[handle].Key;
            weak.SetTarget(null!);
            pool.Push(weak);
            entries.Remove(handle);
        }
        sweepAt = Math.Max(MinimumSweepSize, entries.Count * 2);
    }
}
