using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Core;

[Collection(GlobalState.Name)]

public class IdentityTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new KerasSharp.Layers.Identity(), [2, 3, 4], [2, 3, 4]);

    [Fact]
    public void ReturnsTheInputIntegersIncluded()
    {
        var layer = new KerasSharp.Layers.Identity();
        Assert.Equal("identity", layer.Name[..8]);
        var ints = tensor(new long[] { 1, 2, 3 }).reshape(1, 3);
        var y = layer.Apply(ints);
        Assert.Equal(ScalarType.Int64, y.dtype);
        Assert.Equal(new long[] { 1, 2, 3 }, y.data<long>().ToArray());
    }
}
