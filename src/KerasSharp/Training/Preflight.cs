using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// Checks the data against the model before any step changes a weight: builds the model on the first batch, runs one
/// inference pass and the loss on it, and checks every target's shape against its loss and the sample weights' shape
/// against the per-sample loss values. A bad call then throws with the weights as they were.
/// </summary>
internal sealed class Preflight(Model model, CompiledLoss loss)
{
    /// <summary>Checks <paramref name="data"/> on its first batch of <paramref name="batchSize"/> rows, then every target
    /// against the loss (integer labels in range, ...).</summary>
    public void Check(InMemoryData data, int batchSize)
    {
        using var scope = NewDisposeScope();
        var (xb, yb, wb) = data.Batch(0, (int)Math.Min(batchSize, data.Count), null);
        Check(xb, yb, wb);
        if (data.Ys is { } ys && loss.HasLoss)
        {
            IReadOnlyList<Tensor> one;
            using (no_grad()) one = model.ApplyAll(xb.Select(x => x.narrow(0, 0, 1)).ToArray());
            for (int i = 0; i < ys.Count; i++)
                model.OutputLosses[i]?.ValidateTargets(ys[i], ys[i].dim() > 0 ? Shape.Of(one[i]) : default);
        }
    }

    /// <summary>Checks one batch: the forward pass, the targets' and weights' shapes, and the loss.</summary>
    public void Check(Tensor[] xb, Tensor[]? yb, Tensor? wb)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var yPred = model.ApplyAll(xb, training: false);
        if (yb is not null && loss.HasLoss)
        {
            if (yb.Length != yPred.Count)
                throw new ArgumentException($"Model \"{model.Name}\" has {yPred.Count} outputs, but y provides {yb.Length} target arrays.", "y");
            for (int i = 0; i < yb.Length; i++)
                if (model.OutputLosses[i] is { } l) CheckTargetShape(yb[i], yPred[i], l, i);
            CheckSampleWeightShape(yb, yPred, wb);
        }
        if (yb is not null || !loss.HasLoss) loss.Compute(yb, yPred, wb, out _);
    }

    /// <summary>Tells the losses that Preflight checked every target, so that steps skip their own checks.</summary>
    public void SetTargetsPrevalidated(bool value)
    {
        foreach (var l in model.OutputLosses) l?.TargetsPrevalidated = value;
    }

    /// <summary>
    /// Keras weighs each output's per-sample loss values by the sample weights after aligning their ranks (a trailing
    /// axis of 1 dropped or added), then broadcasting: so the weights are one per sample, <c>(n,)</c> or <c>(n, 1)</c>, or
    /// have the per-sample loss's own shape (per-timestep weights). A shape that would instead broadcast the loss values
    /// to a larger shape (e.g. <c>(n, 3)</c> against a loss of shape <c>(n,)</c>, which LibTorch silently accepts when
    /// n is 3) is refused, naming both shapes.
    /// </summary>
    public void CheckSampleWeightShape(IReadOnlyList<Tensor>? yb, IReadOnlyList<Tensor> yPred, Tensor? wb)
    {
        if (wb is null || yb is null) return;
        var w = Shape.Of(wb);
        for (int i = 0; i < Math.Min(yb.Count, model.OutputLosses.Count); i++)
        {
            if (model.OutputLosses[i] is not { } l) continue;
            var v = Shape.Of(l.Call(yb[i], yPred[i]));
            if (v.Rank == 0 || WeightFits(w, v)) continue;
            string output = yb.Count == 1 ? "" : $" of output '{model.OutputNames[i]}'";
            string perSample = v.Rank == 1 ? "" : $", or the per-sample loss shape {v.WithBatchUnknown()}";
            throw new ArgumentException(
                $"sampleWeight has shape {w}, which does not fit the per-sample values of loss '{l.Name}'{output} (shape {v}): " +
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

    private void CheckTargetShape(Tensor yTrue, Tensor yPred, Losses.Loss l, int output)
    {
        // Same rule as Keras' losses: targets must broadcast to the predictions after squeezing a trailing 1 axis.
        var t = Shape.Of(yTrue);
        var p = Shape.Of(yPred);
        string y = model.OutputLosses.Count == 1 ? "y" : $"y[{output}] (output '{model.OutputNames[output]}')";
        if (l.ExpectsSparseTargets)
        {
            bool ok = t.Rank == p.Rank - 1 || (t.Rank == p.Rank && t[^1] == 1);
            if (!ok)
                throw new ArgumentException($"Targets {y} with shape {t.WithBatchUnknown()} are incompatible with sparse categorical cross-entropy on predictions of shape {p.WithBatchUnknown()} from model \"{model.Name}\": expected integer class labels of shape (None,) or (None, 1).", "y");
            return;
        }
        if (t.Rank == p.Rank && !t[1..].Equals(p[1..]) && !(t[^1] == 1 || p[^1] == 1))
            throw new ArgumentException($"Targets {y} with shape {t.WithBatchUnknown()} are incompatible with the output of model \"{model.Name}\" with shape {p.WithBatchUnknown()} for loss '{l.Name}'.", "y");
        if (t.Rank != p.Rank && !(t.Rank == p.Rank - 1 && p[^1] == 1) && !(t.Rank == p.Rank + 1 && t[^1] == 1))
            throw new ArgumentException($"Targets {y} with shape {t.WithBatchUnknown()} are incompatible with the output of model \"{model.Name}\" with shape {p.WithBatchUnknown()} for loss '{l.Name}'.", "y");
    }
}
