using KerasSharp.Callbacks;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Keras' <c>fit</c> loop over any <see cref="BatchSource"/>: epochs of training steps with their callbacks, then the
/// epoch's logs and, every <c>validationFreq</c> epochs, an <see cref="EvaluationLoop"/> pass whose logs are added
/// as <c>val_*</c>. One dispose scope per batch and one per epoch (the shuffle order, metric read-backs, validation).
/// </summary>
internal sealed class FitLoop(Model model, StepRunner steps, EvaluationLoop evaluation)
{
    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> when given.</summary>
    /// <param name="train">The training batches.</param>
    /// <param name="validation">The validation batches, or null.</param>
    /// <param name="epochs">The epoch to stop before.</param>
    /// <param name="verbose">The progress bar's verbosity.</param>
    /// <param name="callbacks">The caller's callbacks.</param>
    /// <param name="shuffle">Reorder the training batches each epoch where the source can.</param>
    /// <param name="initialEpoch">The first epoch.</param>
    /// <param name="stepsPerEpoch">At most this many batches per epoch (null: until the data runs out).</param>
    /// <param name="validationSteps">At most this many validation batches (null: all).</param>
    /// <param name="validationFreq">Validate every this many epochs.</param>
    public History Run(BatchSource train, BatchSource? validation, int epochs, int verbose, IEnumerable<Callback>? callbacks,
        bool shuffle, int initialEpoch, int? stepsPerEpoch, int? validationSteps, int validationFreq)
    {
        int? limit = train.Steps is int known ? Math.Min(known, stepsPerEpoch ?? int.MaxValue) : stepsPerEpoch;
        var history = new History();
        var cbs = new CallbackList(callbacks, model, TrainingChecks.FitParams(verbose, epochs, limit, validation is not null, validationFreq), history, verbose);
        bool checkFirst = train.CheckFirstBatch;
        if (!checkFirst) steps.BeginTraining();
        var epochLogs = new Logs();
        try
        {
            cbs.TrainBegin(new Logs());
            initialEpoch = cbs.InitialEpoch(initialEpoch);
            for (int epoch = initialEpoch; epoch < epochs && !model.StopTraining; epoch++)
            {
                steps.ResetMetrics();
                cbs.EpochBegin(epoch, new Logs());
                // One scope per epoch for what is not per batch: the permutation, metric read-backs, validation.
                using (NewDisposeScope())
                {
                    train.BeginEpoch(shuffle);
                    int step = 0;
                    for (; (limit is null || step < limit) && train.MoveNext(step); step++)
                    {
                        using (NewDisposeScope())
                        {
                            var (xb, yb, wb) = train.Current(step);
                            if (checkFirst)
                            {
                                // Streamed data is checked on its first batch, before any weight changes.
                                if (!steps.CustomTrain) steps.Preflight.Check(xb, yb, wb);
                                steps.BeginTraining();
                                checkFirst = false;
                            }
                            cbs.TrainBatchBegin(step, new Logs());
                            steps.Train(xb, yb, wb);
                            cbs.TrainBatchEnd(step, steps.BatchLogs(training: true));
                        }
                        if (model.StopTraining) { step++; break; }
                    }
                    train.EndEpoch();
                    if (step == 0)
                        throw new ArgumentException($"The training data produced no batch in epoch {epoch + 1}.", train.Argument);
                    epochLogs = steps.ReadLogs(training: true);
                    if (validation is not null && (epoch + 1) % validationFreq == 0)
                    {
                        var valLogs = evaluation.Run(validation, validationSteps, cbs);
                        epochLogs.AddPrefixed("val_", valLogs);
                    }
                }
                cbs.EpochEnd(epoch, epochLogs);
            }
            // Keras' fit ends with optimizer.finalize_variable_values (EMA weights written into the model).
            if (epochs > 0) model.Optimizer?.FinalizeVariableValues(model.TrainableWeights);
            cbs.TrainEnd(epochLogs);
        }
        catch (Exception e)
        {
            cbs.EndAfterFailure(epochLogs, e);
            throw;
        }
        finally
        {
            steps.EndTraining();
        }
        return history;
    }
}
