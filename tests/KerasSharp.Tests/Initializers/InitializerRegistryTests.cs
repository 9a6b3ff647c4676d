using KerasSharp.Initializers;
using KerasSharp.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Initializers;

public class InitializerRegistryTests
{
    public static IEnumerable<object[]> NamesTypesAndKerasName() =>
    [
        ["glorot_uniform", typeof(GlorotUniform), "glorot_uniform"], ["GlorotUniform", typeof(GlorotUniform), "glorot_uniform"],
        ["glorot_normal", typeof(GlorotNormal), "glorot_normal"], ["GlorotNormal", typeof(GlorotNormal), "glorot_normal"],
        ["he_uniform", typeof(HeUniform), "he_uniform"], ["HeUniform", typeof(HeUniform), "he_uniform"],
        ["he_normal", typeof(HeNormal), "he_normal"], ["HeNormal", typeof(HeNormal), "he_normal"],
        ["lecun_uniform", typeof(LecunUniform), "lecun_uniform"], ["LecunUniform", typeof(LecunUniform), "lecun_uniform"],
        ["lecun_normal", typeof(LecunNormal), "lecun_normal"], ["LecunNormal", typeof(LecunNormal), "lecun_normal"],
        ["variance_scaling", typeof(VarianceScaling), "variance_scaling"], ["VarianceScaling", typeof(VarianceScaling), "variance_scaling"],
        ["random_uniform", typeof(RandomUniform), "random_uniform"], ["RandomUniform", typeof(RandomUniform), "random_uniform"],
        ["uniform", typeof(RandomUniform), "random_uniform"],
        ["random_normal", typeof(RandomNormal), "random_normal"], ["RandomNormal", typeof(RandomNormal), "random_normal"],
        ["normal", typeof(RandomNormal), "random_normal"],
        ["truncated_normal", typeof(TruncatedNormal), "truncated_normal"], ["TruncatedNormal", typeof(TruncatedNormal), "truncated_normal"],
        ["zeros", typeof(Zeros), "zeros"], ["Zeros", typeof(Zeros), "zeros"], ["zero", typeof(Zeros), "zeros"],
        ["ones", typeof(Ones), "ones"], ["Ones", typeof(Ones), "ones"], ["one", typeof(Ones), "ones"],
        ["constant", typeof(Constant), "constant"], ["Constant", typeof(Constant), "constant"],
        ["orthogonal", typeof(Orthogonal), "orthogonal"], ["Orthogonal", typeof(Orthogonal), "orthogonal"],
        ["OrthogonalInitializer", typeof(Orthogonal), "orthogonal"],
        ["identity", typeof(Identity), "identity"], ["Identity", typeof(Identity), "identity"],
        ["IdentityInitializer", typeof(Identity), "identity"],
    ];

    [Theory]
    [MemberData(nameof(NamesTypesAndKerasName))]
    public void EveryNameResolves(string name, Type type, string kerasName)
    {
        var init = InitializerRegistry.Get(name);
        Assert.IsType(type, init);
        Assert.Equal(kerasName, init.Name);
        using var w = init.Call([4, 6]);
        TensorAssert.HasShape([4, 6], w);
        Assert.Equal(ScalarType.Float32, w.dtype);
        Assert.Equal(DeviceType.CPU, w.device_type);
        Assert.False(w.requires_grad);
    }

    [Fact]
    public void NamesAreExactlyTheListedOnes()
    {
        var expected = NamesTypesAndKerasName().Select(r => (string)r[0]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, InitializerRegistry.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnknownNameThrowsListingValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get("glorot"));
        Assert.Equal("name", ex.ParamName);
        Assert.Contains("'glorot'", ex.Message);
        Assert.Contains("Valid names:", ex.Message);
        Assert.Contains("glorot_uniform", ex.Message);
        Assert.Contains("he_normal", ex.Message);
    }

    [Fact]
    public void StringConvertsImplicitly()
    {
        Initializer init = "ones";
        Assert.IsType<Ones>(init);
        using var w = init.Call([2]);
        TensorAssert.Close([1, 1], w);
    }

    [Fact]
    public void EachGetReturnsANewObject()
    {
        Assert.NotSame(InitializerRegistry.Get("zeros"), InitializerRegistry.Get("zeros"));
    }

    [Theory]
    [MemberData(nameof(Devices.Available), MemberType = typeof(Devices))]
    public void EveryInitializerHonoursDtypeAndDevice(string deviceName)
    {
        var device = torch.device(deviceName);
        foreach (var name in new[] { "glorot_uniform", "he_normal", "random_uniform", "random_normal", "truncated_normal",
                     "zeros", "ones", "constant", "orthogonal", "identity", "variance_scaling" })
        {
            using var w = InitializerRegistry.Get(name).Call([3, 5], ScalarType.Float64, device);
            Assert.Equal(ScalarType.Float64, w.dtype);
            Assert.Equal(device.type, w.device_type);
            Assert.False(w.requires_grad);
            TensorAssert.HasShape([3, 5], w);
        }
    }
}
