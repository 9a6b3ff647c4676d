using KerasSharp.Tests.TestSupport;
using System.Diagnostics;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>Rebuilding a functional graph from its config takes time linear in its calls, whatever their order.</summary>
[Collection(GlobalState.Name)]
public class FunctionalRebuildTests
{
    [Fact]
    public void LongChainListedInReverseRebuildsQuicklyAndComputesTheSame()
    {
        const int depth = 3000;
        var input = new Input([4], name: "x");
        var h = input.Output;
        for (int i = 0; i < depth; i++) h = new Activation(i % 2 == 0 ? "relu" : "linear", name: $"a{i}").Apply(h);
        var model = new Model(input.Output, new Dense(2, name: "out").Apply(h));
        var config = JsonNode.Parse(model.ToJson())!;
        var list = config["config"]!["layers"]!.AsArray();
        var reversed = new JsonArray(list.Reverse().Select(n => n!.DeepClone()).ToArray());
        config["config"]!["layers"] = reversed;

        var watch = Stopwatch.StartNew();
        var rebuilt = Keras.Models.ModelFromJson(config.ToJsonString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"rebuilding {depth} reversed layers took {watch.Elapsed}");
        Assert.Equal(depth + 2, rebuilt.Layers.Count);
        rebuilt.SetWeights(model.GetWeights());
        var x = randn(3, 4);
        TestSupport.TensorAssert.Close(model.Predict(x, verbose: 0), rebuilt.Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void CallOfAMissingLayerIsANamedError()
    {
        var input = new Input([4], name: "x");
        var model = new Model(input.Output, new Dense(2, name: "out").Apply(input.Output));
        var json = model.ToJson().Replace("\"keras_history\":[\"x\",0,0]", "\"keras_history\":[\"nowhere\",0,0]")
                                   .Replace("\"keras_history\": [\"x\", 0, 0]", "\"keras_history\": [\"nowhere\", 0, 0]");
        Assert.Contains("nowhere", json);
        var ex = Assert.Throws<ArgumentException>(() => Keras.Models.ModelFromJson(json));
        Assert.Contains("'nowhere'", ex.Message);
        Assert.Contains("'out'", ex.Message);
    }
}
