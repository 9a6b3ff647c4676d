using KerasSharp.Layers;

namespace KerasSharp.Tests.Layers.Reshaping;

public class PaddingTuple3DTests
{
    private static int[] Flat(PaddingTuple3D t) => t.Expand("padding", "Test").SelectMany(p => p).ToArray();

    [Fact]
    public void EveryKerasFormExpandsToStartEndPairs()
    {
        Assert.Equal(new[] { 2, 2, 2, 2, 2, 2 }, Flat(2));
        Assert.Equal(new[] { 1, 1, 2, 2, 3, 3 }, Flat((1, 2, 3)));
        Assert.Equal(new[] { 1, 0, 0, 1, 2, 2 }, Flat(((1, 0), (0, 1), (2, 2))));
        Assert.Equal(new[] { 4, 4, 4, 4, 4, 4 }, Flat(new[] { 4 }));
        Assert.Equal(new[] { 1, 1, 2, 2, 3, 3 }, Flat(new[] { 1, 2, 3 }));
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, Flat(new[] { 1, 2, 3, 4, 5, 6 }));
        Assert.Equal(new[] { 1, 0, 3, 3, 2, 2 }, Flat(new[] { new[] { 1, 0 }, new[] { 3 }, new[] { 2, 2 } }));
        Assert.Equal("((1, 0), (0, 1), (2, 2))", ((PaddingTuple3D)((1, 0), (0, 1), (2, 2))).ToString());
        Assert.True((PaddingTuple3D)(1, 1, 1) == (PaddingTuple3D)1);
        Assert.True((PaddingTuple3D)(1, 2, 1) != (PaddingTuple3D)1);
    }

    [Fact]
    public void WrongLengthsAndNegativeValuesAreRejected()
    {
        Assert.Contains("[1, 2]", Assert.Throws<ArgumentException>(() => Flat(new[] { 1, 2 })).Message);
        Assert.Contains("[[1, 2], [3, 4]]", Assert.Throws<ArgumentException>(() => Flat(new[] { new[] { 1, 2 }, new[] { 3, 4 } })).Message);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Flat((0, -1, 0)));
        Assert.Equal("padding", e.ParamName);
        Assert.Contains("((0, 0), (-1, -1), (0, 0))", e.Message);
    }
}
