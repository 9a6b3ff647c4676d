namespace KerasSharp.Utils;

/// <summary>
/// The part of Python's <c>random</c> module that Keras' data utilities use: <c>random.seed(int)</c> (MT19937
/// <c>init_by_array</c> on the absolute value's 32-bit words) and <c>random.shuffle</c> (Fisher-Yates from the end,
/// each index drawn by <c>_randbelow</c>: <c>getrandbits(k)</c> with k the bit length of the bound, redrawn while too
/// large). <c>random.seed(s); random.shuffle(items)</c> and <see cref="Shuffle{T}"/> give the same order.
/// </summary>
internal sealed class PythonRandom
{
    private readonly MersenneTwister mt;

    /// <summary>Seeds like <c>random.seed(seed)</c> for an integer seed.</summary>
    public PythonRandom(long seed)
    {
        ulong magnitude = seed < 0 ? (ulong)(-(seed + 1)) + 1 : (ulong)seed;
        uint[] key = magnitude > uint.MaxValue ? [(uint)magnitude, (uint)(magnitude >> 32)] : [(uint)magnitude];
        mt = MersenneTwister.FromKey(key);
    }

    /// <summary>The next 32-bit output of MT19937.</summary>
    public uint NextUInt32() => mt.NextUInt32();

    /// <summary>Python's <c>getrandbits(k)</c> for 1 &lt;= k &lt;= 32.</summary>
    public uint GetRandBits(int k) => NextUInt32() >> (32 - k);

    /// <summary>Python's <c>_randbelow(n)</c> for 1 &lt;= n &lt;= 2^31: uniform in [0, n).</summary>
    public int RandBelow(int n)
    {
        int k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        uint r = GetRandBits(k);
        while (r >= (uint)n) r = GetRandBits(k);
        return (int)r;
    }

    /// <summary><c>random.shuffle(items)</c>.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i >= 1; i--)
        {
            int j = RandBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
