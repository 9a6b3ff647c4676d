using KerasSharp.Callbacks;
using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Keras' <c>evaluate</c> loop (also Fit's validation pass) over any <see cref="BatchSource"/>: test steps in inference
/// mode with their callbacks, then the logs. Arrays in memory evaluated with the default step run as their
/// <see cref="InferencePlan"/> says (updates of many batches done together, several batches per forward pass, weight
/// copies kept for the call), with bitwise the results of the batch-by-batch loop.
/// </summary>
internal sealed class EvaluationLoop(Model model, StepRunner steps)
{
    /// <summary>Evaluates <paramref name="source"/> (at most <paramref name="maxSteps"/> batches) and returns the logs.</summary>
    public Logs Run(BatchSource source, int? maxSteps, CallbackList cbs)
    {
        steps.ResetMetrics();
        var data = steps.CustomTest || steps.Metrics.Overridden ? null : source.Arrays;
        int batchSize = source.BatchSize;
        int? limit = source.Steps is int known ? Math.Min(known, maxSteps ?? int.MaxValue) : maxSteps;
        cbs.TestBegin(new Logs());
        using var plan = InferencePlan.ForEvaluation(model, steps.Loss, data, batchSize, limit, cbs);
        var (batcher, frozen) = (plan.Batcher, plan.Frozen);
        int step = 0;
        source.BeginEpoch(shuffle: false);
        using (no_grad())
        {
            while ((limit is null || step < limit) && source.MoveNext(step))
            {
                int batches = plan.BatchesAt(step);
                using var scope = NewDisposeScope();
                for (int b = 0; cbs.Any && b < batches; b++)
                    PredictionLoop.CallbackThenRefresh(cbs, () => cbs.TestBatchBegin(step + b, new Logs()), frozen);
                if (batcher is not null && batcher.Takes(step + batches - 1))
                {
                    var yPred = frozen!.During(() => model.ApplyAll(data!.Inputs(step, batchSize, batches), training: false),
                        batches > 1 ? batchSize : null);
                    batcher.Add(step, batches, yPred, scope);
                }
                else
                {
                    batcher?.Flush();
                    var (xb, yb, wb) = source.Current(step);
                    if (frozen is null) steps.Test(xb, yb, wb);
                    else frozen.During(() => steps.Test(xb, yb, wb));
                }
                for (int b = 0; cbs.Any && b < batches; b++)
                    PredictionLoop.CallbackThenRefresh(cbs, () => cbs.TestBatchEnd(step + b, steps.BatchLogs(training: false)), frozen);
                step += batches;
            }
            batcher?.Flush();
        }
        source.EndEpoch();
        if (step == 0) throw new ArgumentException("The evaluation data produced no batch.", source.Argument);
        Logs logs;
        using (NewDisposeScope()) logs = steps.ReadLogs(training: false);
        cbs.TestEnd(logs);
        return logs;
    }
}
