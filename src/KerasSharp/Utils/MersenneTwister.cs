namespace KerasSharp.Utils;

/// <summary>
/// The MT19937 generator (Matsumoto and Nishimura) that both NumPy's legacy <c>RandomState</c> and Python's
/// <c>random</c> module run: its 624-word state, seeded by <c>init_genrand</c> (<see cref="FromSeed"/>) or
/// <c>init_by_array</c> (<see cref="FromKey"/>), and its tempered 32-bit outputs (<see cref="NextUInt32"/>).
/// </summary>
internal sealed class MersenneTwister
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] mt = new uint[N];
    private int index = N;

    private MersenneTwister() { }

    /// <summary>The generator seeded with one 32-bit word (<c>init_genrand(s)</c>).</summary>
    public static MersenneTwister FromSeed(uint seed)
    {
        var generator = new MersenneTwister();
        generator.InitGenrand(seed);
        return generator;
    }

    /// <summary>The generator seeded with a key of 32-bit words (<c>init_by_array(key)</c>).</summary>
    public static MersenneTwister FromKey(uint[] key)
    {
        var generator = new MersenneTwister();
        var mt = generator.mt;
        generator.InitGenrand(19650218u);
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
        return generator;
    }

    private void InitGenrand(uint s)
    {
        mt[0] = s;
        for (int i = 1; i < N; i++)
            mt[i] = unchecked(1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint)i);
        index = N;
    }

    /// <summary>The next tempered 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (index >= N) Generate();
        uint y = mt[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    // The next 624 words of the state.
    private void Generate()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrixA = 0x9908b0dfu;
        int k;
        uint y;
        for (k = 0; k < N - M; k++)
        {
            y = (mt[k] & upper) | (mt[k + 1] & lower);
            mt[k] = mt[k + M] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : matrixA);
        }
        for (; k < N - 1; k++)
        {
            y = (mt[k] & upper) | (mt[k + 1] & lower);
            mt[k] = mt[k + (M - N)] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : matrixA);
        }
        y = (mt[N - 1] & upper) | (mt[0] & lower);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : matrixA);
        index = 0;
    }
}
