namespace KerasSharp.Datasets;

/// <summary>
/// The part of NumPy's legacy <c>numpy.random.RandomState</c> that Keras' dataset loaders use: seeding with an integer
/// (MT19937 <c>init_genrand</c>) and <c>shuffle</c> of a 1-D array (Fisher-Yates from the end, each index drawn by
/// NumPy's <c>random_interval</c>: the smallest all-ones mask covering the bound, 32-bit draws rejected above the
/// bound). <c>RandomState(seed).shuffle(np.arange(n))</c> and <see cref="Permutation"/> give the same order, so the
/// datasets come out in Keras' order.
/// </summary>
internal sealed class NumpyRandomState
{
    private readonly Utils.MersenneTwister mt;

    /// <summary>Seeds like <c>numpy.random.RandomState(seed)</c> for an integer seed in [0, 2^32).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The seed is negative or above 2^32 - 1 (NumPy refuses it too).</exception>
    public NumpyRandomState(long seed)
    {
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"seed must be between 0 and 2**32 - 1, but received {seed}.");
        mt = Utils.MersenneTwister.FromSeed((uint)seed);
    }

    /// <summary>The next 32-bit output of MT19937 (<c>genrand_int32</c>).</summary>
    public uint NextUInt32() => mt.NextUInt32();

    /// <summary>NumPy's legacy <c>random_interval(max)</c>: a uniform integer in [0, max].</summary>
    public ulong RandomInterval(ulong max)
    {
        if (max == 0) return 0;
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        ulong value;
        if (max <= uint.MaxValue)
        {
            while ((value = NextUInt32() & mask) > max) { }
        }
        else
        {
            while ((value = (((ulong)NextUInt32() << 32) | NextUInt32()) & mask) > max) { }
        }
        return value;
    }

    /// <summary>Shuffles <paramref name="items"/> in place exactly like <c>RandomState.shuffle</c> on a 1-D array.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i >= 1; i--)
        {
            int j = (int)RandomInterval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><c>indices = np.arange(n); rng.shuffle(indices)</c>.</summary>
    public int[] Permutation(int n)
    {
        var indices = new int[n];
        for (int i = 0; i < n; i++) indices[i] = i;
        Shuffle(indices.AsSpan());
        return indices;
    }
}
