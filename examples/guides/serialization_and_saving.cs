#:project ../../src/KerasSharp/KerasSharp.csproj
// Keras guide "Save, serialize, and export models" (keras.io/guides/serialization_and_saving, keras-io
// guides/serialization_and_saving.py), ported cell by cell to KerasSharp. The guide uses no download; its files are
// written to a temporary folder that is removed at the end.
// Run from the repository root: dotnet run examples/guides/serialization_and_saving.cs [--quick]
using System.Globalization;
using KerasSharp;
using KerasSharp.Layers;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Keras.Utils.SetRandomSeed(1337);
var dir = Directory.CreateTempSubdirectory("serialization_guide_").FullName;
string P(string name) => Path.Combine(dir, name);
bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.allclose(b, rtol: 1e-6, atol: 1e-6);

// ## Saving
Model GetModel()
{
    // Create a simple model.
    var inputs = new Input(32);
    var outputs = new Dense(1).Apply(inputs);
    var model = new Model(inputs, outputs);
    model.Compile(optimizer: new KerasSharp.Optimizers.Adam(learningRate: 0.001), loss: "mean_squared_error");
    return model;
}
var model = GetModel();
// Train the model.
var testInput = rand(128, 32);
var testTarget = rand(128, 1);
model.Fit(testInput, testTarget, verbose: 0);
// Calling `save('my_model.keras')` creates a zip archive `my_model.keras`.
model.Save(P("my_model.keras"));
// It can be used to reconstruct the model identically.
var reconstructedModel = Keras.Models.LoadModel(P("my_model.keras"));
// Let's check:
Console.WriteLine($"saving: reconstructed predictions equal: {Same(model.Predict(testInput, verbose: 0), reconstructedModel.Predict(testInput, verbose: 0))}");
// The reconstructed model is already compiled and has retained the optimizer state, so training can resume:
Console.WriteLine($"saving: reloaded optimizer {reconstructedModel.Optimizer!.Name} after {reconstructedModel.Optimizer.Iterations} iterations (original {model.Optimizer!.Iterations})");
reconstructedModel.Fit(testInput, testTarget, verbose: 0);

// ### Custom objects
// #### Registering custom objects (preferred): CustomLayer and CustomModel are registered as "MyLayers>..." and
// custom_fn as "my_package>custom_fn" (Keras' @keras.saving.register_keras_serializable).
Keras.Saving.RegisterSerializable<CustomLayer>(package: "MyLayers");
Keras.Saving.RegisterSerializable<CustomModel>(package: "my_custom_package");
var customFn = Keras.Saving.RegisterSerializable((Tensor x) => x.pow(2), name: "custom_fn", package: "my_package");

// Create the model.
CustomModel GetCustomModel()
{
    var model = new CustomModel(hiddenUnits: [16, 16, 10]);
    model.Compile(optimizer: "adam", loss: "mean_squared_error");
    return model;
}
var customModel = GetCustomModel();
customModel.Fit(testInput, testTarget, verbose: 0);
customModel.Save(P("custom_model.keras"));
// Option 1: Load with the custom objects registered
var reconstructedCustom = Keras.Models.LoadModel(P("custom_model.keras"));
Console.WriteLine($"saving: registered subclassed model reloaded as {reconstructedCustom.GetType().Name}, predictions equal: {Same(customModel.Predict(testInput, verbose: 0), reconstructedCustom.Predict(testInput, verbose: 0))}");

// A model with the custom layer and the registered custom function.
var layerModel = new Sequential([new Input(32), new CustomLayer(0.5f), new Dense(3, activation: customFn)]);
layerModel.Save(P("custom_layer_model.keras"));
var reloadedLayerModel = Keras.Models.LoadModel(P("custom_layer_model.keras"));
Console.WriteLine($"saving: custom layer and registered custom_fn reloaded, predictions equal: {Same(layerModel.Predict(testInput, verbose: 0), reloadedLayerModel.Predict(testInput, verbose: 0))}");

// #### Passing custom objects to load_model() (for an unregistered class)
var plainModel = new Sequential([new Input(32), new UnregisteredScale(3), new Dense(2)]);
plainModel.Save(P("unregistered.keras"));
var customObjects = new Dictionary<string, object> { ["UnregisteredScale"] = typeof(UnregisteredScale) };
var loaded1 = Keras.Models.LoadModel(P("unregistered.keras"), customObjects: customObjects);
Console.WriteLine($"saving: custom_objects argument: predictions equal: {Same(plainModel.Predict(testInput, verbose: 0), loaded1.Predict(testInput, verbose: 0))}");
// #### Using a custom object scope
Model loaded2;
using (Keras.Saving.CustomObjectScope(customObjects))
    loaded2 = Keras.Models.LoadModel(P("unregistered.keras"));
Console.WriteLine($"saving: custom_object_scope: predictions equal: {Same(plainModel.Predict(testInput, verbose: 0), loaded2.Predict(testInput, verbose: 0))}");
try { Keras.Models.LoadModel(P("unregistered.keras")); Console.WriteLine("saving: an unknown class loaded without custom objects"); }
catch (InvalidDataException) { Console.WriteLine("saving: without custom objects the unknown class is refused: True"); }

// ## Model serialization
// ### get_config() and from_config(): layer example
var layer = new Dense(3, activation: "relu");
var layerConfig = layer.GetConfig();
var newLayer = Keras.Saving.FromConfig<Layer>("Dense", Keras.Saving.ConfigToJson(layerConfig));
Console.WriteLine($"serialization: Dense.from_config gives {newLayer.GetType().Name} units {((Dense)newLayer).Units}, same config: {Keras.Saving.ConfigToJson(newLayer.GetConfig()).ToJsonString() == Keras.Saving.ConfigToJson(layerConfig).ToJsonString()}");
// Sequential model example
var seqModel = new Sequential([new Input(32), new Dense(1)]);
var seqConfig = seqModel.GetConfig();
var newSeq = Sequential.FromConfig(seqConfig);
Console.WriteLine($"serialization: Sequential.from_config rebuilt {newSeq.Layers.Count} layer(s), output {newSeq.OutputShape}");
// Functional model example
var fInputs = new Input(32);
var fOutputs = new Dense(1).Apply(fInputs);
var fModel = new Model(fInputs, fOutputs);
var fConfig = fModel.GetConfig();
var newF = Model.FromConfig(fConfig);
Console.WriteLine($"serialization: Model.from_config rebuilt output {newF.Output.Shape}");
// ### to_json() and keras.models.model_from_json()
seqModel = new Sequential([new Input(32), new Dense(1)]);
var jsonConfig = seqModel.ToJson();
var newModel = Keras.Models.ModelFromJson(jsonConfig);
Console.WriteLine($"serialization: model_from_json round trip keeps the JSON: {newModel.ToJson() == jsonConfig}");
// ### Arbitrary object serialization
var serialized = Keras.Saving.Serialize(new Dense(3, activation: "relu", name: "dense_serialized"));
var deserialized = Keras.Saving.Deserialize<Layer>(serialized);
Console.WriteLine($"serialization: serialize_keras_object class_name {serialized["class_name"]}, deserialized {deserialized.Name}");

// ### In-memory model cloning
var cloned = Keras.Models.CloneModel(fModel);
Console.WriteLine($"serialization: clone_model has fresh weights: {!Same(cloned.GetWeights()[0], fModel.GetWeights()[0])}, same architecture: {cloned.Output.Shape == fModel.Output.Shape}");

// ## Saving & loading only the model's weights values
// ### Weights transfer between layers in memory
Layer CreateLayer()
{
    var layer = new Dense(64, activation: "relu", name: "dense_2");
    layer.EnsureBuilt([null, 784]);
    return layer;
}
var layer1 = CreateLayer();
var layer2 = CreateLayer();
// Copy weights from layer 1 to layer 2
layer2.SetWeights(layer1.GetWeights());
Console.WriteLine($"weights: layer_2.set_weights(layer_1.get_weights()) copies them: {layer1.GetWeights().Zip(layer2.GetWeights()).All(p => Same(p.First, p.Second))}");

// ### Transferring weights from one model to another model in memory (compatible architectures)
var inputs = new Input(784, name: "digits");
var x = new Dense(64, activation: "relu", name: "dense_1").Apply(inputs);
x = new Dense(64, activation: "relu", name: "dense_2").Apply(x);
var outputs = new Dense(10, name: "predictions").Apply(x);
var functionalModel = new Model(inputs: inputs, outputs: outputs, name: "3_layer_mlp");
var subclassedModel = new SubclassedModel(outputDim: 10, name: "subclassed_mlp");
// Call the subclassed model once to create the weights.
subclassedModel.Apply(ones(1, 784));
// Copy weights from functional_model to subclassed_model.
subclassedModel.SetWeights(functionalModel.GetWeights());
var probe = rand(4, 784);
Console.WriteLine($"weights: functional -> subclassed transfer gives equal outputs: {Same(functionalModel.Apply(probe), subclassedModel.Apply(probe))}");
// The case of stateless layers: a Dropout adds no weights, so the weight lists still match.
inputs = new Input(784, name: "digits");
x = new Dense(64, activation: "relu", name: "dense_1").Apply(inputs);
x = new Dense(64, activation: "relu", name: "dense_2").Apply(x);
// Add a dropout layer, which does not contain any weights.
x = new Dropout(0.5).Apply(x);
outputs = new Dense(10, name: "predictions").Apply(x);
var functionalModelWithDropout = new Model(inputs: inputs, outputs: outputs, name: "3_layer_mlp");
functionalModelWithDropout.SetWeights(functionalModel.GetWeights());
Console.WriteLine($"weights: model with Dropout takes the same {functionalModel.GetWeights().Count} weights, outputs equal: {Same(functionalModel.Apply(probe), functionalModelWithDropout.Apply(probe, training: false))}");

// ### APIs for saving weights to disk & loading them back
var sequentialModel = new Sequential([
    new Input(784, name: "digits"),
    new Dense(64, activation: "relu", name: "dense_1"),
    new Dense(64, activation: "relu", name: "dense_2"),
    new Dense(10, name: "predictions"),
]);
sequentialModel.SaveWeights(P("my_model.weights.h5"));
var before = sequentialModel.Predict(probe, verbose: 0);
foreach (var w in sequentialModel.Weights) using (no_grad()) w.normal_();   // scramble
sequentialModel.LoadWeights(P("my_model.weights.h5"));
Console.WriteLine($"weights: save_weights / load_weights restores the predictions: {Same(before, sequentialModel.Predict(probe, verbose: 0))}");

// ### Transfer learning example
inputs = new Input(784, name: "digits");
x = new Dense(64, activation: "relu", name: "dense_1").Apply(inputs);
x = new Dense(64, activation: "relu", name: "dense_2").Apply(x);
outputs = new Dense(10, name: "predictions").Apply(x);
functionalModel = new Model(inputs: inputs, outputs: outputs, name: "3_layer_mlp");
// Extract a portion of the functional model defined in the Setup section. The following lines produce a new model
// that excludes the final output layer of the functional model.
var pretrained = new Model(functionalModel.Inputs, functionalModel.Layers[^1].Input, name: "pretrained_model");
// Randomly assign "trained" weights.
foreach (var w in pretrained.Weights) using (no_grad()) w.copy_(randn(w.shape));
pretrained.SaveWeights(P("pretrained_ckpt.weights.h5"));
// Assume this is a separate program where only 'pretrained_ckpt' exists. Create a new functional model with a
// different output dimension.
inputs = new Input(784, name: "digits");
x = new Dense(64, activation: "relu", name: "dense_1").Apply(inputs);
x = new Dense(64, activation: "relu", name: "dense_2").Apply(x);
outputs = new Dense(5, name: "predictions").Apply(x);
model = new Model(inputs: inputs, outputs: outputs, name: "new_model");
// Load the weights from pretrained_ckpt into model.
var pretrainedAgain = new Model(model.Inputs, model.Layers[^1].Input, name: "pretrained_model");
pretrainedAgain.LoadWeights(P("pretrained_ckpt.weights.h5"));
Console.WriteLine($"weights: transfer learning loaded the pretrained body: {pretrained.GetWeights().Zip(pretrainedAgain.GetWeights()).All(p => Same(p.First, p.Second))}; new head output {model.Output.Shape}");

// ## Appendix: Handling custom objects in depth
// Keras calls, when restoring a model: BuildFromConfig, CompileFromConfig, LoadOwnVariables, LoadAssets.
// ### Custom variables: SaveOwnVariables() and LoadOwnVariables()
Keras.Saving.RegisterSerializable<LayerWithCustomVariable>(package: "my_custom_package");
var varsModel = new Sequential([new Input(10), new LayerWithCustomVariable(1)]);
var refInput = rand(8, 10);
var refOutput = rand(8, 1);   // the guide's (8, 10) target is broadcast against the (8, 1) output; here it has the output's shape
varsModel.Compile(optimizer: "adam", loss: "mean_squared_error");
varsModel.Fit(refInput, refOutput, verbose: 0);
varsModel.Save(P("custom_vars_model.keras"));
var restoredVarsModel = Keras.Models.LoadModel(P("custom_vars_model.keras"));
Console.WriteLine($"appendix: custom variables reloaded equal: {Same(((LayerWithCustomVariable)varsModel.Layers[0]).MyVariable, ((LayerWithCustomVariable)restoredVarsModel.Layers[0]).MyVariable)}");

// ### Custom assets: SaveAssets() and LoadAssets()
Keras.Saving.RegisterSerializable<LayerWithCustomAssets>(package: "my_custom_package");
var sentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.".Replace(". ", ".\n");
var assetsModel = new Sequential([new LayerWithCustomAssets(vocab: sentence, units: 2, inputShape: new Shape(10))]);
assetsModel.Compile(optimizer: "adam", loss: "mean_squared_error");
assetsModel.Fit(rand(10, 10), rand(10, 2), verbose: 0);
assetsModel.Save(P("custom_assets_model.keras"));
var restoredAssetsModel = Keras.Models.LoadModel(P("custom_assets_model.keras"));
Console.WriteLine($"appendix: custom assets reloaded equal: {((LayerWithCustomAssets)restoredAssetsModel.Layers[0]).Vocab == sentence.Replace("<unk>", "xyz")}");

// ### Custom build: GetBuildConfig() and BuildFromConfig()
Keras.Saving.RegisterSerializable<LayerWithCustomBuild>(package: "my_custom_package");
var customBuildLayer = new LayerWithCustomBuild(units: 16);
customBuildLayer.Build(inputShape: new Shape(null, 8), layerInit: "random_normal");   // Keras' input_shape=(8,), batch axis added
var buildModel = new Sequential([customBuildLayer, new Dense(1, activation: "sigmoid")]);
var buildX = randn(16, 8);
buildModel.Compile(optimizer: "adam", loss: "binary_crossentropy");
buildModel.Fit(buildX, randint(0, 2, [16, 1]).to_type(ScalarType.Float32), verbose: 0);
buildModel.Save(P("custom_build_model.keras"));
var restoredBuildModel = Keras.Models.LoadModel(P("custom_build_model.keras"));
var restoredBuildLayer = (LayerWithCustomBuild)restoredBuildModel.Layers[0];
Console.WriteLine($"appendix: custom build reloaded: layer_init {restoredBuildLayer.LayerInit}, input shape {restoredBuildLayer.BuildInputShape}, " +
                  $"equal: {restoredBuildLayer.LayerInit == customBuildLayer.LayerInit && restoredBuildLayer.BuildInputShape == customBuildLayer.BuildInputShape && Same(buildModel.Predict(buildX, verbose: 0), restoredBuildModel.Predict(buildX, verbose: 0))}");

// ### Custom compile: GetCompileConfig() and CompileFromConfig()
Keras.Saving.RegisterSerializable<ModelWithCustomCompile>(package: "my_custom_package");
var compileModel = new ModelWithCustomCompile();
compileModel.Compile(optimizer: "adam", lossFn: "mean_squared_error");
var compileX = rand(100, 10);
var compileY = rand(100, 4);   // the guide's (100, 1) target is broadcast against the 4 softmax outputs; here it has the output's shape
compileModel.Fit(compileX, compileY, verbose: 0);
compileModel.Save(P("custom_compile_model.keras"));
var restoredCompileModel = (ModelWithCustomCompile)Keras.Models.LoadModel(P("custom_compile_model.keras"));
// The reloaded learning rate comes from the weights file's float32 variable (as in Keras), so it is compared in float32.
bool SameOptimizer(KerasSharp.Optimizers.Optimizer a, KerasSharp.Optimizers.Optimizer b) =>
    a.GetType() == b.GetType() && (float)a.LearningRate == (float)b.LearningRate;
bool SameLoss(KerasSharp.Losses.Loss a, KerasSharp.Losses.Loss b) => Keras.Saving.Serialize(a).ToJsonString() == Keras.Saving.Serialize(b).ToJsonString();
Console.WriteLine($"appendix: custom compile reloaded: optimizer equal: {SameOptimizer(compileModel.ModelOptimizer!, restoredCompileModel.ModelOptimizer!)}, " +
                  $"loss_fn equal: {SameLoss(compileModel.LossFn!, restoredCompileModel.LossFn!)}, " +
                  $"optimizer state kept: {restoredCompileModel.Optimizer!.Iterations == compileModel.Optimizer!.Iterations}");
Directory.Delete(dir, recursive: true);
Console.WriteLine("guide ok");

/// <summary>The guide's custom layer: multiplies its input by a factor; get_config returns the factor.</summary>
sealed class CustomLayer(float factor, string? name = null) : Layer(name)
{
    public float Factor { get; } = factor;
    protected override Tensor Call(Tensor x, bool training) => x * Factor;
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = Factor;
        return config;
    }
}

/// <summary>The guide's subclassed model: a stack of Dense layers whose sizes are its config.</summary>
sealed class CustomModel : Model
{
    private readonly int[] hiddenUnits;
    private readonly List<Dense> denseLayers;
    public CustomModel(int[] hiddenUnits, string? name = null) : base(name)
    {
        this.hiddenUnits = hiddenUnits;
        denseLayers = hiddenUnits.Select(u => new Dense(u)).ToList();
    }
    public override Tensor Call(Tensor inputs, bool training = false)
    {
        var x = inputs;
        foreach (var layer in denseLayers) x = layer.Apply(x, training);
        return x;
    }
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["hidden_units"] = hiddenUnits;
        return config;
    }
}

/// <summary>A custom layer that is not registered: loading finds it through custom objects only.</summary>
sealed class UnregisteredScale(float scale, string? name = null) : Layer(name)
{
    public float Scale { get; } = scale;
    protected override Tensor Call(Tensor x, bool training) => x * Scale;
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["scale"] = Scale;
        return config;
    }
}

/// <summary>The guide's subclassed MLP with the same weights as the functional one.</summary>
sealed class SubclassedModel(int outputDim, string? name = null) : Model(name)
{
    private readonly Dense dense1 = new(64, activation: "relu", name: "dense_1");
    private readonly Dense dense2 = new(64, activation: "relu", name: "dense_2");
    private readonly Dense dense3 = new(outputDim, name: "predictions");
    public override Tensor Call(Tensor inputs, bool training = false) =>
        dense3.Apply(dense2.Apply(dense1.Apply(inputs, training), training), training);
}

/// <summary>
/// The appendix's LayerWithCustomVariable: a Dense with one more variable, added to its output; SaveOwnVariables also
/// stores it under "variables" and LoadOwnVariables restores it from there, then every weight by position.
/// </summary>
sealed class LayerWithCustomVariable : Dense
{
    public LayerWithCustomVariable(int units, string? name = null) : base(units, name: name) =>
        MyVariable = AddWeight("my_variable", [units], new KerasSharp.Initializers.RandomUniform(0, 1));   // np.random.random((units,))
    public TorchSharp.Modules.Parameter MyVariable { get; }
    public static LayerWithCustomVariable FromConfig(System.Text.Json.Nodes.JsonObject config) => new((int)config["units"]!, (string?)config["name"]);
    public override void SaveOwnVariables(KerasSharp.Saving.VariableStore store)
    {
        base.SaveOwnVariables(store);
        // Stores the value of the variable upon saving
        store["variables"] = MyVariable;
    }
    public override void LoadOwnVariables(KerasSharp.Saving.VariableStore store)
    {
        // Assigns the value of the variable upon loading
        MyVariable.copy_(store["variables"]);
        // Load the remaining weights
        for (int i = 0; i < Weights.Count; i++)
            Weights[i].copy_(store[$"{i}"]);
        // Note: You must specify how all variables (including layer weights) are loaded in LoadOwnVariables.
    }
    protected override Tensor Call(Tensor x, bool training) => base.Call(x, training) + MyVariable;
}

/// <summary>The appendix's LayerWithCustomAssets: a Dense that saves its vocabulary (a sentence) as an asset file.</summary>
sealed class LayerWithCustomAssets : Dense
{
    public LayerWithCustomAssets(int units, string? vocab = null, Shape? inputShape = null, string? name = null)
        : base(units, inputShape: inputShape, name: name) => Vocab = vocab;
    public string? Vocab { get; private set; }
    public static LayerWithCustomAssets FromConfig(System.Text.Json.Nodes.JsonObject config) => new((int)config["units"]!, name: (string?)config["name"]);
    // Writes the vocab (sentence) to text file at save time.
    public override void SaveAssets(string innerPath) => File.WriteAllText(Path.Combine(innerPath, "vocabulary.txt"), Vocab);
    // Reads the vocab (sentence) from text file at load time.
    public override void LoadAssets(string innerPath) =>
        Vocab = File.ReadAllText(Path.Combine(innerPath, "vocabulary.txt")).Replace("<unk>", "xyz");
}

/// <summary>
/// The appendix's LayerWithCustomBuild: its build takes an initializer name besides the input shape, so
/// GetBuildConfig records it and BuildFromConfig passes it back.
/// </summary>
sealed class LayerWithCustomBuild(int units = 32, string? name = null) : Layer(name)
{
    private TorchSharp.Modules.Parameter? w, b;
    public int Units { get; } = units;
    public string? LayerInit { get; private set; }
    protected override Tensor Call(Tensor inputs, bool training) => matmul(inputs, w!) + b!;
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        return config;
    }
    // Keras' build(input_shape, layer_init): the extra argument means Build must be called before the first call.
    public void Build(Shape inputShape, string layerInit)
    {
        LayerInit = layerInit;
        EnsureBuilt(inputShape);
    }
    protected override void Build(Shape inputShape)
    {
        var init = LayerInit ?? throw new InvalidOperationException("Call Build(inputShape, layerInit) first.");
        w = AddWeight("w", [inputShape[^1]!.Value, Units], init);
        b = AddWeight("b", [Units], init);
    }
    public override Dictionary<string, object?>? GetBuildConfig()
    {
        var buildConfig = base.GetBuildConfig()!;   // only gives input_shape
        buildConfig["layer_init"] = LayerInit;      // Stores our initializer for Build()
        return buildConfig;
    }
    // Calls Build() with the parameters at loading time
    public override void BuildFromConfig(System.Text.Json.Nodes.JsonObject config) =>
        Build(new Shape(config["input_shape"]!.AsArray().Select(d => d?.GetValue<long>()).ToArray()), (string)config["layer_init"]!);
}

/// <summary>The appendix's ModelWithCustomCompile: its Compile keeps the optimizer and the loss in fields.</summary>
sealed class ModelWithCustomCompile(string? name = null) : Model(name)
{
    private readonly Dense dense1 = new(8, activation: "relu");
    private readonly Dense dense2 = new(4, activation: "softmax");
    public KerasSharp.Optimizers.Optimizer? ModelOptimizer { get; private set; }
    public KerasSharp.Losses.Loss? LossFn { get; private set; }
    public override Tensor Call(Tensor inputs, bool training = false) => dense2.Apply(dense1.Apply(inputs, training), training);
    public override Dictionary<string, object?> GetConfig() => base.GetConfig();
    public void Compile(KerasSharp.Optimizers.Optimizer optimizer, KerasSharp.Losses.Loss lossFn)
    {
        base.Compile(optimizer, lossFn);   // the guide's super().compile(optimizer), with the loss so that Fit trains
        ModelOptimizer = optimizer;
        LossFn = lossFn;
    }
    // These parameters are serialized at saving time.
    public override Dictionary<string, object?>? GetCompileConfig() => new() { ["model_optimizer"] = ModelOptimizer, ["loss_fn"] = LossFn };
    // Deserializes the compile parameters, then calls Compile with them.
    public override void CompileFromConfig(System.Text.Json.Nodes.JsonObject config) =>
        Compile(Keras.Saving.Deserialize<KerasSharp.Optimizers.Optimizer>(config["model_optimizer"]!),
                Keras.Saving.Deserialize<KerasSharp.Losses.Loss>(config["loss_fn"]!));
}
