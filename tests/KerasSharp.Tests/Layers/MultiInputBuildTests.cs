using KerasSharp.Layers;
using TorchSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>Keras' default build accepts several inputs (guides: LogisticEndpoint, Sampling take two).</summary>
public class MultiInputBuildTests
{
    private sealed class Sum2 : Layer
    {
        protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training) => [inputs[0] + inputs[1]];
    }

    private sealed class OneInputOnly : Layer
    {
        protected override void Build(Shape inputShape) => AddWeight("w", new Shape(inputShape[^1]), "ones");
        protected override Tensor Call(Tensor x, bool training) => x * OwnWeights[0].Value;
    }

    [Fact]
    public void ALayerWithoutWeightsTakesSeveralInputsWithoutABuildOverride()
    {
        var a = Input(new Shape(3));
        var b = Input(new Shape(3));
        var model = new Model([a, b], new Sum2().Apply([a, b]));
        using var x = torch.ones(2, 3);
        using var y = torch.full([2, 3], 2f);
        var result = model.PredictAll(new[] { x, y }, verbose: 0)[0];
        Assert.Equal(3f, result[1, 2].item<float>());
    }

    [Fact]
    public void ALayerThatBuildsForOneInputStillRefusesTwo()
    {
        var a = Input(new Shape(3));
        var b = Input(new Shape(3));
        var ex = Assert.Throws<ArgumentException>(() => new OneInputOnly().Apply([a, b]));
        Assert.Contains("expects 1 input", ex.Message);
    }
}
