using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>Regression tests for the interop defects found by measuring against real Keras files (issue 16).</summary>
[Collection(GlobalState.Name)]
public class InteropDefectTests
{
    [KerasReferenceFact]
    public void CompileConfigEmptyAsKeras315WritesMeansNotCompiled()
    {
        // Keras 3.15.1 writes "compile_config": {} for a model that was never compiled.
        var path = KerasReference.PathOf("3.15.1/dense_act_a.keras");
        using (var zip = ZipFile.OpenRead(path))
            Assert.Equal("{}", JsonNode.Parse(zip.GetEntry("config.json")!.Open())!["compile_config"]!.ToJsonString());
        var model = Keras.Models.LoadModel(path, compile: true);
        Assert.False(model.Compiled);
    }

    [KerasReferenceFact]
    public void TorchBackendOptimizerModuleResolvesByClassNameWithItsState()
    {
        // 3.5.0/trained_* were written by Keras' torch backend: compile_config names keras.src.backend.torch.optimizers.torch_adam.
        var model = Keras.Models.LoadModel(KerasReference.PathOf("3.5.0/trained_adam_branches.keras"), compile: true);
        Assert.IsType<KerasSharp.Optimizers.Adam>(model.Optimizer);
        Assert.Equal(6, model.Optimizer!.Iterations);
    }

    [Fact]
    public void FunctionalLayersFollowKerasMapGraphOrderNotCreationOrder()
    {
        // The corpus model trained_adam_branches: b1 created first, but Keras orders by depth from the output:
        // x, a1, b1, a2, add, out — and names the weight groups dense, dense_1, ... in that order.
        var x = new Input(6, name: "x");
        var b1 = new Dense(4, name: "b1");
        var a1 = new Dense(4, name: "a1");
        var a2 = new Dense(4, name: "a2");
        var output = new Dense(3, activation: "softmax", name: "out");
        var b = b1.Apply(x.Output);
        var a = a2.Apply(a1.Apply(x.Output));
        var model = new Model(x.Output, output.Apply(new Add().Apply([b, a])));
        Assert.Equal(["x", "a1", "b1", "a2", "add", "out"], model.Layers.Select(l => l.Name.StartsWith("add", StringComparison.Ordinal) ? "add" : l.Name));
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "branches.weights.h5");
        model.SaveWeights(path);
        using var h5 = H5File.OpenRead(path);
        Assert.Equal(new ulong[] { 6, 4 }, h5.Dataset("layers/dense/vars/0").Space.Dimensions);     // a1
        Assert.Equal(new ulong[] { 6, 4 }, h5.Dataset("layers/dense_1/vars/0").Space.Dimensions);   // b1
        Assert.Equal(new ulong[] { 4, 4 }, h5.Dataset("layers/dense_2/vars/0").Space.Dimensions);   // a2
        Assert.Equal(new ulong[] { 4, 3 }, h5.Dataset("layers/dense_3/vars/0").Space.Dimensions);   // out
    }

    [Fact]
    public void InputWithFixedBatchSizeAcceptsOtherBatchSizesAtPredict()
    {
        // Keras drops the batch axis from an input's spec.
        var model = new Sequential([new Input([3], batchSize: 4), new Dense(2)]);
        Assert.Equal(new long[] { 7, 2 }, model.Predict(ones(7, 3), verbose: 0).shape);
        var ex = Assert.Throws<ArgumentException>(() => model.Predict(ones(7, 5), verbose: 0));
        Assert.Contains("3", ex.Message);
    }

    [Fact]
    public void ConfigDtypeIsHonouredForInputsAndRefusedWhereUnsupported()
    {
        var input = Keras.Saving.Deserialize<Layer>(JsonNode.Parse("""
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 8], "dtype": "int32", "sparse": false, "name": "tokens"}, "registered_name": null}
            """)!);
        Assert.Equal(ScalarType.Int32, Assert.IsType<Input>(input).DType);
        var ex = Assert.Throws<InvalidDataException>(() => Keras.Saving.Deserialize<Layer>(JsonNode.Parse("""
            {"module": "keras.layers", "class_name": "Dense", "config": {"units": 2, "name": "d",
             "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float64"}, "registered_name": null}}, "registered_name": null}
            """)!));
        Assert.Contains("float64", ex.Message);
        Assert.Contains("Dense", ex.Message);
    }

    [Fact]
    public void MissingWeightsGroupNamesThePathAndWhatTheFileHolds()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "small.weights.h5");
        new Sequential([new Input([3]), new Dense(2)]).SaveWeights(path);
        var other = new Sequential([new Input([3]), new Dense(2), new Dense(1)]);
        var ex = Assert.ThrowsAny<Exception>(() => other.LoadWeights(path));
        Assert.Contains("layers/dense_1/vars", ex.Message);
        Assert.Contains("holds: dense", ex.Message);
        Assert.DoesNotContain("holds 0", ex.Message);
    }
}
