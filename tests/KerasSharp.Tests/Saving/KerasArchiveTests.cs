using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

[Collection(GlobalState.Name)]

public class KerasArchiveTests
{
    [Fact]
    public void SaveLoadSameClassesNamesWeightsAndPredictions()
    {
        var dir = SavingTestSupport.NewFolder();
        var model = SavingTestSupport.SmallModel();
        var (x, y) = SavingTestSupport.Batch();
        model.TrainOnBatch(x, y);
        var path = Path.Combine(dir, "m.keras");
        model.Save(path);

        var loaded = Keras.Models.LoadModel(path);
        Assert.IsType<Sequential>(loaded);
        Assert.Equal(model.Layers.Select(l => (l.GetType(), l.Name)), loaded.Layers.Select(l => (l.GetType(), l.Name)));
        Assert.Equal(model.Name, loaded.Name);
        TensorAssert.Close(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), 0);
        Assert.Equal(model.SummaryText(), loaded.SummaryText());
    }

    [Fact]
    public void SaveLoadContinuedTrainingGivesTheSameLossOptimizerStateIncluded()
    {
        var dir = SavingTestSupport.NewFolder();
        var model = SavingTestSupport.SmallModel();
        var (x, y) = SavingTestSupport.Batch();
        for (int i = 0; i < 3; i++) model.TrainOnBatch(x, y);
        var path = Path.Combine(dir, "m.keras");
        model.Save(path);
        var loaded = Keras.Models.LoadModel(path);

        Assert.True(loaded.Compiled);
        var opt = Assert.IsType<Adam>(loaded.Optimizer);
        Assert.Equal(3, opt.Iterations);
        Assert.Equal(0.01, opt.LearningRate, 1e-9);
        Assert.Equal(model.Optimizer!.StateTensors.Count, opt.StateTensors.Count);
        for (int i = 0; i < opt.StateTensors.Count; i++)
            TensorAssert.Close(model.Optimizer.StateTensors[i], opt.StateTensors[i], 0);

        // Same dropout masks: same seed before each step. The running loss is reset (train_on_batch accumulates it, as in Keras 3).
        for (int step = 0; step < 2; step++)
        {
            model.ResetMetrics();
            loaded.ResetMetrics();
            Keras.Utils.SetRandomSeed(100 + step);
            double a = model.TrainOnBatch(x, y)["loss"];
            Keras.Utils.SetRandomSeed(100 + step);
            double b = loaded.TrainOnBatch(x, y)["loss"];
            Assert.Equal(a, b, 6);
        }
        TensorAssert.Close(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), 1e-6);
    }

    [Fact]
    public void ArchiveHasKerasEntriesConfigAndWeightLayout()
    {
        var dir = SavingTestSupport.NewFolder();
        var model = SavingTestSupport.SmallModel();
        var (x, y) = SavingTestSupport.Batch();
        model.TrainOnBatch(x, y);
        var path = Path.Combine(dir, "m.keras");
        model.Save(path);

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], zip.Entries.Select(e => e.FullName));
        var metadata = JsonNode.Parse(zip.GetEntry("metadata.json")!.Open())!.AsObject();
        Assert.Equal("3.5.0", (string?)metadata["keras_version"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$", (string?)metadata["date_saved"]);

        var config = JsonNode.Parse(zip.GetEntry("config.json")!.Open())!.AsObject();
        Assert.Equal(["module", "class_name", "config", "registered_name", "build_config", "compile_config"], config.Select(kv => kv.Key));
        Assert.Equal("keras", (string?)config["module"]);
        Assert.Equal("Sequential", (string?)config["class_name"]);
        Assert.Equal("[null,4,3]", config["build_config"]!["input_shape"]!.ToJsonString());
        var layers = config["config"]!["layers"]!.AsArray();
        Assert.Equal(["InputLayer", "Flatten", "Dense", "Dropout", "Dense", "Activation"], layers.Select(l => (string?)l!["class_name"]));
        Assert.All(layers, l => Assert.Equal("keras.layers", (string?)l!["module"]));
        Assert.Equal("[null,4,3]", layers[0]!["config"]!["batch_shape"]!.ToJsonString());
        var dense = layers[2]!;
        Assert.Equal("[null,12]", dense["build_config"]!["input_shape"]!.ToJsonString());
        Assert.Equal("keras.initializers", (string?)dense["config"]!["kernel_initializer"]!["module"]);
        Assert.Equal("GlorotUniform", (string?)dense["config"]!["kernel_initializer"]!["class_name"]);
        var compile = config["compile_config"]!;
        Assert.Equal("Adam", (string?)compile["optimizer"]!["class_name"]);
        Assert.Equal("keras.optimizers", (string?)compile["optimizer"]!["module"]);
        Assert.Equal("categorical_crossentropy", (string?)compile["loss"]);
        Assert.Equal("[\"accuracy\"]", compile["metrics"]!.ToJsonString());

        // Weights: layers/<snake_case class name>[_n]/vars/i, not the layer names; optimizer/vars = iterations, lr, m/v per variable.
        var h5Bytes = new MemoryStream();
        zip.GetEntry("model.weights.h5")!.Open().CopyTo(h5Bytes);
        h5Bytes.Position = 0;
        using var h5 = H5File.Open(h5Bytes, false);
        Assert.Equal(["layers", "optimizer", "vars"], h5.Children().Select(c => c.Name).OrderBy(n => n));
        Assert.Equal(["activation", "dense", "dense_1", "dropout", "flatten"], h5.Group("layers").Children().Select(c => c.Name).OrderBy(n => n));
        Assert.Equal(new ulong[] { 12, 8 }, h5.Dataset("layers/dense/vars/0").Space.Dimensions);
        Assert.Equal(new ulong[] { 8 }, h5.Dataset("layers/dense/vars/1").Space.Dimensions);
        Assert.Equal(new ulong[] { 8, 3 }, h5.Dataset("layers/dense_1/vars/0").Space.Dimensions);
        Assert.Empty(h5.Group("layers/dropout/vars").Children());
        var dense0 = (KerasSharp.Layers.Dense)model.Layers[1];
        TensorAssert.Close(dense0.Kernel!.detach(), tensor(h5.Dataset("layers/dense/vars/0").Read<float[]>()).reshape(12, 8), 0);
        var opt = h5.Group("optimizer/vars");
        Assert.Equal(2 + 2 * 4, opt.Children().Count()); // 4 variables (2 kernels, 2 biases), momentum + velocity each
        Assert.Equal(1L, h5.Dataset("optimizer/vars/0").Read<long>());
        Assert.Equal(0.01f, h5.Dataset("optimizer/vars/1").Read<float>());
        Assert.Equal(new ulong[] { 12, 8 }, h5.Dataset("optimizer/vars/2").Space.Dimensions); // dense kernel momentum
        Assert.Equal(new ulong[] { 8 }, h5.Dataset("optimizer/vars/4").Space.Dimensions);     // dense bias momentum
    }

    [Fact]
    public void LoadWithoutCompileGivesAnUncompiledModel()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "m.keras");
        SavingTestSupport.SmallModel().Save(path);
        var loaded = Keras.Models.LoadModel(path, compile: false);
        Assert.False(loaded.Compiled);
        Assert.Null(loaded.Optimizer);
    }

    [Fact]
    public void UncompiledOrUntrainedModelsSaveAndLoad()
    {
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "u.keras");
        var model = SavingTestSupport.SmallModel(compile: false);
        model.Save(path);
        var loaded = Keras.Models.LoadModel(path);
        Assert.False(loaded.Compiled);
        var (x, _) = SavingTestSupport.Batch();
        TensorAssert.Close(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0), 0);

        // Compiled but never trained: the optimizer has only iterations and learning rate; it builds on the first step.
        var fresh = SavingTestSupport.SmallModel();
        fresh.Save(path);
        var again = Keras.Models.LoadModel(path);
        Assert.Equal(0, again.Optimizer!.Iterations);
        Assert.Empty(again.Optimizer.Variables);
    }

    [Fact]
    public void SaveRejectsOtherExtensionsAndSubclassedModels()
    {
        var model = SavingTestSupport.SmallModel();
        var e = Assert.Throws<ArgumentException>(() => model.Save("model.h5"));
        Assert.Contains("'.keras'", e.Message);
        Assert.Contains("model.h5", e.Message);
        var sub = Assert.Throws<InvalidOperationException>(() => new Subclassed().Save(Path.Combine(SavingTestSupport.NewFolder(), "s.keras")));
        Assert.Contains("subclassed model", sub.Message);
        Assert.Contains("SaveWeights", sub.Message);
    }

    private sealed class Subclassed : Model
    {
        public override Tensor Call(Tensor x, bool training = false) => x;
    }
}
