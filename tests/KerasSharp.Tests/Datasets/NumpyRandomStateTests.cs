using KerasSharp.Datasets;

namespace KerasSharp.Tests.Datasets;

public class NumpyRandomStateTests
{
    // Golden values printed by NumPy 1.24.2: rng = np.random.RandomState(seed); a = np.arange(n); rng.shuffle(a).
    [Fact]
    public void PermutationMatchesNumpyRandomStateShuffle()
    {
        var rng = new NumpyRandomState(113);
        Assert.Equal(new[] { 9, 3, 6, 1, 0, 7, 4, 8, 2, 5 }, rng.Permutation(10));
        Assert.Equal(new[] { 5, 1, 0, 3, 6, 4, 2 }, rng.Permutation(7)); // the same RandomState, second shuffle
        Assert.Equal(new[] { 2, 0, 1, 3, 4 }, new NumpyRandomState(0).Permutation(5));
        Assert.Equal(new[] { 1, 4, 5, 0, 2, 3 }, new NumpyRandomState(4294967295).Permutation(6));
    }

    [Fact]
    public void PermutationOfImdbSizeMatchesNumpy()
    {
        // np.random.RandomState(113).shuffle(np.arange(25000)): the order Keras' imdb.load_data gives x_train.
        var p = new NumpyRandomState(113).Permutation(25000);
        Assert.Equal(new[] { 7798, 13226, 18078, 793, 17499, 23003, 574, 19638 }, p[..8]);
        Assert.Equal(new[] { 16236, 22690, 4828, 14501 }, p[^4..]);
    }

    [Fact]
    public void RejectsSeedsNumpyRejects()
    {
        Assert.Contains("2**32 - 1", Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(-1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(1L << 32));
    }
}
