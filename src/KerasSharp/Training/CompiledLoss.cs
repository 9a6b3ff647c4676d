using KerasSharp.Callbacks;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// The compiled loss of a model (Keras' <c>CompileLoss</c> with the trainer's <c>_loss_tracker</c>): computes the total
/// loss of a batch and keeps the running means logged as <c>loss</c> and, for several outputs, <c>&lt;output&gt;_loss</c>.
/// A model compiled without a loss trains on the terms it adds itself (<c>AddLoss</c>, regularizers).
/// </summary>
internal sealed class CompiledLoss : IDisposable
{
    private readonly Model model;
    private readonly LossTracker lossTracker;
    private readonly LossTracker?[] outputLossTrackers;

    public CompiledLoss(Model model)
    {
        this.model = model;
        // The model's "loss" metric reads this running mean (Keras' _loss_tracker is one of model.metrics).
        lossTracker = model.CompiledLossTracker ?? new LossTracker();
        // Models with several outputs also log each output's loss (<output>_loss) when more than one output has a loss,
        // as Keras does (an output compiled without a loss logs none).
        outputLossTrackers = model.OutputLosses.Count(l => l is not null) > 1
            ? model.OutputLosses.Select(l => l is null ? null : new LossTracker()).ToArray()
            : [];
    }

    /// <summary>True when Compile was given a loss (else only the model's own loss terms are trained on).</summary>
    public bool HasLoss => model.OutputLosses.Count > 0;

    /// <summary>
    /// Keras' <c>compute_loss</c>: the sum over outputs of loss weight times that output's loss, plus every
    /// regularization / <c>add_loss</c> term of the model's layers. <paramref name="outputLosses"/> gets each output's
    /// unweighted loss (for the <c>&lt;output&gt;_loss</c> logs); an output compiled without a loss contributes nothing
    /// and its entry stays null.
    /// </summary>
    /// <exception cref="InvalidOperationException">No compiled loss and no term added by the model (Keras: "No loss to compute").</exception>
    public Tensor Compute(IReadOnlyList<Tensor>? yTrue, IReadOnlyList<Tensor> yPred, Tensor? sampleWeight, out Tensor[] outputLosses)
    {
        var losses = model.OutputLosses;
        outputLosses = new Tensor[losses.Count];
        Tensor? loss = null;
        if (losses.Count > 0)
        {
            if (yPred.Count != losses.Count)
                throw new InvalidOperationException($"Model \"{model.Name}\" produced {yPred.Count} outputs but was compiled with {losses.Count} losses.");
            if (yTrue is null)
                throw new ArgumentException($"Model \"{model.Name}\" was compiled with a loss, which needs targets: y must not be null.", "y");
            for (int i = 0; i < losses.Count; i++)
            {
                if (losses[i] is not { } outputLoss) continue;
                var l = outputLoss.Compute(yTrue[i], yPred[i], sampleWeight);
                if (l.numel() != 1)
                    throw new InvalidOperationException($"The loss '{outputLoss.Name}' must reduce to a scalar for training, but returned shape ({string.Join(", ", l.shape)}). Use a reduction other than \"none\".");
                outputLosses[i] = l;
            }
            loss = WeightedSum(outputLosses);
        }
        foreach (var extra in model.Losses) loss = loss is null ? extra : loss + extra;
        return loss ?? throw new InvalidOperationException(
            $"No loss to compute for model \"{model.Name}\": provide a loss argument in Compile(), or add loss terms in the model (AddLoss).");
    }

    /// <summary>The output losses times their loss weights, summed in output order (element-wise, so it serves one
    /// batch's scalars and a vector of per-batch losses alike).</summary>
    public Tensor WeightedSum(IReadOnlyList<Tensor> outputLosses)
    {
        Tensor? total = null;
        for (int i = 0; i < outputLosses.Count; i++)
        {
            if (outputLosses[i] is null) continue;
            var weighted = model.LossWeights[i] == 1.0 ? outputLosses[i] : outputLosses[i] * model.LossWeights[i];
            total = total is null ? weighted : total + weighted;
        }
        return total!;
    }

    /// <summary>Adds one batch's total and per-output losses to the running means.</summary>
    public void Track(Tensor loss, Tensor[] outputLosses, long batchSize)
    {
        lossTracker.Update(loss, batchSize);
        for (int i = 0; i < outputLossTrackers.Length; i++) outputLossTrackers[i]?.Update(outputLosses[i], batchSize);
    }

    /// <summary><see cref="Track"/> for consecutive batches of <paramref name="batchSize"/>: element <c>b</c> of
    /// each tensor is batch <c>b</c>'s loss (see <see cref="EvaluationBatcher"/>).</summary>
    public void TrackInOrder(Tensor losses, Tensor[] outputLosses, long batchSize)
    {
        lossTracker.UpdateInOrder(losses, batchSize);
        for (int i = 0; i < outputLossTrackers.Length; i++) outputLossTrackers[i]?.UpdateInOrder(outputLosses[i], batchSize);
    }

    /// <summary>Adds the running means to <paramref name="logs"/>, read when a log is read.</summary>
    public void AddLazy(Logs logs)
    {
        logs.AddLazy("loss", lossTracker.Result);
        for (int i = 0; i < outputLossTrackers.Length; i++)
            if (outputLossTrackers[i] is { } t) logs.AddLazy(model.OutputNames[i] + "_loss", t.Result);
    }

    /// <summary>Adds the running means to <paramref name="logs"/>, read now.</summary>
    public void AddRead(Logs logs)
    {
        logs["loss"] = lossTracker.Result();
        for (int i = 0; i < outputLossTrackers.Length; i++)
            if (outputLossTrackers[i] is { } t) logs[model.OutputNames[i] + "_loss"] = t.Result();
    }

    /// <summary>Restarts the running means.</summary>
    public void Reset()
    {
        lossTracker.Reset();
        foreach (var t in outputLossTrackers) t?.Reset();
    }

    public void Dispose()
    {
        lossTracker.Dispose();
        foreach (var t in outputLossTrackers) t?.Dispose();
    }
}
