using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.TestSupport;

/// <summary>
/// The shared layer-test harness (Keras' <c>run_layer_test</c> idea), applied to every layer: output shape from a real
/// call and from <see cref="Layer.ComputeOutputShape(Shape)"/>, weight counts, a config that serializes to JSON with
/// Keras' keys mapping onto constructor parameters, and one short training run that lowers the loss.
/// </summary>
public static class LayerTest
{
    /// <summary>Keys every layer config may carry that are not constructor parameters.</summary>
    private static readonly HashSet<string> BaseKeys = ["name", "trainable", "dtype"];

    /// <summary>Runs every check on a layer made by <paramref name="make"/> (called more than once: return a new layer each time).</summary>
    /// <param name="make">Creates the layer.</param>
    /// <param name="inputShape">Input shape with a concrete batch size, e.g. <c>[2, 5, 3]</c>.</param>
    /// <param name="expectedOutputShape">Expected output shape for that input (batch included).</param>
    /// <param name="trainableWeights">Expected number of trainable weight tensors after building.</param>
    /// <param name="nonTrainableWeights">Expected number of non-trainable weight tensors after building.</param>
    /// <param name="integerInput">Feed integer inputs in [0, <paramref name="integerHigh"/>) instead of normal floats.</param>
    /// <param name="integerHigh">Exclusive upper bound for integer inputs.</param>
    /// <param name="trains">Whether to run the training check (false for layers whose output has no gradient path).</param>
    /// <param name="ignoredConfigKeys">Config keys the constructor does not take (documented exceptions).</param>
    /// <param name="deserializes">Whether the layer rebuilds from its serialized config alone (false only for Lambda,
    /// whose function is code that a config cannot carry; its own tests cover FromConfig with the function supplied).</param>
    public static Layer Run(Func<Layer> make, long[] inputShape, long[] expectedOutputShape, int trainableWeights = 0,
        int nonTrainableWeights = 0, bool integerInput = false, long integerHigh = 10, bool trains = true,
        IEnumerable<string>? ignoredConfigKeys = null, bool deserializes = true)
    {
        using var scope = NewDisposeScope();
        Keras.Utils.SetRandomSeed(1);
        var layer = make();
        var x = integerInput ? randint(0, integerHigh, inputShape, ScalarType.Int64) : randn(inputShape);

        // 1. A real call gives the expected shape; ComputeOutputShape agrees (batch axis unknown).
        var y = layer.Apply(x);
        Assert.Equal(expectedOutputShape, y.shape);
        Assert.True(layer.Built, $"{layer.Name} should be built after its first call");
        var symbolic = layer.ComputeOutputShape(new Shape([null, .. inputShape[1..].Select(d => (long?)d)]));
        Assert.Equal(new Shape([null, .. expectedOutputShape[1..].Select(d => (long?)d)]), symbolic);

        // 2. Weight counts.
        Assert.True(trainableWeights == layer.TrainableWeights.Count, $"{layer.Name}: expected {trainableWeights} trainable weights, got {layer.TrainableWeights.Count}");
        Assert.True(nonTrainableWeights == layer.NonTrainableWeights.Count, $"{layer.Name}: expected {nonTrainableWeights} non-trainable weights, got {layer.NonTrainableWeights.Count}");

        // 3. Config: JSON-serializable, Keras' base keys present, every other key is a constructor parameter (camelCase).
        var config = layer.GetConfig();
        var json = JsonSerializer.Serialize(config);
        Assert.False(string.IsNullOrEmpty(json));
        Assert.Equal(layer.Name, config["name"]);
        var ignored = new HashSet<string>(ignoredConfigKeys ?? []);
        var parameters = layer.GetType().GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters()).Select(p => p.Name!).ToHashSet();
        foreach (var key in config.Keys.Where(k => !BaseKeys.Contains(k) && !ignored.Contains(k)))
            Assert.True(parameters.Contains(CamelCase(key)),
                $"{layer.GetType().Name}: config key '{key}' has no constructor parameter '{CamelCase(key)}' (constructor parameters: {string.Join(", ", parameters)})");

        // 3b. Keras' round trip: the serialized layer deserializes (from its class name and config) to a layer of the
        // same class whose config serializes to the same JSON, and which computes the same output shape.
        if (deserializes)
            Assert.Equal(expectedOutputShape, AssertConfigRoundTrip(layer).Apply(x).shape);

        // 4. Training: a small model around the layer lowers a regression loss.
        if (trains)
            CheckTrains(make, inputShape, integerInput, integerHigh);
        return layer;
    }

    /// <summary>
    /// Keras' serialization round trip: <paramref name="layer"/> serialized to <c>{class_name, config}</c> deserializes
    /// to a layer of the same class and name whose config serializes to the same JSON. Returns that layer.
    /// </summary>
    public static Layer AssertConfigRoundTrip(Layer layer)
    {
        var serialized = Keras.Saving.Serialize(layer);
        Assert.Equal(KerasSharp.Saving.SerializationRegistry.ClassNameOf(layer.GetType()), serialized["class_name"]!.GetValue<string>());
        var clone = Keras.Saving.Deserialize<Layer>(serialized);
        Assert.IsType(layer.GetType(), clone);
        var again = Keras.Saving.Serialize(clone);
        Assert.True(JsonNode.DeepEquals(serialized["config"], again["config"]),
            $"{layer.GetType().Name}: FromConfig(GetConfig()) changed the config:\n{serialized["config"]?.ToJsonString()}\n{again["config"]?.ToJsonString()}");
        Assert.Equal(layer.Name, clone.Name);
        return clone;
    }

    /// <summary>snake_case to camelCase (<c>kernel_size</c> to <c>kernelSize</c>).</summary>
    public static string CamelCase(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? snake : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static void CheckTrains(Func<Layer> make, long[] inputShape, bool integerInput, long integerHigh)
    {
        Keras.Utils.SetRandomSeed(2);
        var model = new Sequential([make(), new Flatten(), new Dense(1)]);
        model.Compile(new KerasSharp.Optimizers.Adam(learningRate: 0.01), new KerasSharp.Losses.MeanSquaredError());
        var x = integerInput ? randint(0, integerHigh, inputShape, ScalarType.Int64) : randn(inputShape);
        var target = randn(inputShape[0], 1);
        double first = model.TrainOnBatch(x, target)["loss"];
        double last = first;
        for (int i = 0; i < 30; i++) last = model.TrainOnBatch(x, target)["loss"];
        Assert.True(last < first, $"training around {model.Layers[0].Name} did not lower the loss: first {first}, after 30 steps {last}");
    }
}
