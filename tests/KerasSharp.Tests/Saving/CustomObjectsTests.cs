using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>A custom layer that is NOT registered: loading finds it only through custom objects.</summary>
[Collection(GlobalState.Name)]
public sealed class UnregisteredDoubler : Layer
{
    /// <summary>Creates the layer.</summary>
    public UnregisteredDoubler(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x * 2;
}

/// <summary>
/// Keras' custom_objects / custom_object_scope and functions registered with register_keras_serializable
/// (keras/src/saving/object_registration.py, serialization_lib.py; Keras' own test_keras36_custom_function_reloading
/// shows the stored form {"module": "builtins", "class_name": "function", "config": "package>name", "registered_name": "function"}).
/// </summary>
[Collection(GlobalState.Name)]
public class CustomObjectsTests
{
    private static Tensor ScaledRelu(Tensor x) => x.relu() * 3;

    private static Tensor AbsError(Tensor yTrue, Tensor yPred) => (yTrue - yPred).abs().mean([-1]);

    private static string TempModel() => Path.Combine(SavingTestSupport.NewFolder(), "m.keras");

    private static JsonObject ConfigOf(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var s = zip.GetEntry("config.json")!.Open();
        return (JsonObject)JsonNode.Parse(s)!;
    }

    [Fact]
    public void UnregisteredClassLoadsWithCustomObjectsOrInsideAScope()
    {
        var model = new Sequential([Input(3), new UnregisteredDoubler(name: "doubler"), Dense(2)]);
        var path = TempModel();
        model.Save(path);
        var x = randn(4, 3);

        var missing = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains("UnregisteredDoubler", missing.Message);

        var viaArgument = Keras.Models.LoadModel(path, customObjects: new Dictionary<string, object> { ["UnregisteredDoubler"] = typeof(UnregisteredDoubler) });
        TensorAssert.Close(model.Predict(x, verbose: 0), viaArgument.Predict(x, verbose: 0), 1e-6);

        using (Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["UnregisteredDoubler"] = typeof(UnregisteredDoubler) }))
        {
            var viaScope = Keras.Models.LoadModel(path);
            Assert.IsType<UnregisteredDoubler>(viaScope.Layers[0]);
        }
        // The scope ends with its using block.
        Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
    }

    [Fact]
    public void RegisteredActivationFunctionIsSavedAsKerasWritesItAndLoads()
    {
        var act = Keras.Saving.RegisterSerializable(ScaledRelu, package: "co_test");
        Assert.Equal("co_test>ScaledRelu", act.Name);
        var model = new Sequential([Input(3), Dense(2, activation: act, name: "act_dense")]);
        var path = TempModel();
        model.Save(path);

        var stored = ConfigOf(path)["config"]!["layers"]![1]!["config"]!["activation"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"module": "builtins", "class_name": "function", "config": "co_test>ScaledRelu", "registered_name": "function"}"""), stored));

        var loaded = Keras.Models.LoadModel(path);
        var x = randn(5, 3);
        // relu(x @ W + b) * 3, the function's own formula, both before and after loading.
        var dense = (Dense)model.Layers[0];
        var w = dense.GetWeights();
        TensorAssert.Close((x.matmul(w[0]) + w[1]).relu() * 3, loaded.Predict(x, verbose: 0), 1e-5);
    }

    [Fact]
    public void UnregisteredFunctionNamedInAKerasConfigIsFoundThroughCustomObjects()
    {
        // Keras 3.6+ files name a function by its bare name ("custom_registered_fn" in Keras' own test).
        var model = new Sequential([Input(2), Dense(2, name: "fn_dense")]);
        var config = (JsonObject)JsonNode.Parse(model.ToJson())!;
        config["config"]!["layers"]![1]!["config"]!["activation"] = JsonNode.Parse("""{"module": "builtins", "class_name": "function", "config": "halve", "registered_name": "function"}""");
        Func<Tensor, Tensor> halve = t => t / 2;
        var loaded = Keras.Models.ModelFromJson(config.ToJsonString(), new Dictionary<string, object> { ["halve"] = halve });
        var dense = (Dense)loaded.Layers[0];
        var x = randn(3, 2);
        var w = dense.GetWeights();
        TensorAssert.Close((x.matmul(w[0]) + w[1]) / 2, loaded.Predict(x, verbose: 0), 1e-6);
    }

    [Fact]
    public void RegisteredLossFunctionRestoresWithTheCompiledModel()
    {
        var registered = Keras.Saving.RegisterSerializable(AbsError, package: "co_test");
        Assert.Equal("co_test>AbsError", registered);
        var model = new Sequential([Input(3), Dense(1)]);
        model.Compile("sgd", AbsError);
        Assert.Equal("AbsError", model.Loss!.Name);   // Keras names a function loss after the function
        var path = TempModel();
        model.Save(path);
        Assert.Equal("co_test>AbsError", (string?)ConfigOf(path)["compile_config"]!["loss"]!["config"]);

        var loaded = Keras.Models.LoadModel(path);
        Assert.IsType<LossFunctionWrapper>(loaded.Loss);
        var yTrue = tensor(new float[] { 1, 2 }).reshape(2, 1);
        var yPred = tensor(new float[] { 4, 0 }).reshape(2, 1);
        // mean(|1-4|, |2-0|) = 2.5
        Assert.Equal(2.5, loaded.Loss!.Compute(yTrue, yPred).item<float>(), 5);
    }

    [Fact]
    public void BadCustomObjectsAndNamesAreRefusedNamingTheArgument()
    {
        var ex = Assert.Throws<ArgumentException>(() => Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["thing"] = 42 }));
        Assert.Contains("'thing'", ex.Message);
        Assert.Contains("Int32", ex.Message);
        Assert.Equal("customObjects", ex.ParamName);
        var lambda = Assert.Throws<ArgumentException>(() => Keras.Saving.RegisterSerializable((Func<Tensor, Tensor>)(t => t)));
        Assert.Equal("name", lambda.ParamName);
        Keras.Saving.RegisterSerializable((Func<Tensor, Tensor>)(t => t + 1), "plus_one", "co_clash");
        var clash = Assert.Throws<ArgumentException>(() => Keras.Saving.RegisterSerializable((Func<Tensor, Tensor>)(t => t - 1), "plus_one", "co_clash"));
        Assert.Contains("co_clash>plus_one", clash.Message);
    }
}
