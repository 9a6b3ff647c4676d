using KerasSharp.Callbacks;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Training;

/// <summary>
/// Runs one step of a loop through the model's overridable steps (Keras' <c>train_step</c>, <c>test_step</c>,
/// <c>predict_step</c>), holds their defaults, and builds the logs: the running loss and metrics, or what a custom step
/// returned (Keras' <c>_get_metrics_result_or_logs</c>: the metrics' results when a step returns their keys, else the
/// last step's logs).
/// </summary>
internal sealed class StepRunner : IDisposable
{
    private static readonly Type[] TensorStep = [typeof(Tensor), typeof(Tensor), typeof(Tensor)];
    private static readonly Type[] ListStep = [typeof(IReadOnlyList<Tensor>), typeof(IReadOnlyList<Tensor>), typeof(Tensor)];

    private readonly Model model;
    private List<Parameter>? trainable;
    private Dictionary<string, double>? returned;
    private bool warnedNoWeights;

    public StepRunner(Model model)
    {
        this.model = model;
        Loss = new CompiledLoss(model);
        var type = model.GetType();
        Metrics = new CompiledMetrics(model, type.GetProperty(nameof(Model.Metrics))!.GetMethod!.DeclaringType != typeof(Model));
        Preflight = new Preflight(model, Loss);
        LegacyTrain = Overrides(type, nameof(Model.TrainStep), TensorStep);
        CustomTrain = Overrides(type, nameof(Model.TrainStep), ListStep);
        CustomTest = Overrides(type, nameof(Model.TestStep), ListStep);
        CustomPredict = Overrides(type, nameof(Model.PredictStep), [typeof(IReadOnlyList<Tensor>)]);
    }

    private static bool Overrides(Type type, string name, Type[] parameters) =>
        Internal.OverrideCheck.Overrides(type, name, parameters, typeof(Model));

    public CompiledLoss Loss { get; }
    public CompiledMetrics Metrics { get; }
    public Preflight Preflight { get; }

    /// <summary>The model overrides <c>TrainStep(Tensor, Tensor, Tensor?)</c>, which returns the batch loss.</summary>
    public bool LegacyTrain { get; }

    /// <summary>The model overrides <c>TrainStep(IReadOnlyList&lt;Tensor&gt;, ...)</c>: the trainer neither computes nor
    /// checks the compiled loss in Fit.</summary>
    public bool CustomTrain { get; }

    /// <summary>The model overrides <c>TestStep</c>.</summary>
    public bool CustomTest { get; }

    /// <summary>The model overrides <c>PredictStep</c>.</summary>
    public bool CustomPredict { get; }

    /// <summary>Checks sample weights in the default test step (TestOnBatch, which runs no <see cref="Preflight"/>).</summary>
    public bool CheckTestWeights { get; set; }

    /// <summary>Prepares the weights for training steps: every trainable one needs a gradient, frozen ones none.</summary>
    public void BeginTraining()
    {
        model.StopTraining = false;
        trainable = TrainableWithClearedGradients();
    }

    /// <summary>Ends what <see cref="BeginTraining"/> began.</summary>
    public void EndTraining() => trainable = null;

    /// <summary>The variables a step updates, with any gradient left from earlier autograd use cleared.</summary>
    public List<Parameter> TrainableWithClearedGradients()
    {
        var list = model.TrainableWeights.ToList();
        // As Keras' torch backend ties requires_grad to a variable's trainability: frozen weights (a layer or model with
        // Trainable = false, e.g. a pretrained base) need no gradient, so backward stops at them instead of computing
        // gradients nothing applies.
        var updated = new HashSet<Parameter>(list, ReferenceEqualityComparer.Instance);
        foreach (var p in model.NonTrainableWeights)
            if (p.requires_grad && !updated.Contains(p)) p.requires_grad_(false);
        foreach (var p in list)
        {
            if (!p.requires_grad) p.requires_grad_(true);
            p.grad = null;
        }
        model.Optimizer?.ForgetReleasedGradients();
        return list;
    }

    /// <summary>One training step through the model's <c>TrainStep</c>.</summary>
    public void Train(Tensor[] x, Tensor[]? y, Tensor? w) => Keep(model.TrainStep(x, y, w), nameof(Model.TrainStep));

    /// <summary>One evaluation step through the model's <c>TestStep</c>.</summary>
    public void Test(Tensor[] x, Tensor[]? y, Tensor? w) => Keep(model.TestStep(x, y, w), nameof(Model.TestStep));

    /// <summary>One prediction step through the model's <c>PredictStep</c>.</summary>
    public IReadOnlyList<Tensor> Predict(Tensor[] x) =>
        CustomPredict ? model.PredictStep(x) ?? throw new InvalidOperationException($"{model.GetType().Name}.PredictStep returned null; it must return the outputs.")
                      : model.ApplyAll(x, training: false);

    /// <summary>Keras' default <c>train_step</c> (or an override of the single-tensor form), tracking the loss.</summary>
    public void DefaultTrain(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? w)
    {
        Tensor loss;
        Tensor[] outputLosses;
        if (LegacyTrain)
        {
            if (x.Count != 1 || y is not { Count: 1 })
                throw new InvalidOperationException(
                    $"{model.GetType().Name} overrides TrainStep(Tensor, Tensor, Tensor?), which takes one input tensor and one target tensor, " +
                    $"but the batch has {x.Count} inputs and {y?.Count ?? 0} targets: override TrainStep(IReadOnlyList<Tensor>, IReadOnlyList<Tensor>?, Tensor?) instead.");
            loss = model.TrainStep(x[0], y[0], w)
                ?? throw new InvalidOperationException($"{model.GetType().Name}.TrainStep returned null; it must return the batch loss.");
            outputLosses = [];
        }
        else
        {
            loss = StandardTrainStep(x, y, w, trainable ?? TrainableWithClearedGradients(), out outputLosses);
        }
        using var _ = no_grad();
        Loss.Track(loss, outputLosses, x[0].size(0));
    }

    /// <summary>Keras' default <c>train_step</c>: forward in training mode, loss, backward, one optimizer update, metrics.
    /// A model with no trainable weight computes its loss and metrics and updates nothing (Keras warns).</summary>
    public Tensor StandardTrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? w, IReadOnlyList<Parameter> weights, out Tensor[] outputLosses)
    {
        var yPred = model.ApplyAll(x, training: true);
        var loss = Loss.Compute(y, yPred, w, out outputLosses);
        if (weights.Count > 0)
        {
            loss.backward();
            model.Optimizer!.Apply(weights, releaseGradients: true);
        }
        else if (!warnedNoWeights)
        {
            warnedNoWeights = true;
            Console.Error.WriteLine($"Warning: model \"{model.Name}\" does not have any trainable weights; training steps update nothing.");
        }
        Metrics.Update(y, yPred.Select(Activations.ActivationLogits.Detach).ToArray(), w);
        return loss;
    }

    /// <summary>Keras' default <c>test_step</c>: forward in inference mode, loss and metrics.</summary>
    public void DefaultTest(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? w)
    {
        var yPred = model.ApplyAll(x, training: false);
        if (CheckTestWeights) Preflight.CheckSampleWeightShape(y, yPred, w);
        var loss = Loss.Compute(y, yPred, w, out var outputLosses);
        Loss.Track(loss, outputLosses, x[0].size(0));
        Metrics.Update(y, yPred, w);
    }

    // Keeps (a copy of) the logs a custom step returned, or forgets them (the default steps return null).
    private void Keep(IReadOnlyDictionary<string, double>? logs, string step)
    {
        returned = null;
        if (logs is null) return;
        var kept = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in logs)
        {
            if (string.IsNullOrEmpty(k))
                throw new InvalidOperationException($"{model.GetType().Name}.{step} returned a log with an empty name; every log needs a name.");
            kept[k] = v;
        }
        returned = kept;
    }

    private bool LogsLoss(bool training) => training ? !CustomTrain : !CustomTest;

    /// <summary>The logs of the batch just run, read when a log is read.</summary>
    public Logs BatchLogs(bool training)
    {
        var logs = new Logs();
        if (returned is not null)
        {
            foreach (var (k, v) in returned) logs[k] = v;
            return logs;
        }
        if (LogsLoss(training)) Loss.AddLazy(logs);
        Metrics.AddLazy(logs);
        return logs;
    }

    /// <summary>The logs at the end of an epoch or evaluation: the running results, or the last logs a custom step
    /// returned when their keys are not the metrics' (Keras' <c>_get_metrics_result_or_logs</c>).</summary>
    public Logs ReadLogs(bool training)
    {
        var logs = new Logs();
        if (LogsLoss(training)) Loss.AddRead(logs);
        Metrics.AddRead(logs);
        if (returned is null || returned.Keys.ToHashSet().SetEquals(logs.Keys)) return logs;
        return new Logs(returned);
    }

    /// <summary>Resets the running loss and metrics and forgets a custom step's logs (Keras' <c>reset_metrics</c>).</summary>
    public void ResetMetrics()
    {
        using var scope = NewDisposeScope(); // in-place resets return tensor handles that must not outlive the call
        Loss.Reset();
        Metrics.Reset();
        returned = null;
    }

    public void Dispose() => Loss.Dispose();
}
