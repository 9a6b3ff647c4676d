using KerasSharp.Initializers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Initializers;

public class ConstantInitializersTests
{
    [Fact]
    public void ZerosAndOnes()
    {
        using var z = new Zeros().Call([2, 3]);
        TensorAssert.Close([0, 0, 0, 0, 0, 0], z);
        using var o = new Ones().Call([3], ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, o.dtype);
        TensorAssert.Close([1, 1, 1], o);
        Assert.Empty(new Zeros().GetConfig());
        Assert.Empty(new Ones().GetConfig());
    }

    [Fact]
    public void ConstantFillsValueAndDefaultsToZero()
    {
        using var c = new Constant(3.5).Call([2, 2]);
        TensorAssert.Close([3.5, 3.5, 3.5, 3.5], c);
        using var d = new Constant().Call([2]);
        TensorAssert.Close([0, 0], d);
        var config = new Constant(3.5).GetConfig();
        Assert.Equal(["value"], config.Keys);
        Assert.Equal(3.5, config["value"]);
    }

    [Fact]
    public void IdentityOnNonSquareShapes()
    {
        using var wide = new Identity().Call([2, 3]);
        TensorAssert.Close([1, 0, 0, 0, 1, 0], wide);
        using var tall = new Identity(gain: 2.0).Call([3, 2]);
        TensorAssert.Close([2, 0, 0, 2, 0, 0], tall);
        Assert.Equal(2.0, new Identity(2.0).GetConfig()["gain"]);
    }

    [Fact]
    public void IdentityRejectsRankOtherThanTwo()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Identity().Call([2, 2, 2]));
        Assert.Equal("shape", ex.ParamName);
        Assert.Contains("2D", ex.Message);
        Assert.Contains("rank 3", ex.Message);
    }
}
