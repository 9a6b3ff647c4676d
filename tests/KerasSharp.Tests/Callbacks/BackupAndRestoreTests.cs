using KerasSharp.Callbacks;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class BackupAndRestoreTests
{
    private static Sequential AdamModel(int seed)
    {
        var m = TinyModel(seed: seed);
        m.Compile(new Adam(learningRate: 0.01), "mse");
        return m;
    }

    [Fact]
    public void ResumesAtTheNextEpochAfterACrashWithWeightsAndOptimizerState()
    {
        var dir = Path.Combine(TempDir(), "backup");
        var (x, y) = SampleData(8);
        var model = AdamModel(seed: 0);
        List<TorchSharp.torch.Tensor>? afterEpoch2 = null;
        List<TorchSharp.torch.Tensor>? slotsAfterEpoch2 = null;
        var crash = new LambdaCallback(
            onEpochEnd: (e, _) =>
            {
                if (e != 2) return;
                afterEpoch2 = Snapshot(model);
                slotsAfterEpoch2 = model.Optimizer!.StateTensors.Select(t => t.clone().DetachFromDisposeScope()).ToList();
            },
            onEpochBegin: (e, _) => { if (e == 3) throw new InvalidOperationException("simulated crash at epoch 3"); });
        var ex = Assert.Throws<InvalidOperationException>(() =>
            model.Fit(x, y, batchSize: 4, epochs: 6, verbose: 0, callbacks: [new BackupAndRestore(dir), crash]));
        Assert.Equal("simulated crash at epoch 3", ex.Message);
        Assert.True(File.Exists(Path.Combine(dir, "training_metadata.json")), "the backup survives a failed Fit");
        Assert.Equal("{\"epoch\": 3, \"batch\": 0}", File.ReadAllText(Path.Combine(dir, "training_metadata.json")));

        // A new process: a fresh model with other initial weights and a fresh optimizer.
        var again = AdamModel(seed: 42);
        var rec = new RecordingCallback();
        var check = new LambdaCallback(onTrainBatchBegin: (b, _) =>
        {
            if (rec.Events.Count(e => e.StartsWith("epoch_begin", StringComparison.Ordinal)) != 1 || b != 0) return;
            for (int i = 0; i < again.Weights.Count; i++) TensorAssert.Close(afterEpoch2![i], again.Weights[i], 0);
            for (int i = 0; i < slotsAfterEpoch2!.Count; i++) TensorAssert.Close(slotsAfterEpoch2[i], again.Optimizer!.StateTensors[i], 0);
            Assert.Equal(6, again.Optimizer!.Iterations); // 3 epochs x 2 batches
        });
        var h = again.Fit(x, y, batchSize: 4, epochs: 6, verbose: 0, callbacks: [new BackupAndRestore(dir), rec, check]);
        Assert.Equal([3, 4, 5], h.Epochs);
        Assert.Equal("epoch_begin 3", rec.Events[1]);
        Assert.Equal(12, again.Optimizer!.Iterations);
        Assert.False(Directory.Exists(dir), "deleted after a successful Fit");
    }

    [Fact]
    public void ResumedRunMatchesAnUninterruptedOne()
    {
        var (x, y) = SampleData(8);
        var straight = AdamModel(seed: 1);
        straight.Fit(x, y, batchSize: 4, epochs: 4, shuffle: false, verbose: 0);

        var dir = Path.Combine(TempDir(), "b");
        var first = AdamModel(seed: 1);
        var crash = new LambdaCallback(onEpochBegin: (e, _) => { if (e == 2) throw new IOException("power cut"); });
        Assert.Throws<IOException>(() => first.Fit(x, y, batchSize: 4, epochs: 4, shuffle: false, verbose: 0, callbacks: [new BackupAndRestore(dir), crash]));
        var resumed = AdamModel(seed: 7);
        resumed.Fit(x, y, batchSize: 4, epochs: 4, shuffle: false, verbose: 0, callbacks: [new BackupAndRestore(dir)]);
        for (int i = 0; i < straight.Weights.Count; i++) TensorAssert.Close(straight.Weights[i], resumed.Weights[i], 1e-6);
    }

    [Fact]
    public void DeleteCheckpointFalseKeepsTheBackupAndBatchFrequencyRecordsTheBatch()
    {
        var dir = Path.Combine(TempDir(), "keep");
        var (x, y) = SampleData(8);
        AdamModel(0).Fit(x, y, batchSize: 2, epochs: 1, verbose: 0, callbacks: [new BackupAndRestore(dir, saveFreq: 3, deleteCheckpoint: false)]);
        // 4 batches: one save after batch index 2 (the third batch), in epoch 0.
        Assert.Equal("{\"epoch\": 0, \"batch\": 2}", File.ReadAllText(Path.Combine(dir, "training_metadata.json")));
        Assert.True(File.Exists(Path.Combine(dir, "latest.weights.h5")));
    }

    [Fact]
    public void BackupFolderHoldsKerasFiles()
    {
        var dir = Path.Combine(TempDir(), "files");
        var (x, y) = SampleData(8);
        var model = AdamModel(0);
        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [new BackupAndRestore(dir, deleteCheckpoint: false)]);
        // Keras' names: the latest backup and the one before it.
        Assert.Equal(["_latest.weights.h5", "_training_metadata.json", "latest.weights.h5", "training_metadata.json"],
            Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.Equal("{\"epoch\": 1, \"batch\": 0}", File.ReadAllText(Path.Combine(dir, "_training_metadata.json")));
        // latest.weights.h5 is Keras' weights file (model.save_weights), optimizer state included.
        using (var h5 = H5File.OpenRead(Path.Combine(dir, "latest.weights.h5")))
        {
            Assert.Equal(new ulong[] { 2, 1 }, h5.Dataset("layers/dense/vars/0").Space.Dimensions);
            Assert.Equal(new ulong[] { 1 }, h5.Dataset("layers/dense/vars/1").Space.Dimensions);
            Assert.Equal(4L, h5.Dataset("optimizer/vars/0").Read<long>()); // 2 epochs x 2 batches
            Assert.Equal(0.01f, h5.Dataset("optimizer/vars/1").Read<float>());
        }
        var fresh = AdamModel(9);
        fresh.LoadWeights(Path.Combine(dir, "latest.weights.h5"));
        for (int i = 0; i < model.Weights.Count; i++) TensorAssert.Close(model.Weights[i], fresh.Weights[i], 0);
        Assert.Equal(4, fresh.Optimizer!.Iterations);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void CorruptLatestBackupFallsBackToThePreviousOne()
    {
        var dir = Path.Combine(TempDir(), "c");
        var (x, y) = SampleData(8);
        var crash = new LambdaCallback(onEpochBegin: (e, _) => { if (e == 2) throw new IOException("crash"); });
        Assert.Throws<IOException>(() => AdamModel(0).Fit(x, y, batchSize: 4, epochs: 4, verbose: 0, callbacks: [new BackupAndRestore(dir), crash]));
        File.WriteAllText(Path.Combine(dir, "latest.weights.h5"), "garbage");
        var h = AdamModel(3).Fit(x, y, batchSize: 4, epochs: 4, verbose: 0, callbacks: [new BackupAndRestore(dir)]);
        Assert.Equal([1, 2, 3], h.Epochs); // the previous backup was written after epoch 0
    }

    [Fact]
    public void StreamFitResumesFromTheBackup()
    {
        var dir = Path.Combine(TempDir(), "s");
        var (x, y) = SampleData(8);
        var batches = new[] { (TorchSharp.torch.tensor(x), TorchSharp.torch.tensor(y).reshape(8, 1)) };
        var first = AdamModel(0);
        List<TorchSharp.torch.Tensor>? saved = null;
        var crash = new LambdaCallback(
            onEpochEnd: (e, _) => { if (e == 0) saved = Snapshot(first); },
            onEpochBegin: (e, _) => { if (e == 1) throw new IOException("crash"); });
        Assert.Throws<IOException>(() => first.Fit(batches, epochs: 3, verbose: 0, callbacks: [new BackupAndRestore(dir), crash]));
        var again = AdamModel(5);
        var seen = new List<TorchSharp.torch.Tensor>();
        var probe = new LambdaCallback(onTrainBatchBegin: (_, _) => { if (seen.Count == 0) seen.AddRange(Snapshot(again)); });
        var h = again.Fit(batches, epochs: 3, verbose: 0, callbacks: [new BackupAndRestore(dir), probe]);
        Assert.Equal([1, 2], h.Epochs);
        for (int i = 0; i < seen.Count; i++) TensorAssert.Close(saved![i], seen[i], 0);
    }

    [Fact]
    public void EmptyBackupDirIsAnError() =>
        Assert.Throws<ArgumentException>(() => new BackupAndRestore(""));
}
