using KerasSharp.Activations;
using KerasSharp.Callbacks;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Keras' evaluation loop runs the model, then updates the loss tracker and every metric, batch after batch. When no
/// callback looks at single batches, this class lets the loop run only the model per batch (or per few batches, see
/// <see cref="InferenceMerging"/>) and do the loss and metric updates of up to <see cref="MaxBatches"/> consecutive
/// full batches together: one pass of each loss and metric over
/// the stacked outputs instead of one per batch, a few native calls instead of a few per batch. The results are
/// bitwise those of the batch-by-batch loop: the losses and metrics used this way are built-in ones whose per-sample
/// values depend on their own sample only (<see cref="IRowWiseLoss"/>, <see cref="IStepMetric.UpdateStateBatches"/>),
/// each batch's sum or mean reduces the same elements in the same order, and the running totals take the per-batch
/// values in batch order. Anything else (custom losses or metrics, sample weights, regularization losses, a partial
/// last batch) goes the batch-by-batch way. CPU only: on an accelerator the per-batch calls are queued asynchronously.
/// </summary>
internal sealed class EvaluationBatcher : IDisposable
{
    /// <summary>The most batches held before their updates are done.</summary>
    internal const int MaxBatches = 64;

    /// <summary>The most output elements held before their updates are done (16 MB of float32).</summary>
    private const long MaxPendingElements = 1L << 22;

    private readonly CompiledLoss loss;
    private readonly Model model;
    private readonly IReadOnlyList<Tensor> targets;
    private readonly int batchSize;
    private readonly long count;
    private readonly List<Tensor[]> pending = []; // the outputs of each forward pass held, of one or more batches
    private int pendingBatches;
    private readonly List<Tensor> owned = [];
    private int firstStep;
    private long pendingElements;

    private EvaluationBatcher(CompiledLoss loss, Model model, IReadOnlyList<Tensor> targets, int batchSize, long count)
    {
        this.loss = loss;
        this.model = model;
        this.targets = targets;
        this.batchSize = batchSize;
        this.count = count;
    }

    /// <summary><see cref="TryCreate(CompiledLoss, Model, InMemoryData, int, CallbackList)"/> with a trainer's compiled loss.</summary>
    public static EvaluationBatcher? TryCreate(Trainer trainer, Model model, InMemoryData data, int batchSize, CallbackList callbacks) =>
        TryCreate(trainer.Steps.Loss, model, data, batchSize, callbacks);

    /// <summary>A batcher for evaluating <paramref name="data"/>, or null when the batch-by-batch loop is needed.</summary>
    public static EvaluationBatcher? TryCreate(CompiledLoss loss, Model model, InMemoryData data, int batchSize, CallbackList callbacks)
    {
        if (!FastPaths.Enabled || data.Ys is not { } ys || data.SampleWeight is not null || callbacks.ObservesTestBatches)
            return null;
        if (model.Device.type != DeviceType.CPU || !loss.HasLoss || !model.OutputLosses.All(l => l is IRowWiseLoss { RowWise: true })) return null;
        using (NewDisposeScope())
            if (model.Losses.Count > 0) return null; // regularization terms are added to each batch's loss
        return new EvaluationBatcher(loss, model, ys, batchSize, data.Count);
    }

    /// <summary>True when batch <paramref name="step"/> is full, so its updates can wait for <see cref="Add"/>.</summary>
    public bool Takes(int step) => (long)(step + 1) * batchSize <= count;

    /// <summary>Holds the outputs of <paramref name="batches"/> full batches from batch <paramref name="step"/> (which
    /// must follow the batches held), computed in one forward pass in <paramref name="batchScope"/>, for the update.</summary>
    public void Add(int step, int batches, IReadOnlyList<Tensor> yPred, DisposeScope batchScope)
    {
        if (pending.Count > 0 && step != firstStep + pendingBatches) Flush();
        if (pending.Count == 0) firstStep = step;
        var kept = new Tensor[yPred.Count];
        for (int i = 0; i < kept.Length; i++)
        {
            kept[i] = ActivationLogits.DetachKept(yPred[i], owned, batchScope);
            pendingElements += kept[i].numel();
        }
        pending.Add(kept);
        pendingBatches += batches;
        if (pendingBatches >= MaxBatches || pendingElements >= MaxPendingElements) Flush();
    }

    /// <summary>Does the loss and metric updates of the batches held, in batch order, and releases them.</summary>
    public void Flush()
    {
        if (pending.Count == 0) return;
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            int k = pendingBatches;
            long start = (long)firstStep * batchSize;
            var yTrue = targets.Select(t => t.narrow(0, start, k * (long)batchSize)).ToArray();
            var yPred = Enumerable.Range(0, pending[0].Length)
                .Select(i => ActivationLogits.Concat(pending.Select(p => p[i]).ToArray()))
                .ToArray();
            UpdateLosses(yTrue, yPred, k);
            UpdateMetrics(yTrue, yPred, k);
        }
        finally
        {
            Release();
        }
    }

    private void UpdateLosses(Tensor[] yTrue, Tensor[] yPred, int k)
    {
        var losses = model.OutputLosses;
        var perOutput = new Tensor[losses.Count];
        for (int i = 0; i < perOutput.Length; i++)
        {
            if (PerBatchLoss.Compute(losses[i]!, yTrue[i], yPred[i], k) is not Tensor l)
            {
                for (int b = 0; b < k; b++)
                {
                    var total = loss.Compute(BatchTargets(b), BatchOutputs(yPred, b), null, out var outputLosses);
                    loss.Track(total, outputLosses, batchSize);
                }
                return;
            }
            perOutput[i] = l;
        }
        loss.TrackInOrder(loss.WeightedSum(perOutput), perOutput, batchSize);
    }

    private void UpdateMetrics(Tensor[] yTrue, Tensor[] yPred, int k)
    {
        var outputs = model.MetricOutputs;
        foreach (var m in model.CompiledMetrics.Concat(model.WeightedMetrics))
        {
            int i = outputs.TryGetValue(m, out var o) ? o : 0;
            if (IStepMetric.UpdateBatches(m, yTrue[i], yPred[i], k)) continue;
            for (int b = 0; b < k; b++) IStepMetric.UpdateInStep(m, BatchTargets(b)[i], BatchRows(yPred[i], b), null);
        }
    }

    // Batch b's rows of the stacked outputs, each linked to its logits.
    private Tensor[] BatchOutputs(Tensor[] yPred, int b) => yPred.Select(y => BatchRows(y, b)).ToArray();

    private Tensor BatchRows(Tensor stacked, int b) => ActivationLogits.Narrow(stacked, (long)b * batchSize, batchSize);

    private Tensor[] BatchTargets(int b) =>
        targets.Select(t => t.narrow(0, (long)(firstStep + b) * batchSize, batchSize)).ToArray();

    private void Release()
    {
        foreach (var t in owned) t.Dispose();
        owned.Clear();
        pending.Clear();
        pendingBatches = 0;
        pendingElements = 0;
    }

    /// <summary>Releases the outputs held (after an error; <see cref="Flush"/> releases them otherwise).</summary>
    public void Dispose() => Release();
}
