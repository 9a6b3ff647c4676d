using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>
/// Single-row Predict latency: <c>model.Predict(oneRow, verbose: 0)</c> against the hand-written forward a TorchSharp user
/// would call for one row (<c>no_grad</c>, a <c>DisposeScope</c>, the model's logits through <c>softmax</c>, the result
/// moved out of the scope), and against KerasSharp's own forward pass alone (<c>model.Apply</c> under <c>no_grad</c> in a
/// scope), which shows what Predict adds beyond the forward pass. Each side is timed in this thread's CPU time over a
/// block of calls, the sides interleaved (alternating order), medians of the per-block figures reported.
/// </summary>
internal static class LatencyCase
{
    /// <summary>Median CPU microseconds per call of the hand forward, KerasSharp's forward and Predict, and the median
    /// of the per-repetition ratios Predict / hand forward.</summary>
    public static (double HandUs, double ForwardUs, double PredictUs, double Ratio) Run(Model keras, nn.Module<Tensor, Tensor> hand, Tensor row,
        int reps, int calls)
    {
        var handUs = new List<double>();
        var forwardUs = new List<double>();
        var predictUs = new List<double>();
        var ratios = new List<double>();
        hand.eval();
        for (int rep = 0; rep <= reps; rep++)
        {
            double h = 0, f = 0, p = 0;
            Measure.Alternate(rep, () => h = Cpu(HandCall), () => p = Cpu(PredictCall));
            f = Cpu(ForwardCall);
            if (rep == 0) continue; // warm-up
            handUs.Add(h * 1000 / calls);
            forwardUs.Add(f * 1000 / calls);
            predictUs.Add(p * 1000 / calls);
            ratios.Add(p / h);
        }
        hand.train();
        return (Measure.Median(handUs), Measure.Median(forwardUs), Measure.Median(predictUs), Measure.Median(ratios));

        double Cpu(Action call)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            double t0 = Measure.ThreadCpuMs();
            for (int i = 0; i < calls; i++) call();
            return Measure.ThreadCpuMs() - t0;
        }

        void HandCall()
        {
            Tensor y;
            using (no_grad())
            using (var scope = NewDisposeScope())
                y = nn.functional.softmax(hand.call(row), 1).MoveToOuterDisposeScope();
            y.Dispose();
        }

        void ForwardCall()
        {
            Tensor y;
            using (no_grad())
            using (var scope = NewDisposeScope())
                y = keras.Apply(row).MoveToOuterDisposeScope();
            y.Dispose();
        }

        void PredictCall() => keras.Predict(row, verbose: 0).Dispose();
    }
}
