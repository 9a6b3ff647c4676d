using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

/// <summary>
/// The fused LibTorch kernel path of LSTM / GRU / SimpleRNN (and so Bidirectional) against the step loop of the same
/// layer with the same weights: outputs, final states and the gradients of a weighted sum of every output with respect
/// to the input, the initial states, kernel, recurrent_kernel and bias agree within 1e-6 (float rounding of the kernel's
/// other summation order). The loop itself is checked against Keras' numbers in the other recurrent tests and the
/// conformance corpus; here the layers' configurations follow Keras' fused-kernel conditions
/// (keras/src/layers/rnn/lstm.py and gru.py: tanh, sigmoid, use_bias, reset_after, no recurrent dropout, unroll False,
/// mask absent or right-padded).
/// </summary>
[Collection(GlobalState.Name)]
public class FusedRecurrenceTests
{
    private const long Batch = 3, Steps = 5, Features = 4, Units = 6;

    public enum Kind { Lstm, Gru, SimpleRnn }

    private static RNN Create(Kind kind, bool returnSequences, bool returnState, bool goBackwards, bool zeroOutputForMask = false) => kind switch
    {
        Kind.Lstm => new LSTM((int)Units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
        Kind.Gru => new GRU((int)Units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
        _ => new SimpleRNN((int)Units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
    };

    /// <summary>Gives every weight of <paramref name="target"/> the value of the same weight of <paramref name="source"/>.</summary>
    private static void CopyWeights(Layer source, Layer target)
    {
        using var _ = no_grad();
        var s = source.Weights;
        var t = target.Weights;
        Assert.Equal(s.Count, t.Count);
        for (int i = 0; i < s.Count; i++) t[i].copy_(s[i]);
    }

    /// <summary>Random non-zero weights (biases included, so that every bias block matters).</summary>
    private static void Randomize(Layer layer)
    {
        using var _ = no_grad();
        foreach (var w in layer.Weights) w.copy_(randn(w.shape) * 0.5);
    }

    /// <summary>Outputs and the gradients of sum(outputs * fixed random weights) w.r.t. the inputs and the trainable weights.</summary>
    private static (Tensor[] Outputs, Tensor[] Grads) OutputsAndGrads(Layer layer, Tensor x, Tensor[] initial, Tensor? mask, int seed)
    {
        var xs = new[] { x }.Concat(initial).Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        IReadOnlyList<Tensor> outs = layer is IMaskConsumer mc ? mc.ApplyMasked(xs, mask) : layer.ApplyAll(xs);
        var gen = new TorchSharp.torch.Generator((ulong)seed);
        var loss = outs.Select(o => (o * rand(o.shape, generator: gen)).sum()).Aggregate((a, b) => a + b);
        var wanted = xs.Concat(layer.TrainableWeights.Select(w => (Tensor)w)).ToList();
        var grads = TorchSharp.torch.autograd.grad([loss], wanted, allow_unused: true);
        return (outs.Select(o => o.detach()).ToArray(), grads.Select(g => g ?? zeros(1)).ToArray());
    }

    /// <summary>Runs <paramref name="fused"/> (fused kernel allowed) and an identical loop-only copy and compares everything.</summary>
    private static void AssertSameAsLoop(Func<Layer> create, Tensor x, Tensor[] initial, Tensor? mask, bool expectFused = true)
    {
        random.manual_seed(7);
        var fused = create();
        var loop = create();
        var shapes = new[] { Shape.Of(x) }.Concat(initial.Select(s => Shape.Of(s))).ToArray();
        fused.EnsureBuiltAll([shapes[0]]);
        loop.EnsureBuiltAll([shapes[0]]);
        Randomize(fused);
        CopyWeights(fused, loop);
        foreach (var r in Recurrents(loop)) r.FusedKernelAllowed = false;
        var (fo, fg) = OutputsAndGrads(fused, x, initial, mask, 11);
        foreach (var r in Recurrents(fused)) Assert.Equal(expectFused, r.LastCallFused);
        var (lo, lg) = OutputsAndGrads(loop, x, initial, mask, 11);
        foreach (var r in Recurrents(loop)) Assert.False(r.LastCallFused);
        Assert.Equal(lo.Length, fo.Length);
        for (int i = 0; i < lo.Length; i++)
        {
            Assert.Equal(lo[i].shape, fo[i].shape);
            AssertClose(lo[i], fo[i]);
        }
        Assert.Equal(lg.Length, fg.Length);
        for (int i = 0; i < lg.Length; i++)
        {
            Assert.Equal(lg[i].shape, fg[i].shape);
            AssertClose(lg[i], fg[i]);
        }
    }

    /// <summary>|fused - loop| &lt;= 1e-6 * max(1, |loop|): float32 rounding of the kernel's other summation order.</summary>
    private static void AssertClose(Tensor loop, Tensor fused)
    {
        var l = loop.to_type(ScalarType.Float64).reshape(-1);
        var f = fused.to_type(ScalarType.Float64).reshape(-1);
        var excess = (l - f).abs() - l.abs().clamp_min(1) * 1e-6;
        long worst = excess.argmax().item<long>();
        Assert.True(excess[worst].item<double>() <= 0,
            $"element {worst}: loop {l[worst].item<double>():R}, fused {f[worst].item<double>():R}");
    }

    private static IEnumerable<RNN> Recurrents(Layer layer) => layer switch
    {
        RNN r => [r],
        Bidirectional b => [b.ForwardLayer, b.BackwardLayer],
        SharedTwice s => [s.Inner],
        _ => [],
    };

    private static Tensor Input() => randn(Batch, Steps, Features, generator: new TorchSharp.torch.Generator(3));

    private static Tensor[] InitialStates(Kind kind) =>
        Enumerable.Range(0, kind == Kind.Lstm ? 2 : 1).Select(i => randn([Batch, Units], generator: new TorchSharp.torch.Generator((ulong)(5 + i)))).ToArray();

    /// <summary>Row lengths 5, 3, 1: right-padded.</summary>
    private static Tensor RightPadded() => tensor(new[] { true, true, true, true, true, true, true, true, false, false, true, false, false, false, false }).reshape(Batch, Steps);

    public static TheoryData<Kind, bool, bool, bool> Configurations()
    {
        var data = new TheoryData<Kind, bool, bool, bool>();
        foreach (var kind in Enum.GetValues<Kind>())
            foreach (var seq in new[] { false, true })
                foreach (var back in new[] { false, true })
                    data.Add(kind, seq, back, !seq);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void NoMaskMatchesTheLoop(Kind kind, bool returnSequences, bool goBackwards, bool returnState)
    {
        AssertSameAsLoop(() => Create(kind, returnSequences, returnState, goBackwards), Input(), [], null);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void InitialStatesMatchTheLoop(Kind kind, bool returnSequences, bool goBackwards, bool returnState)
    {
        AssertSameAsLoop(() => Create(kind, returnSequences, returnState, goBackwards), Input(), InitialStates(kind), null);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void RightPaddedMaskMatchesTheLoop(Kind kind, bool returnSequences, bool goBackwards, bool returnState)
    {
        AssertSameAsLoop(() => Create(kind, returnSequences, returnState, goBackwards), Input(), InitialStates(kind), RightPadded());
        AssertSameAsLoop(() => Create(kind, returnSequences, returnState, goBackwards, zeroOutputForMask: true), Input(), [], RightPadded());
    }

    [Theory]
    [InlineData(Kind.Lstm, "concat")]
    [InlineData(Kind.Gru, "sum")]
    [InlineData(Kind.SimpleRnn, null)]
    public void BidirectionalMatchesTheLoop(Kind kind, string? mergeMode)
    {
        AssertSameAsLoop(() => new Bidirectional(Create(kind, true, false, false), mergeMode), Input(), [], null);
        AssertSameAsLoop(() => new Bidirectional(Create(kind, true, false, false), mergeMode), Input(), [], RightPadded());
        AssertSameAsLoop(() => new Bidirectional(Create(kind, false, true, false), mergeMode), Input(), [], RightPadded());
    }

    [Fact]
    public void AllStepsKeptRunsUnmasked()
    {
        AssertSameAsLoop(() => Create(Kind.Lstm, true, true, false), Input(), [], ones(Batch, Steps, dtype: ScalarType.Bool));
    }

    [Fact]
    public void LeftPaddedOrEmptyRowMasksFallBackToTheLoop()
    {
        var leftPadded = RightPadded().flip(1);
        AssertSameAsLoop(() => Create(Kind.Lstm, true, false, false), Input(), [], leftPadded, expectFused: false);
        var emptyRow = RightPadded().clone();
        emptyRow[2] = zeros(Steps, dtype: ScalarType.Bool);
        AssertSameAsLoop(() => Create(Kind.Gru, true, true, false), Input(), [], emptyRow, expectFused: false);
    }

    [Fact]
    public void ConfigurationsOutsideKerasConditionsFallBackToTheLoop()
    {
        var x = Input();
        AssertSameAsLoop(() => new LSTM((int)Units, activation: KerasSharp.Activations.ActivationRegistry.Get("relu")), x, [], null, expectFused: false);
        AssertSameAsLoop(() => new LSTM((int)Units, recurrentActivation: KerasSharp.Activations.ActivationRegistry.Get("hard_sigmoid")), x, [], null, expectFused: false);
        AssertSameAsLoop(() => new LSTM((int)Units, useBias: false), x, [], null, expectFused: false);
        AssertSameAsLoop(() => new LSTM((int)Units, unroll: true), x, [], null, expectFused: false);
        AssertSameAsLoop(() => new GRU((int)Units, resetAfter: false), x, [], null, expectFused: false);
        AssertSameAsLoop(() => new SimpleRNN((int)Units, activation: KerasSharp.Activations.ActivationRegistry.Get("relu")), x, [], null, expectFused: false);
    }

    [Fact]
    public void RecurrentDropoutExcludesTheKernelOnlyInTraining()
    {
        var x = Input();
        var training = new LSTM((int)Units, recurrentDropout: 0.5);
        training.EnsureBuilt(Shape.Of(x));
        training.ApplyAll([x], training: true);
        Assert.False(training.LastCallFused);
        training.ApplyAll([x], training: false);
        Assert.True(training.LastCallFused);
        // Input dropout stays on the kernel (Keras drops the inputs before its fused call).
        var dropout = new GRU((int)Units, dropout: 0.5);
        dropout.ApplyAll([x], training: true);
        Assert.True(dropout.LastCallFused);
    }

    [Fact]
    public void TrainingStepsAndInferenceReuseOneModuleWithoutLeakingTensors()
    {
        var lstm = new LSTM((int)Units, returnSequences: true);
        var x = Input();
        lstm.EnsureBuilt(Shape.Of(x));
        for (int i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            var y = lstm.Apply(x.requires_grad_(false));
            y.sum().backward();
            lstm.Apply(x);
        }
        long before = TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
        {
            using var scope = NewDisposeScope();
            lstm.Apply(x).sum().backward();
            using (no_grad()) lstm.Apply(x);
        }
        foreach (var w in lstm.TrainableWeights) w.grad?.zero_();
        Assert.True(TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount - before < 20, $"live tensors grew by {TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount - before} over 20 steps");
    }

    [Fact]
    public void GruCallsReuseOneModuleAndLeaveNoTensorBehind()
    {
        // The module (and GRU's gate permutation) used to be re-created on every call: the device check compared
        // TorchSharp Device objects by reference. 20 steps + 20 inferences must not add live tensors.
        var gru = new GRU((int)Units, returnSequences: true);
        var x = Input();
        gru.EnsureBuilt(Shape.Of(x));
        for (int i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            gru.Apply(x).sum().backward();
            using (no_grad()) gru.Apply(x);
        }
        long before = TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
        {
            using var scope = NewDisposeScope();
            gru.Apply(x).sum().backward();
            using (no_grad()) gru.Apply(x);
        }
        Assert.True(gru.LastCallFused);
        long grown = TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount - before;
        Assert.True(grown <= 2, $"live tensors grew by {grown} over 20 steps and 20 inferences");
    }

    [Fact]
    public void ForwardScopeDisposedBeforeBackwardStillDifferentiates()
    {
        // The kernel's graph lives as long as the autograd node, not as long as the scope of the forward call.
        var x = Input();
        var fused = new GRU((int)Units);
        var loop = new GRU((int)Units);
        fused.EnsureBuilt(Shape.Of(x));
        loop.EnsureBuilt(Shape.Of(x));
        CopyWeights(fused, loop);
        loop.FusedKernelAllowed = false;
        foreach (var layer in new RNN[] { fused, loop })
        {
            Tensor loss;
            using (NewDisposeScope())
                loss = (layer.Apply(x) * x[.., 0, ..1]).sum().MoveToOuterDisposeScope();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            loss.backward();
        }
        Assert.True(fused.LastCallFused);
        for (int i = 0; i < 3; i++) AssertClose(loop.TrainableWeights[i].grad!, fused.TrainableWeights[i].grad!);
    }

    [Fact]
    public void SameLayerTwiceBeforeBackwardGivesBothGradients()
    {
        // A shared layer called twice in one graph: the first call's kernel graph must survive the second call.
        var x = Input();
        AssertSameAsLoop(() => new SharedTwice(), x, [], null);
    }

    /// <summary>One LSTM applied to the input and to its reverse, outputs added.</summary>
    private sealed class SharedTwice : Layer
    {
        private readonly LSTM lstm;

        public SharedTwice() => lstm = TrackLayer(new LSTM((int)Units));

        public LSTM Inner => lstm;

        protected override void Build(Shape inputShape) => lstm.EnsureBuilt(inputShape);

        protected override Tensor Call(Tensor x, bool training) => lstm.Apply(x) + lstm.Apply(x.flip(1));
    }
}
