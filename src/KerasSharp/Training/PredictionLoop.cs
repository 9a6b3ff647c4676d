using KerasSharp.Callbacks;
using KerasSharp.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Keras' <c>predict</c> loop over any <see cref="BatchSource"/>: prediction steps in inference mode with their
/// callbacks (whose <c>on_predict_batch_end</c> logs carry the batch's <see cref="Logs.Outputs"/>, as Keras' do), the
/// outputs of every batch concatenated into one float32 CPU tensor per model output. Arrays in memory run as their
/// <see cref="InferencePlan"/> says (several batches per forward pass where that gives the same bits, with the call's
/// weight copies).
/// </summary>
internal sealed class PredictionLoop(Model model, StepRunner steps)
{
    /// <summary>Predicts <paramref name="source"/> (at most <paramref name="maxSteps"/> batches).</summary>
    public Tensor[] Run(BatchSource source, int? maxSteps, CallbackList cbs)
    {
        var data = steps.CustomPredict ? null : source.Arrays;
        int batchSize = source.BatchSize;
        int? limit = source.Steps is int known ? Math.Min(known, maxSteps ?? int.MaxValue) : maxSteps;
        // The batch views are made while the loop fetches the next batch, outside its per-batch scope: own them here.
        using var batchViews = NewDisposeScope();
        using var plan = InferencePlan.ForPredict(model, data, batchSize, limit, cbs);
        var frozen = plan.Frozen;
        var outputs = new List<Tensor[]>();
        try
        {
            cbs.PredictBegin(new Logs());
            int step = 0;
            source.BeginEpoch(shuffle: false);
            using (no_grad())
            {
                while ((limit is null || step < limit) && source.MoveNext(step))
                {
                    int batches = plan.BatchesAt(step);
                    var inputs = data is not null ? data.Inputs(step, batchSize, batches) : null;
                    using var scope = NewDisposeScope();
                    inputs ??= source.Current(step).X;
                    for (int b = 0; cbs.Any && b < batches; b++)
                        CallbackThenRefresh(cbs, () => cbs.PredictBatchBegin(step + b, new Logs()), frozen);
                    IReadOnlyList<Tensor> Forward() => steps.Predict(inputs);
                    var ys = frozen is null ? Forward() : frozen.During(Forward, batches > 1 ? batchSize : null);
                    var kept = new Tensor[ys.Count];
                    for (int i = 0; i < kept.Length; i++) kept[i] = KeepOutput(ys, i, scope);
                    outputs.Add(kept);
                    for (int b = 0; cbs.Any && b < batches; b++)
                        CallbackThenRefresh(cbs, () => cbs.PredictBatchEnd(step + b, BatchEndLogs(kept, b, batches, batchSize)), frozen);
                    step += batches;
                }
            }
            source.EndEpoch();
            if (outputs.Count == 0) throw new ArgumentException("Predict received no samples.", source.Argument);
            var result = Enumerable.Range(0, outputs[0].Length)
                .Select(i => outputs.Count == 1 ? outputs[0][i].alias() : cat(outputs.Select(o => o[i]).ToArray(), 0))
                .ToArray();
            cbs.PredictEnd(new Logs());
            foreach (var r in result) r.MoveToOuterDisposeScope();
            return result;
        }
        finally
        {
            foreach (var o in outputs.SelectMany(o => o)) o.Dispose();
        }
    }

    /// <summary>
    /// True when <paramref name="xs"/> (the converted inputs of a Predict call, with no callbacks and no progress bar)
    /// is one batch that <see cref="Run"/> would pass through the model as it is: the same number of rows in every input,
    /// at least one and at most <paramref name="batchSize"/>, fewer than <see cref="FrozenWeights.MinRowsForFewUnitKernel"/>
    /// (so that no weight copy would be made), every input already float32 (or not floating) and on
    /// <paramref name="device"/>. Rows that differ between inputs return false, for <see cref="InMemoryData"/> to report.
    /// </summary>
    public static bool IsOneSmallBatch(IReadOnlyList<Tensor> xs, int batchSize, Device device)
    {
        if (xs.Count == 0) return false;
        long rows = -1;
        foreach (var x in xs)
        {
            if (x.dim() == 0) return false;
            long n = x.shape[0];
            if (rows >= 0 && n != rows) return false;
            rows = n;
            if (x.is_floating_point() && x.dtype != ScalarType.Float32) return false;
            if (x.device_type != device.type || x.device_index != device.index) return false;
        }
        return rows > 0 && rows <= batchSize && rows < FrozenWeights.MinRowsForFewUnitKernel;
    }

    /// <summary>
    /// Predict of one small batch without callbacks (<see cref="IsOneSmallBatch"/>): what <see cref="Run"/> computes for
    /// it (one forward pass in inference mode on the inputs themselves, no weight copies, the outputs kept as
    /// <see cref="Run"/> keeps them), without the loop's per-call set-up (callback list, batch source, copy cache,
    /// batching plan), which cost about half as much as the forward pass of a small MLP on one row.
    /// </summary>
    public Tensor[] RunOneSmallBatch(Tensor[] xs)
    {
        Tensor[] kept;
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            var ys = steps.Predict(xs);
            kept = new Tensor[ys.Count];
            for (int i = 0; i < kept.Length; i++) kept[i] = KeepOutput(ys, i, scope);
        }
        // As Run: the caller's dispose scope (if any) gets an alias of each output; the kept handles are released.
        var result = new Tensor[kept.Length];
        for (int i = 0; i < kept.Length; i++) result[i] = kept[i].alias();
        foreach (var k in kept) k.Dispose();
        return result;
    }

    // Keras' on_predict_batch_end logs: {"outputs": batch_outputs}; a merged pass gives each batch its own rows.
    private static Logs BatchEndLogs(Tensor[] kept, int b, int batches, int batchSize) => new()
    {
        Outputs = batches == 1 ? kept : kept.Select(t => t.narrow(0, (long)b * batchSize, batchSize)).ToArray(),
    };

    // The i-th output as a CPU tensor, floating types as float32, in a handle of its own that no scope owns (Run
    // disposes it). A tensor the batch's own scope made, and not already kept for an earlier output, is handed over as it
    // is; any other (an input passed through, a Lambda's captured constant) is aliased, since the model does not own it.
    private static Tensor KeepOutput(IReadOnlyList<Tensor> ys, int i, DisposeScope batchScope)
    {
        var y = ys[i];
        if (y.device_type != DeviceType.CPU || (y.dtype != ScalarType.Float32 && y.is_floating_point()))
            return y.to(CPU).to_type(y.is_floating_point() ? ScalarType.Float32 : y.dtype).DetachFromDisposeScope();
        bool fresh = ScopeOwnership.IsOwnedBy(y, batchScope);
        for (int j = 0; fresh && j < i; j++) fresh = !ReferenceEquals(ys[j], y);
        return (fresh ? y : y.alias()).DetachFromDisposeScope();
    }

    /// <summary>Runs a callback hook; a callback that runs code between batches may change weights, so copies derived
    /// from them are dropped after it.</summary>
    public static void CallbackThenRefresh(CallbackList cbs, Action hook, FrozenWeights? frozen)
    {
        hook();
        if (cbs.ActsBetweenInferenceBatches) frozen?.Invalidate();
    }
}
