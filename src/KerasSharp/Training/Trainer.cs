using KerasSharp.Callbacks;
using KerasSharp.Data;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// What <see cref="Model"/>'s Fit, Evaluate, Predict and <c>*OnBatch</c> methods run (Keras' <c>Trainer</c>): checks the
/// arguments, turns the data into a <see cref="BatchSource"/> (arrays in memory, a stream of batches, a
/// <see cref="PyDataset"/>), checks it against the model before any step (<see cref="Preflight"/>), then runs the one
/// <see cref="FitLoop"/>, <see cref="EvaluationLoop"/> or <see cref="PredictionLoop"/>. Steps go through the model's
/// overridable <c>TrainStep</c>, <c>TestStep</c> and <c>PredictStep</c> (<see cref="StepRunner"/>).
/// </summary>
internal sealed class Trainer : IDisposable
{
    private readonly Model model;
    private readonly FitLoop fitLoop;
    private readonly EvaluationLoop evaluationLoop;
    private readonly PredictionLoop predictionLoop;

    public Trainer(Model model)
    {
        this.model = model;
        Steps = new StepRunner(model);
        evaluationLoop = new EvaluationLoop(model, Steps);
        fitLoop = new FitLoop(model, Steps, evaluationLoop);
        predictionLoop = new PredictionLoop(model, Steps);
    }

    /// <summary>The steps, compiled loss and metrics.</summary>
    public StepRunner Steps { get; }

    private IReadOnlyList<string> InputNames => ConvertedInputs.InputNames(model);

    // ---------------------------------------------------------------- Fit

    public History Fit(ModelData x, ModelData? y, int batchSize, int epochs, int verbose, IEnumerable<Callback>? callbacks,
        double validationSplit, (ModelData X, ModelData? Y)? validationData, bool shuffle,
        IReadOnlyDictionary<int, double>? classWeight, ModelData? sampleWeight, int initialEpoch, int? stepsPerEpoch,
        int? validationBatchSize, int validationFreq, int? validationSteps)
    {
        ThrowIfNull(x, nameof(x));
        y = OrNull(y);
        sampleWeight = OrNull(sampleWeight);
        if (x.IsBatches)
        {
            // Keras: a dataset or PyDataset carries its own targets, weights and batches.
            RefuseWithBatches(y, nameof(y));
            RefuseWithBatches(sampleWeight, nameof(sampleWeight));
            if (validationSplit != 0)
                throw new ArgumentException("validationSplit is only supported for arrays and tensors, not for a stream of batches or a PyDataset: give validationData instead.", nameof(validationSplit));
            return FitBatches(x.Value!, epochs, verbose, callbacks, validationData is { } v ? RefuseValidationPair(v) : null, classWeight, shuffle,
                initialEpoch, stepsPerEpoch, validationSteps, validationFreq);
        }
        if (y is null && NeedsTargets(Steps.CustomTrain)) ArgumentNullException.ThrowIfNull(y);
        TrainingChecks.CheckCommon(batchSize, epochs, verbose, initialEpoch, validationFreq);
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, $"validationSplit must be in [0, 1), but received {Internal.Guard.Fmt(validationSplit)}.");
        TrainingChecks.CheckPositive(stepsPerEpoch, nameof(stepsPerEpoch));
        TrainingChecks.CheckPositive(validationBatchSize, nameof(validationBatchSize));
        TrainingChecks.CheckPositive(validationSteps, nameof(validationSteps));
        if (classWeight is not null) TrainingChecks.CheckClassWeight(classWeight);

        using var converted = new ConvertedInputs();
        var xT = converted.GetAll(x, "x", model.InputCount, InputNames, model);
        var yT = y is null ? null : converted.GetAll(y.Value, "y", model.OutputCount, model.OutputNames, model);
        var swT = sampleWeight is null ? null : converted.Get(sampleWeight.Value, "sampleWeight");
        long count = InMemoryData.CheckCardinality(xT, yT, swT);
        Tensor[]? xV = null, yV = null;
        if (validationData is { } vd)
        {
            ThrowIfNull(vd.X, nameof(validationData));
            var validationY = OrNull(vd.Y) ?? throw new ArgumentNullException(nameof(validationData));
            xV = converted.GetAll(vd.X, "validationData.X", model.InputCount, InputNames, model);
            yV = converted.GetAll(validationY, "validationData.Y", model.OutputCount, model.OutputNames, model);
        }
        else if (validationSplit > 0)
        {
            if (count * (1 - validationSplit) < 1 || Math.Floor(count * (1 - validationSplit)) >= count)
                throw new ArgumentException($"validationSplit = {Internal.Guard.Fmt(validationSplit)} leaves no training or no validation sample out of {count}.", nameof(validationSplit));
            (xT, xV) = InMemoryData.SplitLast(xT, validationSplit);
            if (yT is not null) (yT, yV) = InMemoryData.SplitLast(yT, validationSplit);
            if (swT is not null) (swT, _) = InMemoryData.SplitLast(swT, validationSplit);
        }
        if (classWeight is not null)
            swT = converted.Keep(TrainingChecks.CombineWeights(swT,
                TrainingChecks.ClassWeightsToSampleWeights(TrainingChecks.SingleTarget(model, yT, nameof(classWeight)), classWeight)));

        using var train = new InMemoryData(xT, yT, swT, model.Device);
        using var val = xV is null ? null : new InMemoryData(xV, yV, null, model.Device, "validationData.X", "validationData.Y");
        if (train.Count == 0)
            throw new ArgumentException("x has no samples: Fit needs at least one training sample.", nameof(x));
        if (val is not null && val.Count == 0)
            throw new ArgumentException("validationData has no samples: give at least one validation sample, or no validationData.", nameof(validationData));

        // Everything below may fail on bad data before any weight changes.
        if (!Steps.CustomTrain) Steps.Preflight.Check(train, batchSize);
        if (val is not null && !Steps.CustomTest) Steps.Preflight.Check(val, validationBatchSize ?? batchSize);

        using var trainBatches = new InMemoryBatches(train, batchSize, model.Device);
        using var valBatches = val is null ? null : new InMemoryBatches(val, validationBatchSize ?? batchSize, model.Device, nameof(validationData));
        // Preflight checked every training and validation target (unless a custom step runs without it).
        Steps.Preflight.SetTargetsPrevalidated(!Steps.CustomTrain && (val is null || !Steps.CustomTest));
        try
        {
            return fitLoop.Run(trainBatches, valBatches, epochs, verbose, callbacks, shuffle, initialEpoch, stepsPerEpoch,
                validationSteps, validationFreq);
        }
        finally
        {
            Steps.Preflight.SetTargetsPrevalidated(false);
        }
    }

    /// <summary>Fit on a stream of batches or a <see cref="PyDataset"/> (<paramref name="data"/> and
    /// <paramref name="validationData"/> are <see cref="IEnumerable{DataBatch}"/> or <see cref="PyDataset"/>).</summary>
    public History FitBatches(object data, int epochs, int verbose, IEnumerable<Callback>? callbacks, object? validationData,
        IReadOnlyDictionary<int, double>? classWeight, bool shuffle, int initialEpoch, int? stepsPerEpoch, int? validationSteps,
        int validationFreq)
    {
        ArgumentNullException.ThrowIfNull(data);
        TrainingChecks.CheckCommon(1, epochs, verbose, initialEpoch, validationFreq);
        TrainingChecks.CheckPositive(stepsPerEpoch, nameof(stepsPerEpoch));
        TrainingChecks.CheckPositive(validationSteps, nameof(validationSteps));
        if (classWeight is not null) TrainingChecks.CheckClassWeight(classWeight);
        using var train = Source(data, training: true, classWeight);
        using var val = validationData is null ? null : Source(validationData, training: false, null);
        return fitLoop.Run(train, val, epochs, verbose, callbacks, shuffle, initialEpoch, stepsPerEpoch, validationSteps, validationFreq);
    }

    // The ArgumentNullException a null x (or validation pair entry) has always given.
    private static void ThrowIfNull(ModelData data, string name)
    {
        if (data.IsNull) throw new ArgumentNullException(name);
    }

    // A null tensor, array, list or dictionary converted to ModelData is no data, as a null argument is.
    private static ModelData? OrNull(ModelData? data) => data is { IsNull: false } ? data : null;

    private static void RefuseWithBatches(ModelData? value, string name)
    {
        if (value is not null)
            throw new ArgumentException($"{name} is not supported when x is a stream of batches or a PyDataset: its batches carry their own targets and sample weights.", name);
    }

    private static object RefuseValidationPair((ModelData X, ModelData? Y) validation) => OrNull(validation.Y) is null && validation.X.IsBatches
        ? validation.X.Value!
        : throw new ArgumentException("validationData for a stream of batches or a PyDataset must be batches too: (batches, null).", "validationData");

    private BatchSource Source(object data, bool training, IReadOnlyDictionary<int, double>? classWeight) => data switch
    {
        PyDataset sequence => new SequenceBatches(model, sequence, training, classWeight),
        IEnumerable<DataBatch?> stream => new StreamBatches(model, stream, training, classWeight),
        _ => throw new ArgumentException($"Batches must be a PyDataset or an IEnumerable<DataBatch>, but received a {data.GetType().Name}.", nameof(data)),
    };

    // Whether the default step needs y: a compiled loss or compiled metrics read it.
    private bool NeedsTargets(bool customStep) =>
        !customStep && (model.OutputLosses.Count > 0 || model.CompiledMetrics.Count + model.WeightedMetrics.Count > 0);

    // ---------------------------------------------------------------- Evaluate

    public IReadOnlyDictionary<string, double> Evaluate(ModelData x, ModelData? y, int batchSize, int verbose, ModelData? sampleWeight,
        int? steps, IEnumerable<Callback>? callbacks)
    {
        ThrowIfNull(x, nameof(x));
        y = OrNull(y);
        sampleWeight = OrNull(sampleWeight);
        if (x.IsBatches)
        {
            RefuseWithBatches(y, nameof(y));
            RefuseWithBatches(sampleWeight, nameof(sampleWeight));
            return EvaluateBatches(x.Value!, verbose, steps, callbacks);
        }
        if (y is null && NeedsTargets(Steps.CustomTest)) ArgumentNullException.ThrowIfNull(y);
        TrainingChecks.CheckCommon(batchSize, 1, verbose, 0, 1);
        using var converted = new ConvertedInputs();
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount, InputNames, model),
            y is null ? null : converted.GetAll(y.Value, "y", model.OutputCount, model.OutputNames, model),
            sampleWeight is null ? null : converted.Get(sampleWeight.Value, "sampleWeight"), model.Device, checkFinite: false);
        if (data.Count == 0) throw new ArgumentException("x has no samples: Evaluate needs at least one sample.", nameof(x));
        if (!Steps.CustomTest) Steps.Preflight.Check(data, batchSize);
        steps = TrainingChecks.StepLimit(steps);
        int n = Math.Min(data.Steps(batchSize), steps ?? int.MaxValue);
        var cbs = new CallbackList(callbacks, model, TrainingChecks.RunParams(verbose, 1, n), null, verbose);
        using var source = new InMemoryBatches(data, batchSize, model.Device);
        return evaluationLoop.Run(source, steps, cbs).ToDictionary();
    }

    /// <summary>Evaluate on a stream of batches or a <see cref="PyDataset"/>.</summary>
    public IReadOnlyDictionary<string, double> EvaluateBatches(object data, int verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(data);
        TrainingChecks.CheckCommon(1, 1, verbose, 0, 1);
        steps = TrainingChecks.StepLimit(steps);
        using var source = Source(data, training: false, null);
        int? n = source.Steps is int known ? Math.Min(known, steps ?? int.MaxValue) : steps;
        var cbs = new CallbackList(callbacks, model, TrainingChecks.RunParams(verbose, 1, n), null, verbose);
        return evaluationLoop.Run(source, steps, cbs).ToDictionary();
    }

    // ---------------------------------------------------------------- Predict

    public Tensor[] Predict(ModelData x, int batchSize, int verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        ThrowIfNull(x, nameof(x));
        if (x.IsBatches) return PredictBatches(x.Value!, verbose, steps, callbacks);
        TrainingChecks.CheckCommon(batchSize, 1, verbose, 0, 1);
        using var converted = new ConvertedInputs();
        var xs = converted.GetAll(x, "x", model.InputCount, InputNames, model);
        if (InferencePlan.PredictsDirectly(model, Steps, xs, batchSize, verbose, callbacks))
            return predictionLoop.RunOneSmallBatch(xs);
        using var data = new InMemoryData(xs, null, null, model.Device, checkFinite: false);
        steps = TrainingChecks.StepLimit(steps);
        int n = Math.Min(data.Steps(batchSize), steps ?? int.MaxValue);
        var cbs = new CallbackList(callbacks, model, TrainingChecks.RunParams(verbose, 1, n), null, verbose);
        using var source = new InMemoryBatches(data, batchSize, model.Device);
        return predictionLoop.Run(source, steps, cbs);
    }

    /// <summary>Predict on a stream of batches or a <see cref="PyDataset"/> (only their inputs are used).</summary>
    public Tensor[] PredictBatches(object data, int verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(data);
        TrainingChecks.CheckCommon(1, 1, verbose, 0, 1);
        steps = TrainingChecks.StepLimit(steps);
        using var source = Source(data, training: false, null);
        int? n = source.Steps is int known ? Math.Min(known, steps ?? int.MaxValue) : steps;
        var cbs = new CallbackList(callbacks, model, TrainingChecks.RunParams(verbose, 1, n), null, verbose);
        return predictionLoop.Run(source, steps, cbs);
    }

    // ---------------------------------------------------------------- single batches

    public IReadOnlyDictionary<string, double> TrainOnBatch(ModelData x, ModelData? y, ModelData? sampleWeight, IReadOnlyDictionary<int, double>? classWeight)
    {
        ThrowIfNull(x, nameof(x));
        y = OrNull(y);
        sampleWeight = OrNull(sampleWeight);
        if (y is null && NeedsTargets(Steps.CustomTrain)) ArgumentNullException.ThrowIfNull(y);
        if (classWeight is not null) TrainingChecks.CheckClassWeight(classWeight);
        using var converted = new ConvertedInputs();
        var yT = y is null ? null : converted.GetAll(y.Value, "y", model.OutputCount, model.OutputNames, model);
        var sw = sampleWeight is null ? null : converted.Get(sampleWeight.Value, "sampleWeight");
        if (classWeight is not null)
            sw = converted.Keep(TrainingChecks.CombineWeights(sw,
                TrainingChecks.ClassWeightsToSampleWeights(TrainingChecks.SingleTarget(model, yT, nameof(classWeight)), classWeight)));
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount, InputNames, model), yT, sw, model.Device);
        if (data.Count == 0) throw new ArgumentException("x has no samples: TrainOnBatch needs at least one sample.", nameof(x));
        using var scope = NewDisposeScope();
        if (!Steps.CustomTrain) Steps.Preflight.Check(data, (int)data.Count);
        Steps.Train(data.Xs.ToArray(), data.Ys?.ToArray(), data.SampleWeight);
        return Steps.ReadLogs(training: true).ToDictionary();
    }

    public IReadOnlyDictionary<string, double> TestOnBatch(ModelData x, ModelData? y, ModelData? sampleWeight)
    {
        ThrowIfNull(x, nameof(x));
        y = OrNull(y);
        sampleWeight = OrNull(sampleWeight);
        if (y is null && NeedsTargets(Steps.CustomTest)) ArgumentNullException.ThrowIfNull(y);
        using var converted = new ConvertedInputs();
        using var data = new InMemoryData(converted.GetAll(x, "x", model.InputCount, InputNames, model),
            y is null ? null : converted.GetAll(y.Value, "y", model.OutputCount, model.OutputNames, model),
            sampleWeight is null ? null : converted.Get(sampleWeight.Value, "sampleWeight"), model.Device, checkFinite: false);
        if (data.Count == 0) throw new ArgumentException("x has no samples: TestOnBatch needs at least one sample.", nameof(x));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Steps.CheckTestWeights = true;
        try
        {
            Steps.Test(data.Xs.ToArray(), data.Ys?.ToArray(), data.SampleWeight);
        }
        finally
        {
            Steps.CheckTestWeights = false;
        }
        return Steps.ReadLogs(training: false).ToDictionary();
    }

    public Tensor[] PredictOnBatch(ModelData x)
    {
        using var converted = new ConvertedInputs();
        var xs = converted.GetAll(x, "x", model.InputCount, InputNames, model);
        if (InferencePlan.PredictsDirectly(model, Steps, xs, int.MaxValue, verbose: 0, callbacks: null))
            return predictionLoop.RunOneSmallBatch(xs);
        using var data = new InMemoryData(xs, null, null, model.Device, checkFinite: false);
        var cbs = new CallbackList(null, model, TrainingChecks.RunParams(0, 1, 1), null, 0);
        using var source = new SingleBatch(data);
        return predictionLoop.Run(source, 1, cbs);
    }

    /// <summary>Resets the running loss and metrics.</summary>
    public void ResetMetrics() => Steps.ResetMetrics();

    public void Dispose() => Steps.Dispose();
}
