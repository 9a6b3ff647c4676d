using KerasSharp.Callbacks;
using KerasSharp.Data;
using KerasSharp.Internal;
using KerasSharp.Metrics;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Training;

/// <summary>
/// The training, evaluation and prediction loops behind <see cref="Model"/> (Keras' <c>Trainer</c> with the torch
/// backend's steps). One <see cref="torch.NewDisposeScope"/> per batch; loss and metrics accumulate on the device and
/// are read back only when a log is read (progress bar redraw, epoch end).
/// </summary>
internal sealed class Trainer : IDisposable
{
    private readonly Model model;
    private readonly LossTracker lossTracker = new();
    private readonly LossTracker[] outputLossTrackers;

    public Trainer(Model model)
    {
        this.model = model;
        customTrainStep = model.GetType().GetMethod(nameof(Model.TrainStep), [typeof(Tensor), typeof(Tensor), typeof(Tensor)])?.DeclaringType != typeof(Model);
        // Models with several outputs also log each output's loss (<output>_loss), as Keras does.
        outputLossTrackers = model.OutputLosses.Count > 1 ? model.OutputLosses.Select(_ => new LossTracker()).ToArray() : [];
    }

    private IEnumerable<Metric> AllMetrics => model.Metrics.Concat(model.WeightedMetrics);

    // ---------------------------------------------------------------- Fit

    public History Fit(object x, object y, int batchSize, int epochs, int verbose, IEnumerable<Callback>? callbacks,
        double validationSplit, (object X, object Y)? validationData, bool shuffle,
        IReadOnlyDictionary<int, double>? classWeight, object? sampleWeight, int initialEpoch, int? stepsPerEpoch,
        int? validationBatchSize, int validationFreq)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckCommon(batchSize, epochs, verbose, initialEpoch, validationFreq);
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, $"validationSplit must be in [0, 1), but received {Guard.Fmt(validationSplit)}.");
        if (stepsPerEpoch is <= 0)
            throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, $"stepsPerEpoch must be > 0, but received {stepsPerEpoch}.");
        if (validationBatchSize is <= 0)
            throw new ArgumentOutOfRangeException(nameof(validationBatchSize), validationBatchSize, $"validationBatchSize must be > 0, but received {validationBatchSize}.");
        if (classWeight is not null) CheckClassWeight(classWeight);

        using var converted = new ConvertedInputs();
        var xT = converted.GetAll(x, "x", model.InputCount);
        var yT = converted.GetAll(y, "y", model.OutputCount);
        var swT = sampleWeight is null ? null : converted.Get(sampleWeight, "sampleWeight");
        long count = InMemoryData.CheckCardinality(xT, yT, swT);
        Tensor[]? xV = null, yV = null;
        if (validationData is { } vd)
        {
            xV = converted.GetAll(vd.X ?? throw new ArgumentNullException(nameof(validationData)), "validationData.X", model.InputCount);
            yV = converted.GetAll(vd.Y ?? throw new ArgumentNullException(nameof(validationData)), "validationData.Y", model.OutputCount);
        }
        else if (validationSplit > 0)
        {
            if (count * (1 - validationSplit) < 1 || Math.Floor(count * (1 - validationSplit)) >= count)
                throw new ArgumentException($"validationSplit = {Guard.Fmt(validationSplit)} leaves no training or no validation sample out of {count}.", nameof(validationSplit));
            (xT, xV) = InMemoryData.SplitLast(xT, validationSplit);
            (yT, yV) = InMemoryData.SplitLast(yT, validationSplit);
            if (swT is not null) (swT, _) = InMemoryData.SplitLast(swT, validationSplit);
        }
        if (classWeight is not null)
            swT = converted.Keep(CombineWeights(swT, ClassWeightsToSampleWeights(SingleTarget(yT, nameof(classWeight)), classWeight)));

        using var train = new InMemoryData(xT, yT, swT, model.Device);
        using var val = xV is null ? null : new InMemoryData(xV, yV, null, model.Device, "validationData.X", "validationData.Y");
        if (train.Count == 0)
            throw new ArgumentException("x has no samples: Fit needs at least one training sample.", nameof(x));
        if (val is not null && val.Count == 0)
            throw new ArgumentException("validationData has no samples: give at least one validation sample, or no validationData.", nameof(validationData));

        // Everything below may fail on bad data before any weight changes.
        Preflight(train, batchSize);
        if (val is not null) Preflight(val, validationBatchSize ?? batchSize);

        int steps = Math.Min(train.Steps(batchSize), stepsPerEpoch ?? int.MaxValue);
        SetTargetsPrevalidated(true); // Preflight checked every training and validation target
        try
        {
            return RunFit(train, val, batchSize, epochs, verbose, callbacks, shuffle, initialEpoch, steps, validationBatchSize, validationFreq);
        }
        finally
        {
            SetTargetsPrevalidated(false);
        }
    }

    private History RunFit(InMemoryData train, InMemoryData? val, int batchSize, int epochs, int verbose, IEnumerable<Callback>? callbacks,
        bool shuffle, int initialEpoch, int steps, int? validationBatchSize, int validationFreq)
    {
        var history = new History();
        var cbs = new CallbackList(callbacks, model, FitParams(verbose, epochs, steps, val is not null, validationFreq), history, verbose);
        var trainable = PrepareTraining();
        var epochLogs = new Logs();
        try
        {
        cbs.TrainBegin(new Logs());
        initialEpoch = cbs.InitialEpoch(initialEpoch);
        for (int epoch = initialEpoch; epoch < epochs && !model.StopTraining; epoch++)
        {
            ResetMetrics();
            cbs.EpochBegin(epoch, new Logs());
            // One scope per epoch for what is not per batch: the permutation, metric read-backs, validation.
            using (NewDisposeScope())
            {
                var order = shuffle ? randperm(train.Count, ScalarType.Int64).to(model.Device) : null;
                for (int step = 0; step < steps; step++)
                {
                    using (NewDisposeScope())
                    {
                        cbs.TrainBatchBegin(step, new Logs());
                        var (xb, yb, wb) = train.Batch(step, batchSize, order);
                        TrainStep(xb, yb!, wb, trainable);
                        cbs.TrainBatchEnd(step, LazyLogs());
                    }
                    if (model.StopTraining) break;
                }
                epochLogs = ReadLogs();
                if (val is not null && (epoch + 1) % validationFreq == 0)
                {
                    var valLogs = RunEvaluation(val, validationBatchSize ?? batchSize, null, cbs);
                    foreach (var (k, v) in valLogs) epochLogs["val_" + k] = v;
                }
            }
            cbs.EpochEnd(epoch, epochLogs);
        }
        if (epochs > 0) model.Optimizer?.FinalizeVariableValues(model.TrainableWeights); // Keras: EMA weights at the end of fit
        cbs.TrainEnd(epochLogs);
        }
        catch (Exception e)
        {
            cbs.EndAfterFailure(epochLogs, e);
            throw;
        }
        return history;
    }

    public History FitStream(IEnumerable<(Tensor X, Tensor Y)> data, int epochs, int verbose, IEnumerable<Callback>? callbacks,
        IEnumerable<(Tensor X, Tensor Y)>? validationData, IReadOnlyDictionary<int, double>? classWeight, int initialEpoch,
        int? stepsPerEpoch, int validationFreq)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckCommon(1, epochs, verbose, initialEpoch, validationFreq);
        if (stepsPerEpoch is <= 0)
            throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, $"stepsPerEpoch must be > 0, but received {stepsPerEpoch}.");
        if (classWeight is not null) CheckClassWeight(classWeight);
        var history = new History();
        var parameters = FitParams(verbose, epochs, stepsPerEpoch, validationData is not null, validationFreq);
        var cbs = new CallbackList(callbacks, model, parameters, history, verbose);
        List<Parameter>? trainable = null;
        var epochLogs = new Logs();
        try
        {
        cbs.TrainBegin(new Logs());
        initialEpoch = cbs.InitialEpoch(initialEpoch);
        for (int epoch = initialEpoch; epoch < epochs && !model.StopTraining; epoch++)
        {
            ResetMetrics();
            cbs.EpochBegin(epoch, new Logs());
            int step = 0;
            foreach (var (xRaw, yRaw) in data)
            {
                if (stepsPerEpoch is int spe && step >= spe) break;
                using (NewDisposeScope())
                {
                    var (xb, yb) = PrepareBatch(xRaw, yRaw, step);
                    // As in-memory Fit checks all of x and y up front: a non-finite batch would turn the weights non-finite.
                    InMemoryData.CheckBatchFinite(xb, yb, step, nameof(data));
                    if (trainable is null)
                    {
                        Preflight([xb], [yb], null);
                        trainable = PrepareTraining();
                    }
                    var wb = classWeight is null ? null : ClassWeightsToSampleWeights(yb, classWeight);
                    cbs.TrainBatchBegin(step, new Logs());
                    TrainStep([xb], [yb], wb, trainable);
                    cbs.TrainBatchEnd(step, LazyLogs());
                }
                step++;
                if (model.StopTraining) break;
            }
            if (step == 0)
                throw new ArgumentException($"The training data produced no batch in epoch {epoch + 1}.", nameof(data));
            using (NewDisposeScope())
            {
                epochLogs = ReadLogs();
                if (validationData is not null && (epoch + 1) % validationFreq == 0)
                {
                    var valLogs = RunStreamEvaluation(validationData, null, cbs);
                    foreach (var (k, v) in valLogs) epochLogs["val_" + k] = v;
                }
            }
            cbs.EpochEnd(epoch, epochLogs);
        }
        if (epochs > 0) model.Optimizer?.FinalizeVariableValues(model.TrainableWeights); // Keras: EMA weights at the end of fit
        cbs.TrainEnd(epochLogs);
        }
        catch (Exception e)
        {
            cbs.EndAfterFailure(epochLogs, e);
            throw;
        }
        return history;
    }

    private List<Parameter> PrepareTraining()
    {
        model.StopTraining = false;
        return TrainableWithClearedGradients();
    }

    /// <summary>The variables a step updates, with any gradient left from earlier autograd use cleared.</summary>
    private List<Parameter> TrainableWithClearedGradients()
    {
        var trainable = model.TrainableWeights.ToList();
        // As Keras' torch backend ties requires_grad to a variable's trainability: frozen weights (a layer or model with
        // Trainable = false, e.g. a pretrained base) need no gradient, so backward stops at them instead of computing
        // gradients nothing applies.
        var updated = new HashSet<Parameter>(trainable, ReferenceEqualityComparer.Instance);
        foreach (var p in model.NonTrainableWeights)
            if (p.requires_grad && !updated.Contains(p)) p.requires_grad_(false);
        foreach (var p in trainable)
        {
            if (!p.requires_grad) p.requires_grad_(true);
            p.grad = null;
        }
        model.Optimizer?.ForgetReleasedGradients();
        return trainable;
    }

    private void TrainStep(Tensor[] xb, Tensor[] yb, Tensor? wb, List<Parameter> trainable)
    {
        Tensor loss;
        Tensor[] outputLosses;
        if (customTrainStep && xb.Length == 1 && yb.Length == 1)
        {
            loss = model.TrainStep(xb[0], yb[0], wb)
                ?? throw new InvalidOperationException($"{model.GetType().Name}.TrainStep returned null; it must return the batch loss.");
            outputLosses = [];
        }
        else
        {
            loss = StandardTrainStep(xb, yb, wb, trainable, out outputLosses);
        }
        using var _ = no_grad();
        TrackLosses(loss, outputLosses, xb[0].size(0));
    }

    /// <summary>Keras' default <c>train_step</c>: forward in training mode, loss, backward, one optimizer update, metrics.</summary>
    internal Tensor StandardTrainStep(Tensor[] xb, Tensor[] yb, Tensor? wb, IReadOnlyList<Parameter> trainable, out Tensor[] outputLosses)
    {
        var yPred = model.ApplyAll(xb, training: true);
        var loss = ComputeLoss(yb, yPred, wb, out outputLosses);
        loss.backward();
        model.Optimizer!.Apply(trainable, releaseGradients: FastPaths.Enabled);
        UpdateMetrics(yb, yPred.Select(Activations.ActivationLogits.Detach).ToArray(), wb);
        return loss;
    }

    /// <summary>True when the model's class overrides <see cref="Model.TrainStep"/> (Keras' "customizing what happens in fit").</summary>
    private readonly bool customTrainStep;

    internal void TrackLosses(Tensor loss, Tensor[] outputLosses, long batchSize)
    {
        lossTracker.Update(loss, batchSize);
        for (int i = 0; i < outputLossTrackers.Length; i++) outputLossTrackers[i].Update(outputLosses[i], batchSize);
    }

    /// <summary><see cref="TrackLosses"/> for consecutive batches of <paramref name="batchSize"/>: element <c>b</c> of
    /// each tensor is batch <c>b</c>'s loss (see <see cref="EvaluationBatcher"/>).</summary>
    internal void TrackLossesInOrder(Tensor losses, Tensor[] outputLosses, long batchSize)
    {
        lossTracker.UpdateInOrder(losses, batchSize);
        for (int i = 0; i < outputLossTrackers.Length; i++) outputLossTrackers[i].UpdateInOrder(outputLosses[i], batchSize);
    }

    /// <summary>
    /// Keras' <c>compute_loss</c>: the sum over outputs of loss weight times that output's loss, plus every
    /// regularization / <c>add_loss</c> term of the model's layers. <paramref name="outputLosses"/> gets each output's
    /// unweighted loss (for the <c>&lt;output&gt;_loss</c> logs).
    /// </summary>
    internal Tensor ComputeLoss(IReadOnlyList<Tensor> yTrue, IReadOnlyList<Tensor> yPred, Tensor? sampleWeight, out Tensor[] outputLosses)
    {
        var losses = model.OutputLosses;
        if (yPred.Count != losses.Count)
            throw new InvalidOperationException($"Model \"{model.Name}\" produced {yPred.Count} outputs but was compiled with {losses.Count} losses.");
        outputLosses = new Tensor[losses.Count];
        for (int i = 0; i < losses.Count; i++)
        {
            var l = losses[i].Compute(yTrue[i], yPred[i], sampleWeight);
            if (l.numel() != 1)
                throw new InvalidOperationException($"The loss '{losses[i].Name}' must reduce to a scalar for training, but returned shape ({string.Join(", ", l.shape)}). Use a reduction other than \"none\".");
            outputLosses[i] = l;
        }
        var loss = WeightedSum(outputLosses);
        foreach (var extra in model.Losses) loss = loss + extra;
        return loss;
    }

    /// <summary>The output losses times their loss weights, summed in output order (element-wise, so it serves one
    /// batch's scalars and a vector of per-batch losses alike).</summary>
    internal Tensor WeightedSum(IReadOnlyList<Tensor> outputLosses)
    {
        Tensor? total = null;
        for (int i = 0; i < outputLosses.Count; i++)
        {
            var weighted = model.LossWeights[i] == 1.0 ? outputLosses[i] : outputLosses[i] * model.LossWeights[i];
            total = total is null ? weighted : total + weighted;
        }
        return total!;
    }

    /// <summary>
    /// Updates every compiled metric with one batch. One dispose scope and one no_grad guard serve all metrics: with the
    /// fast paths on, each metric then skips its own (<see cref="Metric.UpdateStateInStep"/>).
    /// </summary>
    internal void UpdateMetrics(IReadOnlyList<Tensor> yTrue, IReadOnlyList<Tensor> yPred, Tensor? sampleWeight)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool inStep = FastPaths.Enabled;
        var outputs = model.MetricOutputs;
        foreach (var m in model.Metrics)
        {
            int i = outputs.TryGetValue(m, out var o) ? o : 0;
            if (inStep) m.UpdateStateInStep(yTrue[i], yPred[i], null);
            else m.UpdateState(yTrue[i], yPred[i]);
        }
        foreach (var m in model.WeightedMetrics)
        {
            int i = outputs.TryGetValue(m, out var o) ? o : 0;
            if (inStep) m.UpdateStateInStep(yTrue[i], yPred[i], sampleWeight);
            else m.UpdateState(yTrue[i], yPred[i], sampleWeight);
        }
    }

    private void SetTargetsPrevalidated(bool value)
    {
        foreach (var l in model.OutputLosses) l.TargetsPrevalidated = value;
    }

    private Tensor SingleTarget(IReadOnlyList<Tensor> ys, string argument) => ys.Count == 1
        ? ys[0]
        : throw new ArgumentException($"{argument} is only supported for models with one output; model \"{model.Name}\" has {ys.Count}. Use sampleWeight instead.", argument);

    /// <summary>Checks the data against the model before any training step: builds the model from the first batch,
    /// runs one inference pass and the loss on it, and validates every target against the loss.</summary>
    private void Preflight(InMemoryData data, int batchSize)
    {
        using var scope = NewDisposeScope();
        var (xb, yb, wb) = data.Batch(0, (int)Math.Min(batchSize, data.Count), null);
        Preflight(xb, yb, wb);
        if (data.Ys is { } ys)
        {
            IReadOnlyList<Tensor> one;
            using (no_grad()) one = model.ApplyAll(xb.Select(x => x.narrow(0, 0, 1)).ToArray());
            for (int i = 0; i < ys.Count; i++)
                model.OutputLosses[i].ValidateTargets(ys[i], ys[i].dim() > 0 ? Shape.Of(one[i]) : default);
        }
    }

    private void Preflight(Tensor[] xb, Tensor[]? yb, Tensor? wb)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var yPred = model.ApplyAll(xb, training: false);
        if (yb is not null)
        {
            if (yb.Length != yPred.Count)
                throw new ArgumentException($"Model \"{model.Name}\" has {yPred.Count} outputs, but y provides {yb.Length} target arrays.", "y");
            for (int i = 0; i < yb.Length; i++) CheckTargetShape(yb[i], yPred[i], model.OutputLosses[i], i);
            CheckSampleWeightShape(yb, yPred, wb);
            ComputeLoss(yb, yPred, wb, out _);
        }
    }

    /// <summary>
    /// Keras weighs each output's per-sample loss values by the sample weights after aligning their ranks (a trailing
    /// axis of 1 dropped or added), then broadcasting: so the weights are one per sample, <c>(n,)</c> or <c>(n, 1)</c>, or
    /// have the per-sample loss's own shape (per-timestep weights). A shape that would instead broadcast the loss values
    /// to a larger shape (e.g. <c>(n, 3)</c> against a loss of shape <c>(n,)</c>, which LibTorch silently accepts when
    /// n is 3) is refused, naming both shapes.
    /// </summary>
    private void CheckSampleWeightShape(IReadOnlyList<Tensor> yb, IReadOnlyList<Tensor> yPred, Tensor? wb)
    {
        if (wb is null) return;
        var w = Shape.Of(wb);
        for (int i = 0; i < yb.Count; i++)
        {
            var loss = model.OutputLosses[i];
            var v = Shape.Of(loss.Call(yb[i], yPred[i]));
            if (v.Rank == 0 || WeightFits(w, v)) continue;
            string output = yb.Count == 1 ? "" : $" of output '{model.OutputNames[i]}'";
            string perSample = v.Rank == 1 ? "" : $", or the per-sample loss shape {v.WithBatchUnknown()}";
            throw new ArgumentException(
                $"sampleWeight has shape {w}, which does not fit the per-sample values of loss '{loss.Name}'{output} (shape {v}): " +
                $"give one weight per sample, shape (None,) or (None, 1){perSample}.", "sampleWeight");
        }

        // Loss.Compute's alignment (trailing axes of 1 added to or dropped from the weights), then the product must keep
        // the values' shape.
        static bool WeightFits(Shape w, Shape v)
        {
            int rank = w.Rank;
            while (rank > v.Rank && w[rank - 1] == 1) rank--;
            if (rank > v.Rank) return false;
            for (int d = 0; d < rank; d++)
                if (w[d] != 1 && w[d] != v[d]) return false;
            return true;
        }
    }

    private void CheckTargetShape(Tensor yTrue, Tensor yPred, Losses.Loss loss, int output)
    {
        // Same rule as Keras' losses: targets must broadcast to the predictions after squeezing a trailing 1 axis.
        var t = Shape.Of(yTrue);
        var p = Shape.Of(yPred);
        bool sparse = loss.ExpectsSparseTargets;
        string y = model.OutputLosses.Count == 1 ? "y" : $"y[{output}] (output '{model.OutputNames[output]}')";
        if (sparse)
        {
            bool ok = t.Rank == p.Rank - 1 || (t.Rank == p.Rank && t[^1] == 1);
            if (!ok)
                throw new ArgumentException($"Targets {y} with shape {t.WithBatchUnknown()} are incompatible with sparse categorical cross-entropy on predictions of shape {p.WithBatchUnknown()} from model \"{model.Name}\": expected integer class labels of shape (None,) or (None, 1).", "y");
            return;
        }
        if (t.Rank == p.Rank && !t[1..].Equals(p[1..]) && !(t[^1] == 1 || p[^1] == 1))
            throw new ArgumentException($"Targets {y} with shape {t.WithBatchUnknown()} are incompatible with the output of model \"{model.Name}\" with shape {p.WithBatchUnknown()} for loss '{loss.Name}'.", "y");
        if (t.Rank != p.Rank && !(t.Rank == p.Rank - 1 && p[^1] == 1) && !(t.Rank == p.Rank + 1 && t[^1] == 1))
            throw new ArgumentException($"Targets {y} with shape {t.WithBatchUnknown()} are incompatible with the output of model \"{model.Name}\" with shape {p.WithBatchUnknown()} for loss '{loss.Name}'.", "y");
    }

    // ---------------------------------------------------------------- Evaluate

    public IReadOnlyDictionary<string, double> Evaluate(object x, object y, int batchSize, int verbose, object? sampleWeight,
        int? steps, IEnumerable<Callback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckCommon(batchSize, 1, verbose, 0, 1);
        using var converted = new ConvertedInputs();
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount), converted.GetAll(y, "y", model.OutputCount),
            sampleWeight is null ? null : converted.Get(sampleWeight, "sampleWeight"), model.Device, checkFinite: false);
        if (data.Count == 0) throw new ArgumentException("x has no samples: Evaluate needs at least one sample.", nameof(x));
        Preflight(data, batchSize);
        steps = StepLimit(steps);
        int n = Math.Min(data.Steps(batchSize), steps ?? int.MaxValue);
        var cbs = new CallbackList(callbacks, model, RunParams(verbose, 1, n), null, verbose);
        return RunEvaluation(data, batchSize, steps, cbs).ToDictionary();
    }

    public IReadOnlyDictionary<string, double> EvaluateStream(IEnumerable<(Tensor X, Tensor Y)> data, int verbose, int? steps,
        IEnumerable<Callback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckCommon(1, 1, verbose, 0, 1);
        steps = StepLimit(steps);
        var cbs = new CallbackList(callbacks, model, RunParams(verbose, 1, steps), null, verbose);
        return RunStreamEvaluation(data, steps, cbs).ToDictionary();
    }

    private Logs RunEvaluation(InMemoryData data, int batchSize, int? maxSteps, CallbackList cbs)
    {
        ResetMetrics();
        int steps = Math.Min(data.Steps(batchSize), maxSteps ?? int.MaxValue);
        cbs.TestBegin(new Logs());
        using var batcher = EvaluationBatcher.TryCreate(this, model, data, batchSize, cbs);
        using var frozen = new Internal.FrozenWeights(Math.Min((long)steps * batchSize, data.Count));
        long fullBatches = FullBatches(data, batchSize, steps);
        int merged = batcher is null ? 1 : InferenceMerging.BatchesPerPass(model, batchSize, fullBatches, cbs);
        using (no_grad())
        {
            foreach (var (step, batches) in Passes(steps, merged, fullBatches))
            {
                using var scope = NewDisposeScope();
                for (int b = 0; cbs.Any && b < batches; b++)
                    CallbackThenRefresh(cbs, () => cbs.TestBatchBegin(step + b, new Logs()), frozen);
                if (batcher is not null && batcher.Takes(step + batches - 1))
                {
                    var yPred = frozen.During(() => model.ApplyAll(data.Inputs(step, batchSize, batches), training: false),
                        batches > 1 ? batchSize : null);
                    batcher.Add(step, batches, yPred, scope);
                }
                else
                {
                    batcher?.Flush();
                    var (xb, yb, wb) = data.Batch(step, batchSize, null);
                    frozen.During(() => TestStep(xb, yb!, wb));
                }
                for (int b = 0; cbs.Any && b < batches; b++)
                    CallbackThenRefresh(cbs, () => cbs.TestBatchEnd(step + b, LazyLogs()), frozen);
            }
            batcher?.Flush();
        }
        Logs logs;
        using (NewDisposeScope()) logs = ReadLogs();
        cbs.TestEnd(logs);
        return logs;
    }

    private Logs RunStreamEvaluation(IEnumerable<(Tensor X, Tensor Y)> data, int? maxSteps, CallbackList cbs)
    {
        ResetMetrics();
        cbs.TestBegin(new Logs());
        int step = 0;
        using (no_grad())
        {
            foreach (var (xRaw, yRaw) in data)
            {
                if (maxSteps is int m && step >= m) break;
                using var scope = NewDisposeScope();
                cbs.TestBatchBegin(step, new Logs());
                var (xb, yb) = PrepareBatch(xRaw, yRaw, step);
                TestStep([xb], [yb], null);
                cbs.TestBatchEnd(step, LazyLogs());
                step++;
            }
        }
        if (step == 0) throw new ArgumentException("The evaluation data produced no batch.", "data");
        Logs logs;
        using (NewDisposeScope()) logs = ReadLogs();
        cbs.TestEnd(logs);
        return logs;
    }

    /// <summary>
    /// Keras' reading of <c>steps</c> for Evaluate and Predict: a positive count limits the batches; null, 0 or a negative
    /// count runs over all the data (Keras' epoch iterator treats 0 as "not given" and a negative count as "until the data
    /// runs out").
    /// </summary>
    private static int? StepLimit(int? steps) => steps is > 0 ? steps : null;

    private void TestStep(Tensor[] xb, Tensor[] yb, Tensor? wb, bool checkWeights = false)
    {
        var yPred = model.ApplyAll(xb, training: false);
        if (checkWeights) CheckSampleWeightShape(yb, yPred, wb);
        var loss = ComputeLoss(yb, yPred, wb, out var outputLosses);
        TrackLosses(loss, outputLosses, xb[0].size(0));
        UpdateMetrics(yb, yPred, wb);
    }

    // ---------------------------------------------------------------- Predict

    public Tensor[] Predict(object x, int batchSize, int verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckCommon(batchSize, 1, verbose, 0, 1);
        using var converted = new ConvertedInputs();
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount), null, null, model.Device, checkFinite: false);
        int n = Math.Min(data.Steps(batchSize), StepLimit(steps) ?? int.MaxValue);
        var cbs = new CallbackList(callbacks, model, RunParams(verbose, 1, n), null, verbose);
        // The batch views are made while the loop fetches the next batch, outside its per-batch scope: own them here.
        using var batchViews = NewDisposeScope();
        using var frozen = new Internal.FrozenWeights(Math.Min((long)n * batchSize, data.Count));
        long fullBatches = FullBatches(data, batchSize, n);
        int merged = InferenceMerging.BatchesPerPass(model, batchSize, fullBatches, cbs);
        var result = RunPredict(Passes(n, merged, fullBatches).Select(p => (data.Inputs(p.Step, batchSize, p.Batches), p.Batches)),
            cbs, frozen, merged > 1 ? batchSize : null);
        foreach (var r in result) r.MoveToOuterDisposeScope();
        return result;
    }

    public Tensor[] PredictStream(IEnumerable<Tensor> batches, int verbose, IEnumerable<Callback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(batches);
        CheckCommon(1, 1, verbose, 0, 1);
        var cbs = new CallbackList(callbacks, model, RunParams(verbose, 1, null), null, verbose);
        return RunPredict(batches.Select((b, i) => (new[] { PrepareBatch(b, null, i).X }, 1)), cbs);
    }

    // How many of the first n batches of batchSize rows are full.
    private static long FullBatches(InMemoryData data, int batchSize, int n) => Math.Min(n, data.Count / batchSize);

    // The forward passes over n batches: `merged` consecutive full batches at a time, then one batch at a time.
    private static IEnumerable<(int Step, int Batches)> Passes(int n, int merged, long fullBatches)
    {
        for (int step = 0; step < n;)
        {
            int batches = merged > 1 && step + merged <= fullBatches ? merged : 1;
            yield return (step, batches);
            step += batches;
        }
    }

    // The i-th output as a CPU tensor, floating types as float32, in a handle of its own that no scope owns (RunPredict
    // disposes it). A tensor the batch's own scope made, and not already kept for an earlier output, is handed over as it
    // is; any other (an input passed through, a Lambda's captured constant) is aliased, since the model does not own it.
    private static Tensor KeepOutput(IReadOnlyList<Tensor> ys, int i, DisposeScope batchScope)
    {
        var y = ys[i];
        if (y.device_type != DeviceType.CPU || (y.dtype != ScalarType.Float32 && y.is_floating_point()))
            return y.to(CPU).to_type(y.is_floating_point() ? ScalarType.Float32 : y.dtype).DetachFromDisposeScope();
        bool fresh = Internal.ScopeOwnership.IsOwnedBy(y, batchScope);
        for (int j = 0; fresh && j < i; j++) fresh = !ReferenceEquals(ys[j], y);
        return (fresh ? y : y.alias()).DetachFromDisposeScope();
    }

    // A callback that runs code between batches may change weights: copies derived from them are dropped after it.
    private static void CallbackThenRefresh(CallbackList cbs, Action hook, Internal.FrozenWeights? frozen)
    {
        hook();
        if (cbs.ActsBetweenInferenceBatches) frozen?.Invalidate();
    }

    /// <summary>Runs inference over <paramref name="passes"/> (the inputs of one forward pass and how many batches of
    /// <paramref name="batchRows"/> rows it holds) and returns one CPU tensor per model output, batches concatenated.</summary>
    private Tensor[] RunPredict(IEnumerable<(Tensor[] Inputs, int Batches)> passes, CallbackList cbs,
        Internal.FrozenWeights? frozen = null, long? batchRows = null)
    {
        var outputs = new List<Tensor[]>();
        try
        {
            cbs.PredictBegin(new Logs());
            int step = 0;
            using (no_grad())
            {
                foreach (var (inputs, batches) in passes)
                {
                    using var scope = NewDisposeScope();
                    for (int b = 0; cbs.Any && b < batches; b++)
                        CallbackThenRefresh(cbs, () => cbs.PredictBatchBegin(step + b, new Logs()), frozen);
                    IReadOnlyList<Tensor> Forward() => model.ApplyAll(inputs, training: false);
                    var ys = frozen is null ? Forward() : frozen.During(Forward, batches > 1 ? batchRows : null);
                    var kept = new Tensor[ys.Count];
                    for (int i = 0; i < kept.Length; i++) kept[i] = KeepOutput(ys, i, scope);
                    outputs.Add(kept);
                    for (int b = 0; cbs.Any && b < batches; b++)
                        CallbackThenRefresh(cbs, () => cbs.PredictBatchEnd(step + b, new Logs()), frozen);
                    step += batches;
                }
            }
            if (outputs.Count == 0) throw new ArgumentException("Predict received no samples.", "x");
            var result = Enumerable.Range(0, outputs[0].Length)
                .Select(i => outputs.Count == 1 ? outputs[0][i].alias() : cat(outputs.Select(o => o[i]).ToArray(), 0))
                .ToArray();
            cbs.PredictEnd(new Logs());
            return result;
        }
        finally
        {
            foreach (var o in outputs.SelectMany(o => o)) o.Dispose();
        }
    }

    // ---------------------------------------------------------------- single batches

    public IReadOnlyDictionary<string, double> TrainOnBatch(object x, object y, object? sampleWeight, IReadOnlyDictionary<int, double>? classWeight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (classWeight is not null) CheckClassWeight(classWeight);
        using var converted = new ConvertedInputs();
        var yT = converted.GetAll(y, "y", model.OutputCount);
        var sw = sampleWeight is null ? null : converted.Get(sampleWeight, "sampleWeight");
        if (classWeight is not null) sw = converted.Keep(CombineWeights(sw, ClassWeightsToSampleWeights(SingleTarget(yT, nameof(classWeight)), classWeight)));
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount), yT, sw, model.Device);
        if (data.Count == 0) throw new ArgumentException("x has no samples: TrainOnBatch needs at least one sample.", nameof(x));
        using var scope = NewDisposeScope();
        Preflight(data, (int)data.Count);
        TrainStep(data.Xs.ToArray(), data.Ys!.ToArray(), data.SampleWeight, TrainableWithClearedGradients());
        return ReadLogs().ToDictionary();
    }

    public IReadOnlyDictionary<string, double> TestOnBatch(object x, object y, object? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var converted = new ConvertedInputs();
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount), converted.GetAll(y, "y", model.OutputCount),
            sampleWeight is null ? null : converted.Get(sampleWeight, "sampleWeight"), model.Device, checkFinite: false);
        if (data.Count == 0) throw new ArgumentException("x has no samples: TestOnBatch needs at least one sample.", nameof(x));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        TestStep(data.Xs.ToArray(), data.Ys!.ToArray(), data.SampleWeight, checkWeights: true);
        return ReadLogs().ToDictionary();
    }

    public Tensor[] PredictOnBatch(object x)
    {
        using var converted = new ConvertedInputs();
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount), null, null, model.Device, checkFinite: false);
        var cbs = new CallbackList(null, model, RunParams(0, 1, 1), null, 0);
        return RunPredict([(data.Xs.ToArray(), 1)], cbs);
    }

    // ---------------------------------------------------------------- helpers

    public void ResetMetrics()
    {
        using var scope = NewDisposeScope(); // in-place resets return tensor handles that must not outlive the call
        lossTracker.Reset();
        foreach (var t in outputLossTrackers) t.Reset();
        foreach (var m in AllMetrics) m.ResetState();
    }

    private Logs LazyLogs()
    {
        var logs = new Logs();
        logs.AddLazy("loss", lossTracker.Result);
        for (int i = 0; i < outputLossTrackers.Length; i++) logs.AddLazy(model.OutputNames[i] + "_loss", outputLossTrackers[i].Result);
        foreach (var m in AllMetrics) logs.AddLazy(m.Name, m.Result);
        return logs;
    }

    private Logs ReadLogs()
    {
        var logs = new Logs();
        logs["loss"] = lossTracker.Result();
        for (int i = 0; i < outputLossTrackers.Length; i++) logs[model.OutputNames[i] + "_loss"] = outputLossTrackers[i].Result();
        foreach (var m in AllMetrics) logs[m.Name] = m.Result();
        return logs;
    }

    private (Tensor X, Tensor Y) PrepareBatch(Tensor x, Tensor? y, int step)
    {
        if (x is null) throw new ArgumentException($"Batch {step} has a null x tensor.", "data");
        CheckReal(x, $"Batch {step}: x", "data");
        if (y is not null)
        {
            CheckReal(y, $"Batch {step}: y", "data");
            if (x.dim() > 0 && x.size(0) == 0)
                throw new ArgumentException($"Batch {step} has no samples: every batch needs at least one.", "data");
        }
        var xb = Move(x);
        var yb = y is null ? null! : Move(y);
        if (y is not null && xb.size(0) != yb.size(0))
            throw new ArgumentException($"Batch {step}: x has {xb.shape[0]} samples but y has {yb.shape[0]}.", "data");
        return (xb, yb);

        Tensor Move(Tensor t)
        {
            var r = t.is_floating_point() && t.dtype != ScalarType.Float32 ? t.to_type(ScalarType.Float32) : t;
            return r.device_type != model.Device.type || r.device_index != model.Device.index ? r.to(model.Device) : r;
        }
    }

    /// <summary>Checks classWeight before anything runs: class indices >= 0, weights finite as float32.</summary>
    private static void CheckClassWeight(IReadOnlyDictionary<int, double> classWeight)
    {
        foreach (var (k, v) in classWeight)
        {
            if (k < 0)
                throw new ArgumentException($"classWeight keys must be class indices >= 0, but received {k}.", nameof(classWeight));
            if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
                throw new ArgumentException(
                    $"classWeight must map each class to a finite weight, but class {k} has weight {Guard.Fmt(v)}.", nameof(classWeight));
        }
    }

    /// <summary>
    /// Keras' <c>class_weight_to_sample_weights</c>: each sample's label (argmax of one-hot targets, else the rounded
    /// value) weighted by <c>classWeight[label]</c>, or 1 for a label with no entry. A key that no label matches is
    /// unused, as in Keras. The lookup is a binary search over the sorted keys, so its cost does not depend on the key
    /// values (a key of <see cref="int.MaxValue"/> allocates nothing).
    /// </summary>
    private static Tensor ClassWeightsToSampleWeights(Tensor y, IReadOnlyDictionary<int, double> classWeight)
    {
        using var scope = NewDisposeScope();
        var labels = y.dim() > 1 && y.size(-1) != 1 ? y.argmax(-1) : (y.dim() > 1 ? y.squeeze(-1) : y);
        labels = labels.to_type(ScalarType.Float64).round().contiguous();
        if (labels.numel() == 0 || classWeight.Count == 0)
            return ones(labels.shape, ScalarType.Float32, y.device).MoveToOuterDisposeScope();
        var ordered = classWeight.OrderBy(kv => kv.Key).ToArray();
        var keys = tensor(ordered.Select(kv => (double)kv.Key).ToArray(), device: y.device);
        var weights = tensor(ordered.Select(kv => (float)kv.Value).ToArray(), device: y.device);
        var at = searchsorted(keys, labels).clamp_max(ordered.Length - 1);
        var matched = keys.take(at).eq(labels);
        return where(matched, weights.take(at), ones_like(weights.take(at))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Refuses data that is not real numbers (complex, quantized): the layers compute in float32, and a cast would drop
    /// the imaginary part silently.
    /// </summary>
    private static void CheckReal(Tensor t, string what, string argument)
    {
        var dtype = t.dtype;
        if (t.is_floating_point() || dtype is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8
            or ScalarType.Byte or ScalarType.Bool)
            return;
        throw new ArgumentException(
            $"{what} must hold real numbers (a floating-point, integer or bool dtype), but received a tensor of dtype {dtype}.", argument);
    }

    private static Tensor CombineWeights(Tensor? sampleWeight, Tensor classWeights) =>
        sampleWeight is null ? classWeights : sampleWeight.to_type(ScalarType.Float32).to(classWeights.device) * classWeights;

    private static void CheckCommon(int batchSize, int epochs, int verbose, int initialEpoch, int validationFreq)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be > 0, but received {batchSize}.");
        if (epochs < 0)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"epochs must be >= 0, but received {epochs}.");
        if (verbose is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, $"verbose must be 0, 1 or 2, but received {verbose}.");
        if (initialEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(initialEpoch), initialEpoch, $"initialEpoch must be >= 0, but received {initialEpoch}.");
        if (validationFreq < 1)
            throw new ArgumentOutOfRangeException(nameof(validationFreq), validationFreq, $"validationFreq must be >= 1, but received {validationFreq}.");
    }

    private static Dictionary<string, object?> RunParams(int verbose, int epochs, int? steps) =>
        new() { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps };

    // Fit's params also say whether and how often validation runs (monitoring callbacks need it to tell a missing
    // val_ key from an epoch without validation).
    private static Dictionary<string, object?> FitParams(int verbose, int epochs, int? steps, bool doValidation, int validationFreq)
    {
        var p = RunParams(verbose, epochs, steps);
        p["do_validation"] = doValidation;
        p["validation_freq"] = validationFreq;
        return p;
    }

    public void Dispose()
    {
        lossTracker.Dispose();
        foreach (var t in outputLossTrackers) t.Dispose();
    }

    /// <summary>Tensors made from the caller's arrays during one call, disposed when the call ends.</summary>
    private sealed class ConvertedInputs : IDisposable
    {
        private readonly List<Tensor> owned = [];

        public Tensor Get(object data, string name)
        {
            var t = ArrayConversion.ToTensor(data, name);
            if (!ReferenceEquals(t, data)) Keep(t);
            CheckReal(t, name, name.Split('[', '.')[0]);
            return t;
        }

        /// <summary>
        /// One tensor per model input (or output): the data itself (or a list holding one tensor) for a single one, else a
        /// list with one array or tensor per input, in order (Keras' list form <c>model.fit([xa, xb], y)</c>).
        /// </summary>
        public Tensor[] GetAll(object data, string name, int count)
        {
            if (count == 1) return [Get(data is IReadOnlyList<Tensor> { Count: 1 } single ? single[0] : data, name)]; // [x] as in Keras
            if (data is Tensor || data is string || data is not System.Collections.IEnumerable list)
                throw new ArgumentException(
                    $"The model has {count} {(name.Contains('y') ? "outputs" : "inputs")}: {name} must be a list of {count} arrays or tensors (one per {(name.Contains('y') ? "output" : "input")}), but received {DescribeData(data)}.", name);
            var items = list.Cast<object?>().ToArray();
            if (items.Length != count)
                throw new ArgumentException($"{name} must have {count} entries (one per model {(name.Contains('y') ? "output" : "input")}), but received {items.Length}.", name);
            return items.Select((o, i) => Get(o ?? throw new ArgumentNullException(name, $"{name}[{i}] is null."), $"{name}[{i}]")).ToArray();
        }

        private static string DescribeData(object data) => data is Tensor t ? $"a single tensor of shape ({string.Join(", ", t.shape)})" : $"a {data.GetType().Name}";

        public Tensor Keep(Tensor t)
        {
            t.DetachFromDisposeScope();
            owned.Add(t);
            return t;
        }

        public void Dispose()
        {
            foreach (var t in owned) t.Dispose();
        }
    }
}
