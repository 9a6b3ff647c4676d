using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Preprocessing;

public class RescalingTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Rescaling(1.0 / 255), [2, 4, 4, 3], [2, 4, 4, 3]);

    [Fact]
    public void ScalesThenOffsets_InTrainingAndInference()
    {
        var layer = new Rescaling(1.0 / 127.5, offset: -1);
        var x = tensor(new float[] { 0, 127.5f, 255 });
        // x / 127.5 - 1
        TensorAssert.Close([-1, 0, 1], layer.Apply(x), 1e-6);
        TensorAssert.Close([-1, 0, 1], layer.Apply(x, training: true), 1e-6);
    }

    [Fact]
    public void IntegerInputs_BecomeFloat()
    {
        var y = new Rescaling(0.5).Apply(tensor(new long[] { 2, 3 }));
        Assert.Equal(ScalarType.Float32, y.dtype);
        TensorAssert.Close([1, 1.5], y);
    }

    [Fact]
    public void Config_AndBadArguments()
    {
        var config = new Rescaling(0.5, 2).GetConfig();
        Assert.Equal(0.5, config["scale"]);
        Assert.Equal(2.0, config["offset"]);
        Assert.Equal(0.0, new Rescaling(0.5).GetConfig()["offset"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Rescaling(double.NaN));
        Assert.Contains("scale", ex.Message);
    }
}
