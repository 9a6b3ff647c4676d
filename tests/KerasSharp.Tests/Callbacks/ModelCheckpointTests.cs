using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class ModelCheckpointTests
{
    private static History Fit(Model model, int epochs, params Callback[] callbacks)
    {
        var (x, y) = SampleData(8);
        var (xv, yv) = SampleData(4);
        return model.Fit(x, y, batchSize: 4, epochs: epochs, verbose: 0, validationData: (xv, yv), callbacks: callbacks);
    }

    private static string[] Names(string dir) =>
        Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void SaveBestOnlyWritesOnlyOnImprovementWithTemplatedNames()
    {
        var dir = TempDir();
        var cp = new ModelCheckpoint(Path.Combine(dir, "m-{epoch:02d}-{val_loss:.2f}.keras"), saveBestOnly: true);
        // val_loss 1.0 (save), 0.8 (save), 0.9 (no), 0.7 (save); epoch in the name is 1-based.
        Fit(TinyModel(), 4, Script("val_loss", 1.0, 0.8, 0.9, 0.7), cp);
        Assert.Equal(["m-01-1.00.keras", "m-02-0.80.keras", "m-04-0.70.keras"],
            Names(dir));
        Assert.Equal(0.7, cp.Best);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SaveBestOnlyFixedNameHoldsTheBestEpochsWeights()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "sub", "best.weights.h5"); // the missing folder is created
        var model = TinyModel();
        var snapshots = new Dictionary<int, List<TorchSharp.torch.Tensor>>();
        var snap = new LambdaCallback(onEpochEnd: (e, _) => snapshots[e] = Snapshot(model));
        Fit(model, 4, Script("val_loss", 1.0, 0.5, 0.9, 0.7), snap,
            new ModelCheckpoint(path, saveBestOnly: true, saveWeightsOnly: true));
        var fresh = TinyModel(seed: 5);
        fresh.LoadWeights(path);   // a Keras .weights.h5 file
        for (int i = 0; i < fresh.Weights.Count; i++)
            TensorAssert.Close(snapshots[1][i], fresh.Weights[i], 0);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SaveEveryEpochAndInitialValueThreshold()
    {
        var dir = TempDir();
        Fit(TinyModel(), 3, new ModelCheckpoint(Path.Combine(dir, "all-{epoch}.keras")));
        Assert.Equal(["all-1.keras", "all-2.keras", "all-3.keras"], Names(dir));
        var dir2 = TempDir();
        // Only values below the threshold 0.75 are saved: 0.7 at epoch 3.
        Fit(TinyModel(), 3, Script("val_loss", 1.0, 0.8, 0.7),
            new ModelCheckpoint(Path.Combine(dir2, "t-{epoch}.keras"), saveBestOnly: true, initialValueThreshold: 0.75));
        Assert.Equal(["t-3.keras"], Names(dir2));
        Directory.Delete(dir, true);
        Directory.Delete(dir2, true);
    }

    [Fact]
    public void SaveFreqBatchesSavesEveryNBatchesWithBatchInTheName()
    {
        var dir = TempDir();
        var cp = new ModelCheckpoint(Path.Combine(dir, "e{epoch}-b{batch}.keras"), saveFreq: 3);
        // 2 batches per epoch, 3 epochs = 6 batches: saves after global batches 3 and 6 = epoch 2 batch 1, epoch 3 batch 2.
        Fit(TinyModel(), 3, cp);
        Assert.Equal(["e2-b1.keras", "e3-b2.keras"], Names(dir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void FullSaveIncludesOptimizerStateAndRoundTrips()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "model.keras");
        var model = TinyModel();
        model.Compile(new KerasSharp.Optimizers.Adam(learningRate: 0.01), "mse");
        Fit(model, 2, new ModelCheckpoint(path));
        var fresh = Keras.Models.LoadModel(path);   // a Keras 3 .keras file with the optimizer state
        for (int i = 0; i < model.Weights.Count; i++) TensorAssert.Close(model.Weights[i], fresh.Weights[i], 0);
        Assert.Equal(4, fresh.Optimizer!.Iterations); // 2 epochs x 2 batches
        Assert.Equal(0.01, fresh.Optimizer.LearningRate, 1e-8);   // Keras stores learning_rate as float32
        for (int i = 0; i < model.Optimizer!.StateTensors.Count; i++)
            TensorAssert.Close(model.Optimizer.StateTensors[i], fresh.Optimizer.StateTensors[i], 0);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void FailedSaveLeavesThePreviousCheckpointIntact()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "m.keras");
        try
        {
            Fit(TinyModel(), 1, new ModelCheckpoint(path));
            var before = File.ReadAllBytes(path);
            // Model.Save fails half-way through writing the archive (after config.json).
            AtomicFile.StageHook = stage => { if (stage == "config.json") throw new IOException("disk full"); };
            var ex = Assert.Throws<IOException>(() => Fit(TinyModel(seed: 3), 1, new ModelCheckpoint(path)));
            Assert.Contains(path, ex.Message);
            Assert.Contains("disk full", ex.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir)); // the temporary file was removed
        }
        finally
        {
            AtomicFile.StageHook = null;
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void UnwritablePathFailsAtFirstSaveWithThePath()
    {
        var dir = TempDir();
        var blocker = Path.Combine(dir, "blocker");
        File.WriteAllText(blocker, "a file where a folder is needed");
        var path = Path.Combine(blocker, "m-{epoch}.keras");
        var epochs = new List<int>();
        var ex = Assert.Throws<IOException>(() =>
            Fit(TinyModel(), 3, new ModelCheckpoint(path), new LambdaCallback(onEpochEnd: (e, _) => epochs.Add(e))));
        Assert.Contains(Path.Combine(blocker, "m-1.keras"), ex.Message);
        Assert.Empty(epochs); // failed at the end of the first epoch, before the next callback ran
        Directory.Delete(dir, true);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        // Keras' checks, at construction: .weights.h5 with saveWeightsOnly, .keras otherwise.
        var ex = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("w.h5", saveWeightsOnly: true));
        Assert.Equal("filepath", ex.ParamName);
        Assert.StartsWith("When using saveWeightsOnly: true in ModelCheckpoint, the filepath provided must end in .weights.h5 (Keras weights format). Received: filepath=w.h5", ex.Message);
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveWeightsOnly: true));
        var ex2 = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("model.ckpt"));
        Assert.Equal("filepath", ex2.ParamName);
        Assert.StartsWith("The filepath provided must end in .keras (Keras model format). Received: filepath=model.ckpt", ex2.Message);
        // Keras would write its legacy .h5 model format here; KerasSharp does not write it and says so.
        var ex3 = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("model.h5"));
        Assert.Contains("Received: filepath=model.h5", ex3.Message);
        Assert.Contains("legacy .h5", ex3.Message);
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.weights.h5"));
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.KERAS")); // Keras compares the extension exactly
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelCheckpoint("m.keras", saveFreq: 0));
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveFreq: "weekly"));
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", mode: "biggest"));
        var dir = TempDir();
        var ex4 = Assert.Throws<InvalidOperationException>(() => Fit(TinyModel(), 1, new ModelCheckpoint(Path.Combine(dir, "{val_acc:.2f}.keras"))));
        Assert.Contains("val_acc", ex4.Message);
        Directory.Delete(dir, true);
    }

    private static Model FunctionalModel()
    {
        Keras.Utils.SetRandomSeed(11);
        var inputs = new Input(2, name: "features");
        var hidden = new Dense(4, activation: "tanh", name: "hidden").Apply(inputs);
        var outputs = new Dense(1, name: "out").Apply(hidden);
        var model = new Model(inputs, outputs, name: "functional_ckpt");
        model.Compile(new Adam(learningRate: 0.01), "mse");
        return model;
    }

    [Fact]
    public void FunctionalModelKerasCheckpointIsAKerasArchiveThatLoadsAndPredictsTheSame()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "f-{epoch}.keras");
        var model = FunctionalModel();
        Fit(model, 2, new ModelCheckpoint(path));
        var last = Path.Combine(dir, "f-2.keras");
        Assert.Equal(["f-1.keras", "f-2.keras"], Names(dir));

        // A real Keras 3 zip: metadata.json, config.json (Functional) and model.weights.h5 with Keras' paths.
        using (var zip = ZipFile.OpenRead(last))
        {
            Assert.Equal(["config.json", "metadata.json", "model.weights.h5"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            JsonNode config;
            using (var reader = new StreamReader(zip.GetEntry("config.json")!.Open())) config = JsonNode.Parse(reader.ReadToEnd())!;
            Assert.Equal("Functional", (string?)config["class_name"]);
            Assert.Equal("functional_ckpt", (string?)config["config"]!["name"]);
            Assert.NotNull(config["compile_config"]);
            var h5Bytes = new MemoryStream();
            using (var es = zip.GetEntry("model.weights.h5")!.Open()) es.CopyTo(h5Bytes);
            h5Bytes.Position = 0;
            using var h5 = H5File.Open(h5Bytes, false);
            Assert.Equal(new ulong[] { 2, 4 }, h5.Dataset("layers/dense/vars/0").Space.Dimensions);
            Assert.Equal(new ulong[] { 4, 1 }, h5.Dataset("layers/dense_1/vars/0").Space.Dimensions);
            Assert.Equal(4L, h5.Dataset("optimizer/vars/0").Read<long>()); // iterations: 2 epochs x 2 batches
        }

        var loaded = Keras.Models.LoadModel(last);
        Assert.Equal("functional_ckpt", loaded.Name);
        var (x, _) = SampleData(8);
        var xt = tensor(x);
        TensorAssert.Close(model.Predict(xt, verbose: 0), loaded.Predict(xt, verbose: 0), 0);
        Assert.Equal(4, loaded.Optimizer!.Iterations);
        for (int i = 0; i < model.Optimizer!.StateTensors.Count; i++)
            TensorAssert.Close(model.Optimizer.StateTensors[i], loaded.Optimizer.StateTensors[i], 0);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void WeightsOnlyCheckpointIsAKerasWeightsFileThatLoadsWithLoadWeights()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "f.weights.h5");
        var model = FunctionalModel();
        Fit(model, 2, new ModelCheckpoint(path, saveWeightsOnly: true));
        using (var h5 = H5File.OpenRead(path))
        {
            Assert.Equal(["layers", "optimizer", "vars"], h5.Children().Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.Equal(new ulong[] { 2, 4 }, h5.Dataset("layers/dense/vars/0").Space.Dimensions);
            Assert.Equal(new ulong[] { 4 }, h5.Dataset("layers/dense/vars/1").Space.Dimensions);
            Assert.Equal(4L, h5.Dataset("optimizer/vars/0").Read<long>());
        }
        var fresh = FunctionalModel();
        fresh.LoadWeights(path);
        var (x, _) = SampleData(8);
        var xt = tensor(x);
        TensorAssert.Close(model.Predict(xt, verbose: 0), fresh.Predict(xt, verbose: 0), 0);
        Assert.Equal(4, fresh.Optimizer!.Iterations);   // the optimizer's state comes with the weights, as in Keras
        Directory.Delete(dir, true);
    }

    private sealed class SubclassedNet : Model
    {
        private readonly Dense output = new(1);
        public SubclassedNet() : base("subclassed_net") { }
        public override IReadOnlyList<Layer> Layers => [output];
        public override Tensor Call(Tensor x, bool training = false) => output.Apply(x, training);
    }

    [Fact]
    public void SubclassedModelFullSaveFailsAtTheFirstSaveWeightsOnlyWorks()
    {
        var dir = TempDir();
        var model = new SubclassedNet();
        model.Compile(new SGD(learningRate: 0.1), "mse");
        var cp = new ModelCheckpoint(Path.Combine(dir, "s.keras")); // accepted: the model is not known yet
        var epochs = new List<int>();
        var ex = Assert.Throws<InvalidOperationException>(() => Fit(model, 2, cp, new LambdaCallback(onEpochEnd: (e, _) => epochs.Add(e))));
        Assert.Contains("ModelCheckpoint cannot save model \"subclassed_net\"", ex.Message);
        Assert.Contains("subclassed model", ex.Message);
        Assert.Contains("saveWeightsOnly: true", ex.Message);
        Assert.Empty(epochs);
        Assert.Empty(Directory.GetFiles(dir));

        var weights = Path.Combine(dir, "s.weights.h5");
        Fit(model, 1, new ModelCheckpoint(weights, saveWeightsOnly: true));
        var other = new SubclassedNet();
        other.Compile(new SGD(learningRate: 0.1), "mse");
        other.Predict(tensor(SampleData(8).X), verbose: 0); // builds it
        other.LoadWeights(weights);
        var xt = tensor(SampleData(8).X);
        TensorAssert.Close(model.Predict(xt, verbose: 0), other.Predict(xt, verbose: 0), 0);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ExistingDirectoryAsFilepathIsKerasError()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "taken.keras");
        Directory.CreateDirectory(path);
        var ex = Assert.Throws<IOException>(() => Fit(TinyModel(), 1, new ModelCheckpoint(path)));
        Assert.Equal($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}", ex.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void VerbosePrintsKerasMessages()
    {
        var dir = TempDir();
        var output = new StringWriter();
        var path = Path.Combine(dir, "m.keras");
        Fit(TinyModel(), 2, Script("val_loss", 0.5, 0.6), new ModelCheckpoint(path, saveBestOnly: true, verbose: 1, output: output));
        var text = output.ToString().Replace("\r", "");
        Assert.Contains($"Epoch 1: val_loss improved from None to 0.50000, saving model to {path}", text);
        Assert.Contains("Epoch 2: val_loss did not improve from 0.50000", text);
        Directory.Delete(dir, true);
    }
}
