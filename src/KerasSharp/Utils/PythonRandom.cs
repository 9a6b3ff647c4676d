namespace KerasSharp.Utils;

/// <summary>
/// The part of Python's <c>random</c> module that Keras' data utilities use: <c>random.seed(int)</c> (MT19937
/// <c>init_by_array</c> on the absolute value's 32-bit words) and <c>random.shuffle</c> (Fisher-Yates from the end,
/// each index drawn by <c>_randbelow</c>: <c>getrandbits(k)</c> with k the bit length of the bound, redrawn while too
/// large). <c>random.seed(s); random.shuffle(items)</c> and <see cref="Shuffle{T}"/> give the same order.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] mt = new uint[N];
    private int index;

    /// <summary>Seeds like <c>random.seed(seed)</c> for an integer seed.</summary>
    public PythonRandom(long seed)
    {
        ulong magnitude = seed < 0 ? (ulong)(-(seed + 1)) + 1 : (ulong)seed;
        uint[] key = magnitude > uint.MaxValue ? [(uint)magnitude, (uint)(magnitude >> 32)] : [(uint)magnitude];
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j);
            i++; j++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
        }
        mt[0] = 0x80000000u;
        index = N;
    }

    private void InitGenrand(uint s)
    {
        mt[0] = s;
        for (int i = 1; i < N; i++)
            mt[i] = unchecked(1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint)i);
        index = N;
    }

    /// <summary>The next 32-bit output of MT19937.</summary>
    public uint NextUInt32()
    {
        if (index >= N)
        {
            const uint upper = 0x80000000u, lower = 0x7fffffffu, matrixA = 0x9908b0dfu;
            for (int k = 0; k < N; k++)
            {
                uint y = (mt[k] & upper) | (mt[(k + 1) % N] & lower);
                mt[k] = mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : matrixA);
            }
            index = 0;
        }
        uint z = mt[index++];
        z ^= z >> 11;
        z ^= (z << 7) & 0x9d2c5680u;
        z ^= (z << 15) & 0xefc60000u;
        z ^= z >> 18;
        return z;
    }

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
