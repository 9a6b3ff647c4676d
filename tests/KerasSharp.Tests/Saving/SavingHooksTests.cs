using KerasSharp.Tests.TestSupport;
using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Optimizers;
using KerasSharp.Saving;
using PureHDF;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// The guide's LayerWithCustomVariable (keras.io/guides/serialization_and_saving, appendix): a Dense with one more
/// variable, which its save_own_variables also stores under "variables" and its load_own_variables reads from there.
/// </summary>
[RegisterSerializable("hooks_tests")]
[Collection(GlobalState.Name)]
public sealed class HookVariableDense : Dense
{
    /// <summary>Creates the layer; <see cref="MyVariable"/> exists from the start, as the guide's keras.Variable.</summary>
    public HookVariableDense(int units, string? name = null) : base(units, name: name) =>
        MyVariable = AddWeight("my_variable", [units], "random_uniform");

    /// <summary>The extra variable added to the output.</summary>
    public Parameter MyVariable { get; }

    /// <summary>Rebuilds the layer from its units and name.</summary>
    public static HookVariableDense FromConfig(JsonObject config) => new((int)config["units"]!, (string?)config["name"]);

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => base.Call(x, training) + MyVariable;

    /// <inheritdoc />
    public override void SaveOwnVariables(VariableStore store)
    {
        base.SaveOwnVariables(store);
        store["variables"] = MyVariable;
    }

    /// <inheritdoc />
    public override void LoadOwnVariables(VariableStore store)
    {
        MyVariable.copy_(store["variables"]);
        for (int i = 0; i < Weights.Count; i++)
            Weights[i].copy_(store[i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }
}

/// <summary>A Dense whose load_own_variables assigns its kernel and then fails.</summary>
[RegisterSerializable("hooks_tests")]
[Collection(GlobalState.Name)]
public sealed class FailingLoadDense : Dense
{
    /// <summary>Creates the layer.</summary>
    public FailingLoadDense(int units, string? name = null) : base(units, name: name) { }

    /// <summary>Rebuilds the layer from its units and name.</summary>
    public static FailingLoadDense FromConfig(JsonObject config) => new((int)config["units"]!, (string?)config["name"]);

    /// <inheritdoc />
    public override void LoadOwnVariables(VariableStore store)
    {
        Kernel!.copy_(store["0"]);
        throw new InvalidOperationException("the bias is kept elsewhere");
    }
}

/// <summary>
/// The guide's LayerWithCustomBuild: its build needs an initializer name besides the input shape, which
/// get_build_config records and build_from_config passes back.
/// </summary>
[RegisterSerializable("hooks_tests")]
[Collection(GlobalState.Name)]
public sealed class CustomBuildLayer : Layer
{
    private Parameter? w, b;

    /// <summary>Creates the layer.</summary>
    public CustomBuildLayer(int units = 32, string? name = null) : base(name) => Units = units;

    /// <summary>Output size.</summary>
    public int Units { get; }

    /// <summary>The initializer name given to <see cref="Build(Shape, string)"/>.</summary>
    public string? LayerInit { get; private set; }

    /// <summary>The guide's <c>build(input_shape, layer_init)</c>.</summary>
    public void Build(Shape inputShape, string layerInit)
    {
        LayerInit = layerInit;
        EnsureBuilt(inputShape);
    }

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        if (LayerInit is null)
            throw new InvalidOperationException("CustomBuildLayer needs Build(inputShape, layerInit) before it is called.");
        w = AddWeight("w", [inputShape[^1]!.Value, Units], LayerInit);
        b = AddWeight("b", [Units], LayerInit);
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => matmul(x, w!) + b!;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["units"] = Units;
        return c;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?>? GetBuildConfig() =>
        Built ? new() { ["layer_init"] = LayerInit, ["input_shape"] = BuildInputShape } : null;

    /// <inheritdoc />
    public override void BuildFromConfig(JsonObject config) =>
        Build(new Shape(config["input_shape"]!.AsArray().Select(d => d?.GetValue<long>()).ToArray()), (string)config["layer_init"]!);
}

/// <summary>The guide's ModelWithCustomCompile: its Compile keeps the optimizer and loss in fields.</summary>
[RegisterSerializable("hooks_tests")]
[Collection(GlobalState.Name)]
public sealed class CustomCompileModel : Model
{
    private readonly Dense dense1 = new(8, activation: "relu");
    private readonly Dense dense2 = new(4, activation: "softmax");

    /// <summary>Creates the model.</summary>
    public CustomCompileModel(string? name = null) : base(name) { }

    /// <summary>The optimizer given to <see cref="Compile(Optimizer, Loss)"/>.</summary>
    public Optimizer? ModelOptimizer { get; private set; }

    /// <summary>The loss given to <see cref="Compile(Optimizer, Loss)"/>.</summary>
    public Loss? LossFn { get; private set; }

    /// <summary>The guide's <c>compile(optimizer, loss_fn)</c>.</summary>
    public void Compile(Optimizer optimizer, Loss lossFn)
    {
        base.Compile(optimizer, lossFn);
        ModelOptimizer = optimizer;
        LossFn = lossFn;
    }

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs, bool training = false) => dense2.Apply(dense1.Apply(inputs, training), training);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => base.GetConfig();

    /// <inheritdoc />
    public override Dictionary<string, object?>? GetCompileConfig() =>
        ModelOptimizer is null ? null : new() { ["model_optimizer"] = ModelOptimizer, ["loss_fn"] = LossFn };

    /// <inheritdoc />
    public override void CompileFromConfig(JsonObject config) =>
        Compile(Keras.Saving.Deserialize<Optimizer>(config["model_optimizer"]!), Keras.Saving.Deserialize<Loss>(config["loss_fn"]!));
}

/// <summary>A subclassed model recording the order in which loading calls its hooks.</summary>
[RegisterSerializable("hooks_tests")]
[Collection(GlobalState.Name)]
public sealed class HookOrderModel : Model
{
    private readonly Dense dense = new(2);

    /// <summary>Creates the model.</summary>
    public HookOrderModel(string? name = null) : base(name) { }

    /// <summary>The hooks called on this instance, in order.</summary>
    public List<string> Calls { get; } = [];

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs, bool training = false) => dense.Apply(inputs, training);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => base.GetConfig();

    /// <inheritdoc />
    public override void BuildFromConfig(JsonObject config) { Calls.Add("build_from_config"); base.BuildFromConfig(config); }

    /// <inheritdoc />
    public override void CompileFromConfig(JsonObject config) { Calls.Add("compile_from_config"); base.CompileFromConfig(config); }

    /// <inheritdoc />
    public override void LoadOwnVariables(VariableStore store) { Calls.Add("load_own_variables"); base.LoadOwnVariables(store); }

    /// <inheritdoc />
    public override void LoadAssets(string innerPath) => Calls.Add("load_assets");
}

/// <summary>
/// Keras' public saving hooks (keras/src/saving/saving_lib.py, layer.py, trainer.py; the guide's appendix "Handling
/// custom objects in depth"): save/load_own_variables, get_build_config/build_from_config and
/// get_compile_config/compile_from_config, each overridden and round-tripped, and the defaults' file layout.
/// </summary>
[Collection(GlobalState.Name)]
public class SavingHooksTests
{
    private static PureHDF.VOL.Native.NativeFile WeightsInside(string keras)
    {
        using var zip = ZipFile.OpenRead(keras);
        using var s = zip.GetEntry("model.weights.h5")!.Open();
        var ms = new MemoryStream();
        s.CopyTo(ms);
        ms.Position = 0;
        return H5File.Open(ms, false);
    }

    private static JsonObject ConfigInside(string keras)
    {
        using var zip = ZipFile.OpenRead(keras);
        using var s = zip.GetEntry("config.json")!.Open();
        return (JsonObject)JsonNode.Parse(s)!;
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.allclose(b, rtol: 0, atol: 0);

    [Fact]
    public void DefaultSaveOwnVariablesIsKerasLayoutKeysZeroOneWithTheDenseShapes()
    {
        // Keras' Layer.save_own_variables: store[f"{i}"] = v for each own variable (Dense: kernel (in, units), bias (units,)).
        var dense = new Dense(3);
        dense.EnsureBuilt(new Shape(null, 4));
        var store = new VariableStore();
        dense.SaveOwnVariables(store);
        Assert.Equal(["0", "1"], store.Keys);
        Assert.Equal(new long[] { 4, 3 }, store["0"].shape);
        Assert.Equal(new long[] { 3 }, store["1"].shape);
        Assert.Same(dense.Kernel, store["0"]);

        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "dense.keras");
        new Sequential([new Input(4), dense]).Save(path);
        using var h5 = WeightsInside(path);
        Assert.Equal(["0", "1"], h5.Group("layers/dense/vars").Children().Select(c => c.Name).Order());
        Assert.Equal(new ulong[] { 4, 3 }, h5.Dataset("layers/dense/vars/0").Space.Dimensions);
        Assert.Equal(new ulong[] { 3 }, h5.Dataset("layers/dense/vars/1").Space.Dimensions);
        Assert.Empty(h5.Group("vars").Children());   // the model's own vars group, empty as Keras writes it
        Directory.Delete(dir, true);
    }

    [Fact]
    public void DefaultLoadOwnVariablesChecksCountAndShapesBeforeChangingAnything()
    {
        var dense = new Dense(3, kernelInitializer: "ones", biasInitializer: "ones");
        dense.EnsureBuilt(new Shape(null, 4));
        var tooMany = new VariableStore();
        tooMany["0"] = zeros(4, 3);
        tooMany["1"] = zeros(3);
        tooMany["2"] = zeros(3);
        // Keras' message: "Layer 'dense' expected 2 variables, but received 3 variables during loading. Expected: ['kernel', 'bias']".
        var ex = Assert.Throws<InvalidDataException>(() => dense.LoadOwnVariables(tooMany));
        Assert.Contains($"Layer '{dense.Name}' expected 2 variables, but received 3 variables during loading", ex.Message);
        Assert.Contains("Expected: ['kernel', 'bias']", ex.Message);

        var badShape = new VariableStore();
        badShape["0"] = zeros(4, 3);
        badShape["1"] = zeros(5);
        ex = Assert.Throws<InvalidDataException>(() => dense.LoadOwnVariables(badShape));
        Assert.Contains("variable 1 'bias' has shape (5,) in", ex.Message);
        Assert.Contains("but the layer expects (3,)", ex.Message);
        Assert.Equal(12f, dense.Kernel!.sum().item<float>());   // the kernel was not assigned before the bias failed

        var good = new VariableStore();
        good["0"] = full(4, 3, 2f);
        good["1"] = full(3, 5f);
        dense.LoadOwnVariables(good);
        Assert.Equal(24f, dense.Kernel.sum().item<float>());
        Assert.Equal(15f, dense.Bias!.sum().item<float>());

        var unbuilt = new Dense(2);
        ex = Assert.Throws<InvalidDataException>(() => unbuilt.LoadOwnVariables(good));
        Assert.Contains("was never built and thus it doesn't have any variables", ex.Message);
    }

    [Fact]
    public void VariableStoreValidatesKeysAndNamesMissingOnes()
    {
        var store = new VariableStore();
        store["0"] = zeros(2);
        store["variables"] = ones(2);
        store["0"] = ones(3);   // replacing keeps the order
        Assert.Equal(["0", "variables"], store.Keys);
        Assert.Equal(2, store.Count);
        Assert.True(store.ContainsKey("variables"));
        Assert.False(store.ContainsKey("1"));
        var missing = Assert.Throws<KeyNotFoundException>(() => store["1"]);
        Assert.Contains("(a store created in code) has no entry '1'; it holds '0', 'variables'", missing.Message);
        Assert.Contains("'a/b'", Assert.Throws<ArgumentException>(() => store["a/b"] = zeros(1)).Message);
        Assert.Throws<ArgumentException>(() => store[""] = zeros(1));
        Assert.Throws<ArgumentException>(() => store[".."] = zeros(1));
        Assert.Contains("null", Assert.Throws<ArgumentException>(() => store["x"] = null!).Message);
        Assert.Throws<ArgumentNullException>(() => new Dense(2).SaveOwnVariables(null!));
    }

    [Fact]
    public void OverriddenOwnVariablesRoundTripThroughKerasAndWeightsH5()
    {
        Keras.Utils.SetRandomSeed(3);
        var layer = new HookVariableDense(3);
        var model = new Sequential([new Input(4), layer]);
        var x = randn(5, 4);
        var expected = model.Predict(x, verbose: 0);
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "custom_variable.keras");
        model.Save(path);

        // The file holds the default "0".."2" (my_variable, kernel, bias in creation order) and the override's "variables".
        using (var h5 = WeightsInside(path))
        {
            var vars = h5.Group("layers/hook_variable_dense/vars");
            Assert.Equal(["0", "1", "2", "variables"], vars.Children().Select(c => c.Name).Order());
            Assert.Equal(new ulong[] { 3 }, h5.Dataset("layers/hook_variable_dense/vars/variables").Space.Dimensions);
        }
        var loaded = Keras.Models.LoadModel(path);
        var loadedLayer = Assert.IsType<HookVariableDense>(loaded.Layers[0]);
        Assert.True(Same(layer.MyVariable, loadedLayer.MyVariable));
        Assert.True(Same(expected, loaded.Predict(x, verbose: 0)));

        // .weights.h5: the same hooks, into a model with other values.
        var weights = Path.Combine(dir, "custom_variable.weights.h5");
        model.SaveWeights(weights);
        Keras.Utils.SetRandomSeed(4);
        var other = new Sequential([new Input(4), new HookVariableDense(3)]);
        Assert.False(Same(expected, other.Predict(x, verbose: 0)));
        other.LoadWeights(weights);
        Assert.True(Same(layer.MyVariable, ((HookVariableDense)other.Layers[0]).MyVariable));
        Assert.True(Same(expected, other.Predict(x, verbose: 0)));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void OverrideReadingAMissingKeyNamesTheFileTheLayerPathAndTheKey()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "plain_dense.weights.h5");
        new Sequential([new Input(4), new Dense(3)]).SaveWeights(path);
        var model = new Sequential([new Input(4), new HookVariableDense(3)]);
        var before = model.GetWeights();
        var ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("stored at 'layers/hook_variable_dense'", ex.Message);
        Assert.Contains("group 'layers/hook_variable_dense/vars') has no entry 'variables'; it holds none", ex.Message);
        Assert.All(model.GetWeights().Zip(before), p => Assert.True(Same(p.First, p.Second)));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void LoadOwnVariablesThatThrowsLeavesEveryWeightUnchangedAndNamesFileLayerAndHook()
    {
        Keras.Utils.SetRandomSeed(5);
        var model = new Sequential([new Input(4), new Dense(5), new FailingLoadDense(3)]);
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "failing.weights.h5");
        model.SaveWeights(path);
        // Different values in every weight, so that any assignment would show.
        model.SetWeights(model.GetWeights().Select(w => full_like(w, 0.5f)).ToArray());
        var before = model.GetWeights();

        var ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("stored at 'layers/failing_load_dense'", ex.Message);
        Assert.Contains("FailingLoadDense.LoadOwnVariables failed (InvalidOperationException: the bias is kept elsewhere)", ex.Message);
        // The Dense before it (loaded by the default path) and the kernel the hook assigned are both put back.
        Assert.All(model.GetWeights().Zip(before), p => Assert.True(Same(p.First, p.Second)));

        // skipMismatch: the failing layer keeps its values, the others load.
        model.LoadWeights(path, skipMismatch: true);
        var after = model.GetWeights();
        Assert.False(Same(after[0], before[0]));   // the first Dense's kernel was loaded
        Assert.True(Same(after[2], before[2]) && Same(after[3], before[3]));   // the failing layer's kernel and bias were not
        Directory.Delete(dir, true);
    }

    [Fact]
    public void LoadingCallsTheHooksInKerasOrder()
    {
        // keras-io guides/customizing_saving_and_serialization.py: "When restoring a model, these get executed in the
        // following order: build_from_config(), compile_from_config(), load_own_variables(), load_assets()".
        var model = new HookOrderModel();
        model.Compile("sgd", "mse");
        model.Apply(ones(1, 3));
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "order.keras");
        model.Save(path);
        var loaded = Assert.IsType<HookOrderModel>(Keras.Models.LoadModel(path));
        Assert.Equal(["build_from_config", "compile_from_config", "load_own_variables", "load_assets"], loaded.Calls);
        Assert.Equal(["build_from_config", "load_own_variables", "load_assets"], Assert.IsType<HookOrderModel>(Keras.Models.LoadModel(path, compile: false)).Calls);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void DefaultBuildConfigIsKerasInputShapeAndNoneForInputLayer()
    {
        var dense = new Dense(3);
        Assert.Null(dense.GetBuildConfig());
        dense.EnsureBuilt(new Shape(null, 4));
        var json = Keras.Saving.ConfigToJson(dense.GetBuildConfig()!);
        Assert.Equal("""{"input_shape":[null,4]}""", json.ToJsonString());
        Assert.Null(new Input(4).GetBuildConfig());
        var model = new Sequential([new Input(4), new Dense(2)]);
        Assert.Equal("""{"input_shape":[null,4]}""", Keras.Saving.ConfigToJson(model.GetBuildConfig()!).ToJsonString());
        var input = new Input(4);
        var functional = new Model(input, new Dense(2).Apply(input));
        Assert.Equal("""{"input_shape":null}""", Keras.Saving.ConfigToJson(functional.GetBuildConfig()!).ToJsonString());
    }

    [Fact]
    public void OverriddenBuildConfigIsWrittenAndBuildFromConfigRebuildsTheLayer()
    {
        Keras.Utils.SetRandomSeed(6);
        var custom = new CustomBuildLayer(units: 16);
        custom.Build(new Shape(null, 8), "random_normal");
        var model = new Sequential([custom, new Dense(1, activation: "sigmoid")]);
        model.Compile("adam", "binary_crossentropy");
        var x = randn(16, 8);
        model.Fit(x, randint(0, 2, [16, 1]).to_type(ScalarType.Float32), epochs: 1, verbose: 0);
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "custom_build.keras");
        model.Save(path);

        var layerConfig = ConfigInside(path)["config"]!["layers"]!.AsArray()
            .First(l => (string?)l!["class_name"] == "CustomBuildLayer")!;
        Assert.Equal("""{"layer_init":"random_normal","input_shape":[null,8]}""", layerConfig["build_config"]!.ToJsonString());

        var loaded = Keras.Models.LoadModel(path);
        var loadedLayer = Assert.IsType<CustomBuildLayer>(loaded.Layers[0]);
        Assert.Equal("random_normal", loadedLayer.LayerInit);
        Assert.Equal(custom.BuildInputShape, loadedLayer.BuildInputShape);
        Assert.True(Same(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0)));

        // A build_config the override cannot use: a named error, not a half-built layer.
        var serialized = Keras.Saving.Serialize(custom);
        serialized["build_config"] = new JsonObject { ["input_shape"] = new JsonArray(null, 8) };
        var ex = Assert.Throws<InvalidDataException>(() => LayerDeserializer.Deserialize(serialized));
        Assert.Contains("CustomBuildLayer.BuildFromConfig failed", ex.Message);
        Assert.Contains("build_config", ex.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void DefaultCompileConfigIsKerasCompileConfigAndNullBeforeCompiling()
    {
        var model = new Sequential([new Input(4), new Dense(2)]);
        Assert.Null(model.GetCompileConfig());
        model.Compile(new Adam(learningRate: 0.01), "mse", metrics: ["mae"]);
        var config = model.GetCompileConfig()!;
        // Keras' Trainer compile config keys, in its order.
        Assert.Equal(["optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly", "steps_per_execution", "jit_compile"], config.Keys);
        var json = Keras.Saving.ConfigToJson(config);
        Assert.Equal("mse", (string?)json["loss"]);
        Assert.Equal("Adam", (string?)json["optimizer"]!["class_name"]);

        var reloaded = new Sequential([new Input(4), new Dense(2)]);
        reloaded.CompileFromConfig(json);
        Assert.Equal("adam", reloaded.Optimizer!.Name);
        Assert.Equal(0.01, reloaded.Optimizer.LearningRate, 6);
        Assert.IsType<MeanSquaredError>(reloaded.Loss);
    }

    [Fact]
    public void OverriddenCompileConfigRoundTripsItsOptimizerAndLossWithOptimizerState()
    {
        Keras.Utils.SetRandomSeed(8);
        var model = new CustomCompileModel();
        model.Compile(new Adam(learningRate: 0.005), "mean_squared_error");
        var x = randn(20, 10);
        model.Fit(x, rand(20, 4), batchSize: 10, epochs: 1, verbose: 0);
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "custom_compile.keras");
        model.Save(path);

        // The hook's dictionary, with its Keras objects serialized as Keras does.
        var cc = ConfigInside(path)["compile_config"]!.AsObject();
        Assert.Equal(["model_optimizer", "loss_fn"], cc.Select(kv => kv.Key));
        Assert.Equal("Adam", (string?)cc["model_optimizer"]!["class_name"]);
        Assert.Equal("MeanSquaredError", (string?)cc["loss_fn"]!["class_name"]);

        var loaded = Assert.IsType<CustomCompileModel>(Keras.Models.LoadModel(path));
        var optimizer = Assert.IsType<Adam>(loaded.ModelOptimizer);
        Assert.Same(optimizer, loaded.Optimizer);
        Assert.Equal(0.005, optimizer.LearningRate, 6);
        Assert.Equal(2L, optimizer.Iterations);   // the optimizer state went into the optimizer the hook made
        Assert.IsType<MeanSquaredError>(loaded.LossFn);
        Assert.True(Same(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0)));
        Assert.Null(Keras.Models.LoadModel(path, compile: false) is CustomCompileModel c ? c.ModelOptimizer : null);
        Directory.Delete(dir, true);
    }
}
