using System.Reflection;
using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Merging;

/// <summary>
/// The multi-input counterpart of <see cref="LayerTest"/> for merge layers: output shape from a real call on a list and
/// from <see cref="Layer.ComputeOutputShapes"/>, no weights, config keys mapping onto constructor parameters, and a
/// gradient that reaches every input.
/// </summary>
internal static class MultiInputLayerTest
{
    public static void Run(Func<Layer> make, long[][] inputShapes, long[] expectedOutputShape)
    {
        using var scope = NewDisposeScope();
        Keras.Utils.SetRandomSeed(1);
        var layer = make();
        var xs = inputShapes.Select(s => randn(s).requires_grad_(true)).ToArray();
        var y = layer.Apply(xs);
        Assert.Equal(expectedOutputShape, y.shape);
        var symbolic = layer.ComputeOutputShapes(inputShapes.Select(s => new Shape([null, .. s[1..].Select(d => (long?)d)])).ToArray());
        Assert.Equal(new Shape([null, .. expectedOutputShape[1..].Select(d => (long?)d)]), Assert.Single(symbolic));
        Assert.Empty(layer.Weights);

        var config = layer.GetConfig();
        Assert.False(string.IsNullOrEmpty(JsonSerializer.Serialize(config)));
        var parameters = layer.GetType().GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters()).Select(p => p.Name!).ToHashSet();
        foreach (var key in config.Keys.Where(k => k is not ("name" or "trainable" or "dtype")))
            Assert.True(parameters.Contains(LayerTest.CamelCase(key)), $"config key '{key}' has no constructor parameter");

        y.square().sum().backward();
        foreach (var x in xs)
            Assert.True(x.grad is not null && x.grad.abs().sum().item<float>() > 0, $"{layer.Name}: no gradient reached an input");
    }
}
