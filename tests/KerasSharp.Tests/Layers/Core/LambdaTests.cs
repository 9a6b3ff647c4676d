using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Core;

[Collection(GlobalState.Name)]

public class LambdaTests
{
    [Fact]
    public void Harness() =>
        LayerTest.Run(() => Lambda(t => t.tanh()), [2, 3], [2, 3], ignoredConfigKeys: ["arguments"], deserializes: false);

    [Fact]
    public void AppliesTheFunctionAndWorksInsideASequential()
    {
        var layer = Lambda(t => t.tanh());
        // tanh(0) = 0, tanh(1) = 0.7615942, tanh(-2) = -0.9640276
        TensorAssert.Close([0, 0.7615942, -0.9640276], layer.Apply(tensor(new float[] { 0, 1, -2 }).reshape(1, 3)), 1e-6);

        var model = Sequential().Add(Input(8)).Add(Lambda(t => t * 2)).Add(Dense(1));
        Assert.Equal(new long[] { 4, 1 }, model.Predict(ones(4, 8)).shape);
    }

    [Fact]
    public void OutputShapeIsUsedWhenGiven()
    {
        var layer = new Lambda(t => t.reshape(t.shape[0], -1), outputShape: [6]);
        Assert.Equal(new Shape(null, 6), layer.ComputeOutputShape([null, 2, 3]));
        var inferred = new Lambda(t => t.sum(1));
        Assert.Equal(new Shape(null, 3), inferred.ComputeOutputShape([null, 2, 3]));
    }

    [Fact]
    public void ConfigMarksTheFunctionAsUnserializableCodeAndLoadingRefusesWithoutIt()
    {
        var layer = new Lambda(t => t.abs(), outputShape: [3], name: "abs_layer");
        var config = layer.GetConfig();
        var function = Assert.IsType<Dictionary<string, object?>>(config["function"]);
        Assert.Equal("__lambda__", function["class_name"]);
        Assert.Equal(new long?[] { 3 }, (List<long?>)config["output_shape"]!);

        // round trip through JSON as a loader would read it
        var json = JsonSerializer.Serialize(config);
        var read = JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
        var e = Assert.Throws<ArgumentException>(() => KerasSharp.Layers.Lambda.FromConfig(read));
        Assert.Contains("abs_layer", e.Message);
        Assert.Contains("__lambda__", e.Message);

        var again = KerasSharp.Layers.Lambda.FromConfig(read, t => t.abs());
        Assert.Equal("abs_layer", again.Name);
        Assert.Equal(new Shape(3), again.OutputShape);
        TensorAssert.Close([1, 2, 3], again.Apply(tensor(new float[] { -1, 2, -3 }).reshape(1, 3)));
    }

    [Fact]
    public void NullFunctionIsRejected() =>
        Assert.Throws<ArgumentNullException>(() => new Lambda(null!));
}
