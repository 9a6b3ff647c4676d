using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>The hand-written loops, as a TorchSharp user would write them.</summary>
internal static class HandLoops
{
    /// <summary>One epoch: a DisposeScope per batch, batches by index_select from a random permutation,
    /// zero_grad / backward / step, and <c>loss.item()</c> every step.</summary>
    public static double TrainEpoch(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, nn.Module<Tensor, Tensor, Tensor> loss,
        Tensor x, Tensor labels, int batchSize)
    {
        model.train();
        long n = x.shape[0];
        double total = 0;
        using var epochScope = NewDisposeScope();
        var perm = randperm(n);
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var idx = perm.narrow(0, start, Math.Min(batchSize, n - start));
            var xb = x.index_select(0, idx);
            var yb = labels.index_select(0, idx);
            optimizer.zero_grad();
            var output = model.forward(xb);
            var l = loss.forward(output, yb);
            l.backward();
            optimizer.step();
            total += l.item<float>();
        }
        return total;
    }

    /// <summary>no_grad evaluation: loss and correct-prediction count per batch, read back each batch.</summary>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss,
        Tensor x, Tensor labels, int batchSize)
    {
        model.eval();
        long n = x.shape[0];
        double totalLoss = 0, correct = 0;
        using var noGrad = no_grad();
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long len = Math.Min(batchSize, n - start);
            var xb = x.narrow(0, start, len);
            var yb = labels.narrow(0, start, len);
            var output = model.forward(xb);
            totalLoss += loss.forward(output, yb).item<float>() * len;
            correct += output.argmax(1).eq(yb).sum().item<long>();
        }
        return (totalLoss / n, correct / n);
    }

    /// <summary>no_grad prediction: softmax probabilities per batch (a DisposeScope per batch, the output moved out of
    /// it), concatenated.</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor x, int batchSize)
    {
        model.eval();
        long n = x.shape[0];
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        var outputs = new List<Tensor>();
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            outputs.Add(nn.functional.softmax(model.forward(x.narrow(0, start, Math.Min(batchSize, n - start))), 1).MoveToOuterDisposeScope());
        }
        return cat(outputs, 0).MoveToOuterDisposeScope();
    }
}
