using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

[Collection(GlobalState.Name)]

public class LegacyH5Tests
{
    // Keras 2's model.save("m.h5") layout: root attributes model_config / training_config, group model_weights with
    // layer_names, one group per layer with weight_names "<layer>/<weight>:0" naming nested datasets.
    private const string ModelConfig = """
        {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
          {"class_name": "Dense", "config": {"name": "dense_1", "trainable": true, "batch_input_shape": [null, 3], "dtype": "float32",
            "units": 2, "activation": "relu", "use_bias": true,
            "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": null}},
            "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null, "bias_regularizer": null,
            "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}},
          {"class_name": "Dropout", "config": {"name": "dropout_1", "trainable": true, "rate": 0.5, "noise_shape": null, "seed": null}},
          {"class_name": "Dense", "config": {"name": "dense_2", "trainable": true, "units": 1, "activation": "linear", "use_bias": true,
            "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": null}},
            "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null, "bias_regularizer": null,
            "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}}]}}
        """;

    private const string TrainingConfig = """
        {"optimizer_config": {"class_name": "SGD", "config": {"lr": 0.05, "momentum": 0.0, "decay": 0.0, "nesterov": false}},
         "loss": "mean_squared_error", "metrics": ["mae"], "weighted_metrics": null, "sample_weight_mode": null, "loss_weights": null}
        """;

    private static H5Group LayerGroup(string name, params (string Weight, float[] Data, ulong[] Dims)[] weights)
    {
        var inner = new H5Group();
        foreach (var (w, data, dims) in weights) inner[w + ":0"] = new H5Dataset(data, fileDims: dims);
        var g = new H5Group { [name] = inner };
        g.Attributes["weight_names"] = weights.Select(w => $"{name}/{w.Weight}:0").ToArray();
        return g;
    }

    private static string WriteLegacyFile(string dir, bool fullModel, string kerasVersion = "2.2.4", string trainingConfig = TrainingConfig)
    {
        var dense1 = LayerGroup("dense_1", ("kernel", [1, 0, 0, 1, 1, 1], [3, 2]), ("bias", [0, -1], [2]));
        var dropout = new H5Group();
        dropout.Attributes["weight_names"] = Array.Empty<string>();
        var dense2 = LayerGroup("dense_2", ("kernel", [2, 3], [2, 1]), ("bias", [0.5f], [1]));
        var weights = new H5Group { ["dense_1"] = dense1, ["dropout_1"] = dropout, ["dense_2"] = dense2 };
        weights.Attributes["layer_names"] = new[] { "dense_1", "dropout_1", "dense_2" };
        weights.Attributes["backend"] = "tensorflow";
        weights.Attributes["keras_version"] = kerasVersion;
        var path = Path.Combine(dir, fullModel ? "legacy.h5" : "legacy_weights.h5");
        if (fullModel)
        {
            var file = new H5File { ["model_weights"] = weights };
            file.Attributes["keras_version"] = kerasVersion;
            file.Attributes["backend"] = "tensorflow";
            file.Attributes["model_config"] = ModelConfig;
            file.Attributes["training_config"] = trainingConfig;
            file.Write(path);
        }
        else
        {
            var file = new H5File { ["dense_1"] = dense1, ["dropout_1"] = dropout, ["dense_2"] = dense2 };
            file.Attributes["layer_names"] = new[] { "dense_1", "dropout_1", "dense_2" };
            file.Write(path);
        }
        return path;
    }

    [Fact]
    public void Keras1FileIsRefusedNamingTheFormat()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = WriteLegacyFile(dir, fullModel: true, kerasVersion: "1.2.2");
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("Keras 1 format is not supported", ex.Message);
        var model = Keras.Models.LoadModel(WriteLegacyFile(SavingTestSupport.NewFolder(), fullModel: true), compile: false);
        var before = model.GetWeights();
        // LoadWeights from the Keras 1 file: refused, and no weight changes.
        ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains("Keras 1 format is not supported", ex.Message);
        var after = model.GetWeights();
        for (int i = 0; i < before.Count; i++) TensorAssert.Close(before[i], after[i], 0);
    }

    [Fact]
    public void TfKeras2TrainingConfigCustomOptimizerMeanMetricWrapperAndAutoReductionCompile()
    {
        // tf.keras 2.11+ writes its optimizers as "Custom>Adam", metrics as MeanMetricWrapper with the function in
        // "fn", and losses with reduction "auto".
        const string tfKeras = """
            {"loss": {"class_name": "MeanSquaredError", "config": {"reduction": "auto", "name": "mean_squared_error"}},
             "metrics": [[{"class_name": "MeanMetricWrapper", "config": {"name": "mae", "dtype": "float32", "fn": "mean_absolute_error"}}]],
             "weighted_metrics": null, "loss_weights": null,
             "optimizer_config": {"class_name": "Custom>Adam", "config": {"name": "Adam", "weight_decay": null, "clipnorm": null,
               "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": null,
               "jit_compile": true, "is_legacy_optimizer": false, "learning_rate": 0.0025, "beta_1": 0.9, "beta_2": 0.999,
               "epsilon": 1e-07, "amsgrad": false}}}
            """;
        var model = Keras.Models.LoadModel(WriteLegacyFile(SavingTestSupport.NewFolder(), fullModel: true, "2.12.0", tfKeras));
        Assert.True(model.Compiled);
        var adam = Assert.IsType<Adam>(model.Optimizer);
        Assert.Equal(0.0025, adam.LearningRate, 6);
        var logs = model.Evaluate(ones(4, 3), zeros(4, 1), verbose: 0);
        Assert.Contains("mae", logs.Keys);
        Assert.Contains("loss", logs.Keys);
    }

    [Fact]
    public void TrainingConfigThatCannotCompileSaysCompileFalseLoadsTheModel()
    {
        const string bad = """{"loss": "no_such_loss", "metrics": null, "optimizer_config": {"class_name": "SGD", "config": {"learning_rate": 0.1}}}""";
        var path = WriteLegacyFile(SavingTestSupport.NewFolder(), fullModel: true, "2.12.0", bad);
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Models.LoadModel(path));
        Assert.Contains("no_such_loss", ex.Message);
        Assert.Contains("compile: false", ex.Message);
        Assert.False(Keras.Models.LoadModel(path, compile: false).Compiled);
    }

    [Fact]
    public void Keras2FullModelLoadsArchitectureWeightsAndTrainingConfig()
    {
        var path = WriteLegacyFile(SavingTestSupport.NewFolder(), fullModel: true);
        var model = Keras.Models.LoadModel(path);
        Assert.Equal(["dense_1", "dropout_1", "dense_2"], model.Layers.Select(l => l.Name));
        // h = relu(x K1 + b1) = relu([1+3, 2+3-1]) = [4, 4]; y = 4*2 + 4*3 + 0.5 = 20.5
        TensorAssert.Close([20.5], model.Predict(tensor(new float[] { 1, 2, 3 }).reshape(1, 3), verbose: 0));
        var sgd = Assert.IsType<SGD>(model.Optimizer);
        Assert.Equal(0.05, sgd.LearningRate, 9); // Keras 2's "lr"
        Assert.Equal("mean_squared_error", model.Loss!.Name);
        Assert.Equal(["loss", "mae"], model.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void Keras2WeightsFileLoadsIntoAMatchingModel()
    {
        var path = WriteLegacyFile(SavingTestSupport.NewFolder(), fullModel: false);
        var model = new Sequential([new KerasSharp.Layers.Input(3), new KerasSharp.Layers.Dense(2, activation: "relu"),
            new KerasSharp.Layers.Dense(1)]);
        model.LoadWeights(path);
        TensorAssert.Close([20.5], model.Predict(tensor(new float[] { 1, 2, 3 }).reshape(1, 3), verbose: 0));
    }

    [Fact]
    public void Keras2WeightsFileWrongShapesNamesLayerAndShapes()
    {
        var path = WriteLegacyFile(SavingTestSupport.NewFolder(), fullModel: false);
        var model = new Sequential([new KerasSharp.Layers.Input(3), new KerasSharp.Layers.Dense(5, name: "five"), new KerasSharp.Layers.Dense(1)]);
        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains("'five'", e.Message);
        Assert.Contains("(3, 2)", e.Message);
        Assert.Contains("(3, 5)", e.Message);
    }
}
