using KerasSharp.Callbacks;
using static TorchSharp.torch;

namespace KerasSharp;

public partial class Model
{
    /// <summary>
    /// Trains the model (Keras' <c>fit</c>). <paramref name="x"/> and <paramref name="y"/> are TorchSharp tensors or
    /// .NET arrays (<c>float[,]</c>, <c>float[][]</c>, <c>double[,]</c>, <c>float[]</c>, <c>int[]</c>, <c>byte[,,]</c>, ...).
    /// Every argument is checked, and one inference pass on the first batch checks shapes and labels, before any
    /// training step: a bad call throws and leaves the weights as they were.
    /// </summary>
    /// <param name="x">Inputs, samples on the first axis.</param>
    /// <param name="y">Targets, samples on the first axis.</param>
    /// <param name="batchSize">Samples per step (Keras default 32).</param>
    /// <param name="epochs">Index of the last epoch (training runs epochs <paramref name="initialEpoch"/>..epochs-1).</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Callbacks (History and the progress bar are added automatically).</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the data, taken from the end before shuffling, used for validation.</param>
    /// <param name="validationData">(x, y) to evaluate at the end of each epoch; takes precedence over validationSplit.</param>
    /// <param name="shuffle">Shuffle the training samples before each epoch.</param>
    /// <param name="classWeight">Class index -> weight applied to each sample's loss.</param>
    /// <param name="sampleWeight">One weight per training sample.</param>
    /// <param name="initialEpoch">Epoch to start at (to resume training).</param>
    /// <param name="stepsPerEpoch">Batches per epoch (default: all the data).</param>
    /// <param name="validationBatchSize">Batch size for validation (default: batchSize).</param>
    /// <param name="validationFreq">Validate every this many epochs.</param>
    /// <returns>The <see cref="History"/> of per-epoch logs.</returns>
    public History Fit(object x, object y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0.0, (object X, object Y)? validationData = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? classWeight = null, object? sampleWeight = null,
        int initialEpoch = 0, int? stepsPerEpoch = null, int? validationBatchSize = null, int validationFreq = 1)
    {
        EnsureCompiled("Fit()");
        return Trainer.Fit(x, y, batchSize, epochs, verbose, callbacks, validationSplit, validationData, shuffle,
            classWeight, sampleWeight, initialEpoch, stepsPerEpoch, validationBatchSize, validationFreq);
    }

    /// <summary>
    /// Trains on a stream of batches (Keras' fit on a dataset / PyDataset) for data that does not fit in memory.
    /// The sequence is enumerated once per epoch (or for <paramref name="stepsPerEpoch"/> batches).
    /// </summary>
    public History Fit(IEnumerable<(Tensor X, Tensor Y)> data, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, IEnumerable<(Tensor X, Tensor Y)>? validationData = null,
        IReadOnlyDictionary<int, double>? classWeight = null, int initialEpoch = 0, int? stepsPerEpoch = null,
        int validationFreq = 1)
    {
        EnsureCompiled("Fit()");
        return Trainer.FitStream(data, epochs, verbose, callbacks, validationData, classWeight, initialEpoch, stepsPerEpoch, validationFreq);
    }

    /// <summary>
    /// Computes the loss and metrics on (x, y) in inference mode (Keras' <c>evaluate(..., return_dict=True)</c>):
    /// <c>scores["loss"]</c>, <c>scores["accuracy"]</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(object x, object y, int batchSize = 32, int verbose = 1,
        object? sampleWeight = null, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        EnsureCompiled("Evaluate()");
        return Trainer.Evaluate(x, y, batchSize, verbose, sampleWeight, steps, callbacks);
    }

    /// <summary>Evaluates on a stream of batches.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IEnumerable<(Tensor X, Tensor Y)> data, int verbose = 1,
        int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        EnsureCompiled("Evaluate()");
        return Trainer.EvaluateStream(data, verbose, steps, callbacks);
    }

    /// <summary>Runs the model on <paramref name="x"/> in inference mode, in batches; returns float32 outputs on the CPU.</summary>
    public Tensor Predict(object x, int batchSize = 32, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        Trainer.Predict(x, batchSize, verbose, steps, callbacks);

    /// <summary>Runs the model on a stream of input batches; returns the concatenated outputs on the CPU.</summary>
    public Tensor Predict(IEnumerable<Tensor> batches, int verbose = 1, IEnumerable<Callback>? callbacks = null) =>
        Trainer.PredictStream(batches, verbose, callbacks);

    /// <summary>One training step on one batch (Keras' <c>train_on_batch</c>); metrics are reset first. Returns the logs.</summary>
    public IReadOnlyDictionary<string, double> TrainOnBatch(object x, object y, object? sampleWeight = null,
        IReadOnlyDictionary<int, double>? classWeight = null)
    {
        EnsureCompiled("TrainOnBatch()");
        return Trainer.TrainOnBatch(x, y, sampleWeight, classWeight);
    }

    /// <summary>Loss and metrics on one batch in inference mode (Keras' <c>test_on_batch</c>).</summary>
    public IReadOnlyDictionary<string, double> TestOnBatch(object x, object y, object? sampleWeight = null)
    {
        EnsureCompiled("TestOnBatch()");
        return Trainer.TestOnBatch(x, y, sampleWeight);
    }

    /// <summary>Outputs for one batch in inference mode (Keras' <c>predict_on_batch</c>), float32 on the CPU.</summary>
    public Tensor PredictOnBatch(object x) => Trainer.PredictOnBatch(x);

    /// <summary>Resets the running loss and metrics (Keras' <c>reset_metrics</c>).</summary>
    public void ResetMetrics() => Trainer.ResetMetrics();
}
