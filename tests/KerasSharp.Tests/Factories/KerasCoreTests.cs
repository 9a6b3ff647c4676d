using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Factories;

public class KerasCoreTests
{
    [Fact]
    public void FactoriesBuildTheLayers()
    {
        Assert.IsType<EinsumDense>(EinsumDense("ab,bc->ac", 4, biasAxes: "c"));
        Assert.IsType<KerasSharp.Layers.Identity>(Identity());
        Assert.Equal(-1.0, Masking(-1).MaskValue);
        // the api-by-example line: a Lambda between an Input and a Dense
        var model = Sequential().Add(Input(8)).Add(Lambda(t => t.tanh())).Add(Dense(1));
        Assert.Equal(new long[] { 2, 1 }, model.Predict(ones(2, 8)).shape);
        TensorAssert.Close([0.7615942], Lambda(t => t.tanh()).Apply(ones(1, 1)), 1e-6);
    }
}
