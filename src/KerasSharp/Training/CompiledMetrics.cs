using KerasSharp.Callbacks;
using KerasSharp.Metrics;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// The metrics a model's logs show (Keras' <c>CompileMetrics</c> and the trainer's <c>metrics</c> property): the
/// compiled metrics and weighted metrics, each reading its output; or, when the model's class overrides
/// <see cref="Model.Metrics"/> (Keras' "customizing fit": <c>metrics</c> returns the trackers a custom step updates),
/// exactly those metrics. Every logged metric is reset at the start of each epoch and of each evaluation.
/// </summary>
internal sealed class CompiledMetrics(Model model, bool overridden)
{
    /// <summary>True when the model's class overrides <see cref="Model.Metrics"/>.</summary>
    public bool Overridden => overridden;

    /// <summary>The metrics the logs show, in order.</summary>
    public IEnumerable<Metric> Logged => overridden ? model.Metrics : model.CompiledMetrics.Concat(model.WeightedMetrics);

    /// <summary>
    /// Updates every compiled metric with one batch. One dispose scope and one no_grad guard serve all metrics, and each
    /// built-in metric then skips its own (<see cref="IStepMetric.UpdateStateInStep"/>); any other metric goes through its
    /// <c>UpdateState</c>.
    /// </summary>
    public void Update(IReadOnlyList<Tensor>? yTrue, IReadOnlyList<Tensor> yPred, Tensor? sampleWeight)
    {
        if (model.CompiledMetrics.Count + model.WeightedMetrics.Count == 0) return;
        if (yTrue is null)
            throw new ArgumentException($"Model \"{model.Name}\" was compiled with metrics, which need targets: y must not be null.", "y");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var outputs = model.MetricOutputs;
        foreach (var m in model.CompiledMetrics)
        {
            int i = outputs.TryGetValue(m, out var o) ? o : 0;
            IStepMetric.UpdateInStep(m, yTrue[i], yPred[i], null);
        }
        foreach (var m in model.WeightedMetrics)
        {
            int i = outputs.TryGetValue(m, out var o) ? o : 0;
            IStepMetric.UpdateInStep(m, yTrue[i], yPred[i], sampleWeight);
        }
    }

    /// <summary>Adds each logged metric's result to <paramref name="logs"/>, read when a log is read.</summary>
    public void AddLazy(Logs logs)
    {
        foreach (var m in Logged)
        {
            if (m.ResultIsVector) logs.AddLazyValues(m.Name, m.ResultValues);
            else logs.AddLazy(m.Name, m.Result);
        }
    }

    /// <summary>Adds each logged metric's result to <paramref name="logs"/>, read now.</summary>
    public void AddRead(Logs logs)
    {
        foreach (var m in Logged)
        {
            if (m.ResultIsVector) logs.SetValues(m.Name, m.ResultValues());
            else logs[m.Name] = m.Result();
        }
    }

    /// <summary>Resets every logged metric (and the compiled ones, when the model lists others).</summary>
    public void Reset()
    {
        foreach (var m in Logged) m.ResetState();
        if (overridden)
            foreach (var m in model.CompiledMetrics.Concat(model.WeightedMetrics)) m.ResetState();
    }
}
