using KerasSharp.Callbacks;
using KerasSharp.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Keras' <c>predict</c> loop over any <see cref="BatchSource"/>: prediction steps in inference mode with their
/// callbacks (whose <c>on_predict_batch_end</c> logs carry the batch's <see cref="Logs.Outputs"/>, as Keras' do), the
/// outputs of every batch concatenated into one float32 CPU tensor per model output. Arrays in memory run several batches
/// per forward pass where that gives the same bits (<see cref="InferenceMerging"/>) with the call's weight copies
/// (<see cref="FrozenWeights"/>).
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
        using var frozen = data is null ? null : new FrozenWeights(Math.Min((long)limit!.Value * batchSize, data.Count));
        long fullBatches = data is null ? 0 : Math.Min(limit!.Value, data.Count / batchSize);
        int merged = data is null ? 1 : InferenceMerging.BatchesPerPass(model, batchSize, fullBatches, cbs);
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
                    int batches = merged > 1 && step + merged <= fullBatches ? merged : 1;
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
