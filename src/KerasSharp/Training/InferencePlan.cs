using KerasSharp.Callbacks;
using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// How one Evaluate or Predict call (or Fit's validation pass) runs its batches, decided once before the first batch:
/// straight through the model without the loop (<see cref="PredictsDirectly"/>), how many consecutive full batches
/// share one forward pass (<see cref="InferenceMerging"/>), whether the loss and metric updates of those batches are
/// done together on the whole array (<see cref="EvaluationBatcher"/>), and the weight copies kept for the call
/// (<see cref="FrozenWeights"/>). Every choice gives bitwise the results of the plain batch-by-batch loop
/// (<c>PerformanceGuardTests</c>, <c>InferenceMergingTests</c>, <c>EvaluationBatcherTests</c>,
/// <c>PredictionLoopTests</c>). The planners it asks (<see cref="InferenceMerging.BatchesPerPass"/>,
/// <see cref="EvaluationBatcher.TryCreate(CompiledLoss, Model, InMemoryData, int, CallbackList)"/>,
/// <see cref="PredictsDirectly"/>) are the only readers of the <see cref="FastPaths"/> switch, which turns the planned
/// forms off to compare timings or rule them out.
/// </summary>
internal sealed class InferencePlan : IDisposable
{
    private InferencePlan(FrozenWeights? frozen, EvaluationBatcher? batcher, long fullBatches, int batchesPerPass)
    {
        Frozen = frozen;
        Batcher = batcher;
        FullBatches = fullBatches;
        BatchesPerPass = batchesPerPass;
    }

    /// <summary>The call's weight copies, or null when the source is not arrays in memory (a stream, a custom step).</summary>
    public FrozenWeights? Frozen { get; }

    /// <summary>The whole-array loss and metric updates of an evaluation, or null for the step-by-step updates.</summary>
    public EvaluationBatcher? Batcher { get; }

    /// <summary>How many full batches the call runs (0 when the source is not arrays in memory).</summary>
    public long FullBatches { get; }

    /// <summary>How many consecutive full batches one forward pass may run; 1 means batch by batch.</summary>
    public int BatchesPerPass { get; }

    /// <summary>How many batches the pass starting at <paramref name="step"/> runs.</summary>
    public int BatchesAt(int step) => BatchesPerPass > 1 && step + BatchesPerPass <= FullBatches ? BatchesPerPass : 1;

    /// <summary>The plan of a Predict call over <paramref name="data"/> (null: not arrays in memory, batch by batch).</summary>
    public static InferencePlan ForPredict(Model model, InMemoryData? data, int batchSize, int? limit, CallbackList cbs) =>
        For(model, data, batchSize, limit, cbs, batcher: null, merge: true);

    /// <summary>The plan of an evaluation over <paramref name="data"/> (null: not arrays in memory, batch by batch);
    /// several batches share a forward pass only when their updates can be done together.</summary>
    public static InferencePlan ForEvaluation(Model model, CompiledLoss loss, InMemoryData? data, int batchSize, int? limit,
        CallbackList cbs)
    {
        var batcher = data is null ? null : EvaluationBatcher.TryCreate(loss, model, data, batchSize, cbs);
        return For(model, data, batchSize, limit, cbs, batcher, merge: batcher is not null);
    }

    private static InferencePlan For(Model model, InMemoryData? data, int batchSize, int? limit, CallbackList cbs,
        EvaluationBatcher? batcher, bool merge)
    {
        if (data is null) return new InferencePlan(null, null, 0, 1);
        var frozen = new FrozenWeights(Math.Min((long)limit!.Value * batchSize, data.Count));
        long fullBatches = Math.Min(limit.Value, data.Count / batchSize);
        int perPass = merge ? InferenceMerging.BatchesPerPass(model, batchSize, fullBatches, cbs) : 1;
        return new InferencePlan(frozen, batcher, fullBatches, perPass);
    }

    /// <summary>
    /// True when a Predict call can run <paramref name="xs"/> as one forward pass without the loop
    /// (<see cref="PredictionLoop.RunOneSmallBatch"/>): no custom predict step, no callbacks, no progress bar, and one small
    /// batch already in the model's form (<see cref="PredictionLoop.IsOneSmallBatch"/>).
    /// </summary>
    public static bool PredictsDirectly(Model model, StepRunner steps, IReadOnlyList<Tensor> xs, int batchSize, int verbose,
        IEnumerable<Callback>? callbacks) =>
        FastPaths.Enabled && verbose == 0 && callbacks is null or ICollection<Callback> { Count: 0 } && !steps.CustomPredict
        && PredictionLoop.IsOneSmallBatch(xs, batchSize, model.Device);

    /// <summary>Releases the weight copies and the held outputs.</summary>
    public void Dispose()
    {
        Frozen?.Dispose();
        Batcher?.Dispose();
    }
}
