using KerasSharp.Utils;

namespace KerasSharp.Tests.Utils;

public class PythonRandomTests
{
    // Golden values printed by CPython 3: random.seed(seed); l = list(range(10)); random.shuffle(l).
    [Theory]
    [InlineData(0L, new[] { 7, 8, 1, 5, 3, 4, 2, 0, 9, 6 })]
    [InlineData(42L, new[] { 7, 3, 2, 8, 5, 6, 9, 4, 0, 1 })]
    [InlineData(1337L, new[] { 0, 3, 7, 2, 1, 6, 4, 5, 8, 9 })]
    [InlineData(1099511627781L, new[] { 1, 2, 3, 6, 7, 0, 5, 4, 9, 8 })] // 2**40 + 5: a two-word init_by_array key
    public void ShuffleMatchesPythonRandom(long seed, int[] expected)
    {
        var items = Enumerable.Range(0, 10).ToList();
        new PythonRandom(seed).Shuffle(items);
        Assert.Equal(expected, items);
    }

    [Fact]
    public void GetRandBitsMatchesPython()
    {
        // random.seed(42); [random.getrandbits(32) for _ in range(3)]
        var rng = new PythonRandom(42);
        Assert.Equal(new uint[] { 2746317213, 478163327, 107420369 }, new[] { rng.GetRandBits(32), rng.GetRandBits(32), rng.GetRandBits(32) });
    }
}
