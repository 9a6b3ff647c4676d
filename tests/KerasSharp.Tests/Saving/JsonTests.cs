using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Saving;

[Collection(GlobalState.Name)]

public class JsonTests
{
    [Fact]
    public void ToJsonModelFromJsonSameArchitectureAndCompileConfig()
    {
        var model = SavingTestSupport.SmallModel();
        var json = model.ToJson();
        var node = JsonNode.Parse(json)!;
        Assert.Equal("Sequential", (string?)node["class_name"]);
        Assert.NotNull(node["compile_config"]);

        var clone = Keras.Models.ModelFromJson(json);
        Assert.Equal(model.Layers.Select(l => (l.GetType(), l.Name)), clone.Layers.Select(l => (l.GetType(), l.Name)));
        Assert.Equal(model.CountParams(), clone.CountParams());
        Assert.True(clone.Compiled);
        Assert.IsType<Adam>(clone.Optimizer);
        Assert.Equal(0.01, clone.Optimizer!.LearningRate, 9);
        Assert.Equal(["loss", "accuracy"], clone.Metrics.Select(m => m.Name));
        Assert.Equal(json, clone.ToJson());
    }

    [Fact]
    public void ModelFromJsonReadsAKeras3StyleConfig()
    {
        // As Keras 3 writes it: DTypePolicy dicts, module/registered_name, build_config.
        var json = """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "trainable": true,
          "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
          "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 5], "dtype": "float32", "sparse": false, "name": "input_layer"}, "registered_name": null},
            {"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "trainable": false,
              "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
              "units": 7, "activation": "tanh", "use_bias": true,
              "kernel_initializer": {"module": "keras.initializers", "class_name": "HeNormal", "config": {"seed": 3}, "registered_name": null},
              "bias_initializer": {"module": "keras.initializers", "class_name": "Constant", "config": {"value": 0.5}, "registered_name": null},
              "kernel_regularizer": {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.001}, "registered_name": null},
              "bias_regularizer": null, "activity_regularizer": null,
              "kernel_constraint": {"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2.0, "axis": 0}, "registered_name": null},
              "bias_constraint": null, "lora_rank": null},
             "registered_name": null, "build_config": {"input_shape": [null, 5]}}],
          "build_input_shape": [null, 5]},
         "registered_name": null, "build_config": {"input_shape": [null, 5]}}
        """;
        var model = Keras.Models.ModelFromJson(json);
        Assert.Equal("seq", model.Name);
        var d = Assert.IsType<Dense>(Assert.Single(model.Layers));
        Assert.Equal(("d", 7, "tanh", false), (d.Name, d.Units, d.Activation.Name, d.Trainable));
        Assert.Equal(3L, Assert.IsType<KerasSharp.Initializers.HeNormal>(d.KernelInitializer).Seed);
        Assert.Equal(0.5, Assert.IsType<KerasSharp.Initializers.Constant>(d.BiasInitializer).Value);
        Assert.Equal(0.001, Assert.IsType<KerasSharp.Regularizers.L2>(d.KernelRegularizer).GetConfig()["l2"]);
        Assert.IsType<KerasSharp.Constraints.MaxNorm>(d.KernelConstraint);
        TensorAssert.HasShape([5, 7], d.Kernel!);
        TensorAssert.Close(Enumerable.Repeat(0.5, 7).ToArray(), d.Bias!);
        Assert.False(model.Compiled);
    }

    [Fact]
    public void ModelFromJsonKeras2ConfigWithBatchInputShapeOnTheFirstLayer()
    {
        var json = """
        {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
          {"class_name": "Dense", "config": {"name": "dense_1", "trainable": true, "batch_input_shape": [null, 3], "dtype": "float32",
            "units": 2, "activation": "relu", "use_bias": true,
            "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": null}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}},
          {"class_name": "Dropout", "config": {"name": "dropout_1", "trainable": true, "rate": 0.5, "noise_shape": null, "seed": null}}]},
         "keras_version": "2.2.4", "backend": "tensorflow"}
        """;
        var model = (Sequential)Keras.Models.ModelFromJson(json);
        Assert.True(model.Built);
        Assert.Equal(new Shape(null, 3), model.InputShape);
        Assert.Equal(8, model.CountParams());
    }

    [Fact]
    public void ModelFromJsonBadInputSaysWhatIsWrong()
    {
        var notJson = Assert.Throws<ArgumentException>(() => Keras.Models.ModelFromJson("{nope"));
        Assert.Contains("not valid JSON", notJson.Message);
        var notModel = Assert.Throws<ArgumentException>(() => Keras.Models.ModelFromJson("[1, 2]"));
        Assert.Contains("class_name", notModel.Message);
        var badKey = Assert.Throws<ArgumentException>(() => Keras.Models.ModelFromJson(
            """{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"units": 2, "frobnicate": 1}}]}}"""));
        Assert.Contains("Dense", badKey.Message);
        Assert.Contains("'frobnicate'", badKey.Message);
        var badType = Assert.Throws<ArgumentException>(() => Keras.Models.ModelFromJson(
            """{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"units": "two"}}]}}"""));
        Assert.Contains("'units'", badType.Message);
        Assert.Contains("\"two\"", badType.Message);
        var missing = Assert.Throws<ArgumentException>(() => Keras.Models.ModelFromJson(
            """{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "x"}}]}}"""));
        Assert.Contains("'units'", missing.Message);
    }
}
