using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Core;

[Collection(GlobalState.Name)]

public class MaskingTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new Masking(), [2, 3, 4], [2, 3, 4]);

    [Fact]
    public void ZeroesMaskedStepsAndExposesTheMask()
    {
        var layer = new Masking(maskValue: 5);
        // one sample, 3 steps of 2 features: [5, 5] (masked), [1, 5] (kept: one feature differs), [5, 5] (masked)
        var x = tensor(new float[] { 5, 5, 1, 5, 5, 5 }).reshape(1, 3, 2);
        TensorAssert.Close([0, 0, 1, 5, 0, 0], layer.Apply(x));
        IMaskProducer producer = layer;
        var mask = producer.ComputeMask(x)!;
        Assert.Equal(ScalarType.Bool, mask.dtype);
        Assert.Equal(new long[] { 1, 3 }, mask.shape);
        Assert.Equal(new[] { false, true, false }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void ConfigHasMaskValue() => Assert.Equal(0.0, new Masking().GetConfig()["mask_value"]);

    [Fact]
    public void NaNIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Masking(double.NaN));
        Assert.Contains("NaN", e.Message);
    }
}
