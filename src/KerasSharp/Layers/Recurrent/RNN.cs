using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>RNN</c>: runs a <see cref="RecurrentCell"/> over the time axis of <c>(batch, timesteps, features)</c>
/// inputs. The input projection <c>x @ kernel</c> is computed for every step at once, then the recurrence loops over
/// time. Inputs: the sequences, optionally followed by the initial state tensors (<c>[x, h0]</c>, for LSTM
/// <c>[x, h0, c0]</c>). Outputs: the last output <c>(batch, units)</c>, or every output <c>(batch, timesteps, units)</c>
/// with <see cref="ReturnSequences"/>; with <see cref="ReturnState"/> the final states follow (use <c>ApplyAll</c>).
/// A time-step mask (see <see cref="ApplyMasked"/>) makes masked steps keep the previous state and repeat the previous
/// output (zeros with <see cref="ZeroOutputForMask"/>), as Keras does. The cell is a tracked sub-layer named
/// <c>cell</c> in Keras' saving paths; its weights are this layer's weights.
/// <para>
/// LSTM, GRU and SimpleRNN cells run on LibTorch's fused recurrent kernel instead of the step loop when Keras' own
/// fused-kernel conditions hold (activation <c>tanh</c>, recurrent activation <c>sigmoid</c>, <c>use_bias</c>, GRU
/// <c>reset_after</c>, <c>unroll=False</c>, no recurrent dropout in effect, and a mask that is absent or right-padded);
/// the results are those of the loop up to float rounding, gradients included.
/// </para>
/// <para>
/// With <see cref="Stateful"/> the final states of a call are the initial states of the next (values only: no gradient
/// flows from one batch to the next), which needs a fixed batch size (<c>Input(shape, batchSize: n)</c>);
/// <see cref="ResetStates"/> sets them back to zeros. As in Keras 3 the states are not weights: they are neither saved
/// nor listed in <see cref="Layer.Weights"/>.
/// </para>
/// </summary>
public class RNN : Layer, IMaskConsumer
{
    private Tensor? pendingMask;
    private FusedRecurrence? fused;
    private bool fusedChecked;
    private Tensor[]? stateValues;
    private long? statefulBatchSize;

    /// <summary>Creates an RNN layer around <paramref name="cell"/>.</summary>
    /// <param name="cell">The step computation (<see cref="LSTMCell"/>, <see cref="GRUCell"/>, <see cref="SimpleRNNCell"/>).</param>
    /// <param name="returnSequences">Return the output of every step instead of the last one.</param>
    /// <param name="returnState">Also return the final states.</param>
    /// <param name="goBackwards">Process the sequence in reverse (the returned sequence is in processing order, reversed, as Keras).</param>
    /// <param name="stateful">Carry the final states of each batch over as the initial states of the next (needs a fixed batch size).</param>
    /// <param name="unroll">Accepted for Keras compatibility; the loop is the same either way (as Keras, true keeps the layer off the fused kernel).</param>
    /// <param name="zeroOutputForMask">Masked steps output zeros instead of the previous output.</param>
    /// <param name="activityRegularizer">Penalty on the layer's outputs.</param>
    /// <param name="inputShape">Keras 2 style input shape <c>(timesteps, features)</c> without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name.</param>
    public RNN(RecurrentCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool unroll = false, bool zeroOutputForMask = false, Regularizer? activityRegularizer = null,
        Shape? inputShape = null, string? name = null)
        : base(name, inputShape: inputShape)
    {
        ArgumentNullException.ThrowIfNull(cell);
        Cell = TrackLayer(cell);
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        Unroll = unroll;
        ZeroOutputForMask = zeroOutputForMask;
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>The cell run at every step (Keras' <c>layer.cell</c>).</summary>
    public RecurrentCell Cell { get; }
    /// <summary>Whether every step's output is returned.</summary>
    public bool ReturnSequences { get; }
    /// <summary>Whether the final states are returned after the output.</summary>
    public bool ReturnState { get; }
    /// <summary>Whether the sequence is processed in reverse.</summary>
    public bool GoBackwards { get; }
    /// <summary>Whether the final states of a call are the initial states of the next (Keras' <c>stateful</c>).</summary>
    public bool Stateful { get; }
    /// <summary>Keras' <c>unroll</c>: the same values either way; true keeps the layer on the step loop (off the fused kernel), as Keras.</summary>
    public bool Unroll { get; }
    /// <summary>Whether masked steps output zeros (else the previous output).</summary>
    public bool ZeroOutputForMask { get; internal set; }
    /// <summary>Output size (the cell's units).</summary>
    public int Units => Cell.Units;

    /// <summary>
    /// The states carried between calls of a stateful layer (Keras' <c>layer.states</c>): one <c>(batch, units)</c> tensor
    /// per state, zeros until the first call; null when the layer is not stateful or not built.
    /// </summary>
    public IReadOnlyList<Tensor>? States => stateValues;

    /// <summary>Sets the carried states of a stateful layer back to zeros (Keras' <c>reset_state()</c>); no effect otherwise.</summary>
    public void ResetStates()
    {
        if (stateValues is null) return;
        using var _ = no_grad();
        foreach (var s in stateValues) s.zero_();
    }

    /// <summary>Keras' <c>reset_state()</c> (the newer name of <see cref="ResetStates"/>).</summary>
    public void ResetState() => ResetStates();

    private protected override bool BuildsWithBatchSize => Stateful;

    /// <summary>Whether this layer may use the fused kernel when Keras' conditions hold (tests turn it off to compare
    /// with the loop; <c>KERASSHARP_FUSED_RNN=0</c> in the environment turns it off for every layer created after).</summary>
    internal bool FusedKernelAllowed { get; set; } = FusedRecurrence.EnabledByEnvironment;

    /// <summary>Whether the last call ran on the fused kernel (for tests).</summary>
    internal bool LastCallFused { get; private set; }

    /// <summary>Creates an equivalent fresh layer (new weights) with the given name and direction; used by <see cref="Bidirectional"/>.</summary>
    internal virtual RNN Recreate(string name, bool goBackwards) =>
        throw new ArgumentException($"Layer \"{Name}\" wraps a custom cell ({Cell.GetType().Name}) that KerasSharp cannot copy: pass backwardLayer explicitly to Bidirectional.");

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        var s = inputShapes[0];
        if (s.Rank != 3)
            throw new ArgumentException($"Input 0 of layer \"{Name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Rank}. Full shape received: {s}", nameof(inputShapes));
        if (s[2] is null)
            throw new ArgumentException($"Layer \"{Name}\": the feature axis of the input must be known, but received input shape {s}.", nameof(inputShapes));
        if (Stateful && s[0] is null)
            throw new ArgumentException($"Layer \"{Name}\": when using stateful=True in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape={s}. Give the input a fixed batch size (Input(shape, batchSize: n)).", nameof(inputShapes));
        Cell.EnsureBuilt(new Shape(s[0], s[2]));
        InputSpec = new InputSpec { Rank = 3, Axes = new Dictionary<int, long> { [-1] = s[2]!.Value } };
        if (Stateful)
        {
            statefulBatchSize = s[0]!.Value;
            stateValues = Enumerable.Range(0, Cell.StateCount)
                .Select(_ => zeros([statefulBatchSize.Value, Units], ScalarType.Float32, Cell.Kernel!.device).DetachFromDisposeScope())
                .ToArray();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> ApplyMasked(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        pendingMask = mask;
        try
        {
            return ApplyAll(inputs, training);
        }
        finally
        {
            pendingMask = null;
        }
    }

    /// <summary>Runs the layer on <paramref name="x"/> with a time-step <paramref name="mask"/> and returns its (single) output.</summary>
    public Tensor Apply(Tensor x, Tensor? mask, bool training = false)
    {
        var outputs = ApplyMasked([x], mask, training);
        return outputs.Count == 1
            ? outputs[0]
            : throw new InvalidOperationException($"Layer \"{Name}\" returns {outputs.Count} outputs; use ApplyMasked to receive all of them.");
    }

    /// <inheritdoc />
    public Tensor? ComputeOutputMask(Tensor? inputMask) => ReturnSequences ? inputMask : null;

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        var x = inputs[0];
        if (x.dim() != 3)
            throw new ArgumentException($"Input 0 of layer \"{Name}\" is incompatible with the layer: expected ndim=3, found ndim={x.dim()}. Full shape received: {Shape.Of(x)}", nameof(inputs));
        long batch = x.shape[0], steps = x.shape[1];
        int stateCount = Cell.StateCount;
        if (inputs.Count != 1 && inputs.Count != 1 + stateCount)
            throw new ArgumentException($"Layer \"{Name}\" expects the sequences, optionally followed by {stateCount} initial state tensor(s), but received {inputs.Count} input(s).", nameof(inputs));
        if (steps == 0)
            throw new ArgumentException($"Layer \"{Name}\" received a sequence with 0 time steps (input shape {Shape.Of(x)}).", nameof(inputs));
        if (Stateful && batch != statefulBatchSize)
            throw new ArgumentException($"Layer \"{Name}\" is stateful with batch size {statefulBatchSize}, but received a batch of {batch} sequences (input shape {Shape.Of(x)}); every batch of a stateful RNN must have the batch size it was built for.", nameof(inputs));
        var states = new Tensor[stateCount];
        for (int i = 0; i < stateCount; i++)
        {
            if (inputs.Count == 1)
            {
                // A copy of the carried state: the graph of this call must not see the in-place update below (Keras'
                // torch backend copies the states for the same reason).
                states[i] = Stateful ? stateValues![i].to(x.device, copy: true) : zeros([batch, Units], ScalarType.Float32, x.device);
                continue;
            }
            var s = inputs[1 + i];
            if (s.dim() != 2 || s.shape[0] != batch || s.shape[1] != Units)
                throw new ArgumentException($"Layer \"{Name}\": initial state {i} must have shape ({batch}, {Units}), but received {Shape.Of(s)}.", nameof(inputs));
            states[i] = s;
        }

        Tensor? mask = null;
        if (pendingMask is Tensor m)
        {
            if (m.dim() != 2 || m.shape[0] != batch || m.shape[1] != steps)
                throw new ArgumentException($"Layer \"{Name}\": the mask must have shape ({batch}, {steps}) (batch, timesteps), but received {Shape.Of(m)}.", "mask");
            mask = (m.dtype == ScalarType.Bool ? m : m.ne(0)).to(x.device);
        }

        var dp = RecurrentCell.DropoutMask(Cell.Dropout, [batch, x.shape[2]], x.device, training);
        if (dp is not null) x = x * dp.unsqueeze(1);
        var runner = FusedRunner(training);
        Tensor? lengths = null;
        LastCallFused = runner is not null && FusedRecurrence.TryLengths(mask, out lengths);
        var (result, finalStates) = LastCallFused
            ? runner!.RunLayer(x, states, mask, lengths, GoBackwards, ReturnSequences, ZeroOutputForMask)
            : Loop(x, states, mask, training);
        if (Stateful)
        {
            using var _ = no_grad();
            for (int i = 0; i < stateCount; i++) stateValues![i].copy_(finalStates[i]);
        }
        return ReturnState ? [result, .. finalStates] : [result];
    }

    /// <summary>The fused runner when this layer's configuration allows it (Keras' conditions), else null.</summary>
    private FusedRecurrence? FusedRunner(bool training)
    {
        if (Unroll || (training && Cell.RecurrentDropout > 0) || !FusedKernelAllowed) return null;
        if (!fusedChecked)
        {
            fused = FusedRecurrence.TryCreate(Cell);
            fusedChecked = true;
        }
        return fused;
    }

    /// <summary>The step loop: <paramref name="x"/> (dropout applied) from <paramref name="states"/>; returns the output and the final states.</summary>
    private (Tensor Output, Tensor[] States) Loop(Tensor x, Tensor[] states, Tensor? mask, bool training)
    {
        long batch = x.shape[0], steps = x.shape[1];
        int stateCount = states.Length;
        if (GoBackwards)
        {
            x = x.flip(1);
            mask = mask?.flip(1);
        }

        var rec = RecurrentCell.DropoutMask(Cell.RecurrentDropout, [batch, Units], x.device, training);
        var projected = Cell.ProjectInputs(x);

        var outputs = ReturnSequences ? new Tensor[steps] : null;
        Tensor? output = null;
        Tensor? prevOutput = mask is null ? null : zeros([batch, Units], ScalarType.Float32, x.device);
        for (long t = 0; t < steps; t++)
        {
            var (o, next) = Cell.Step(projected.select(1, t), states, rec);
            if (mask is not null)
            {
                var keep = mask.select(1, t).unsqueeze(1);
                o = where(keep, o, ZeroOutputForMask ? zeros_like(o) : prevOutput!);
                for (int i = 0; i < stateCount; i++) next[i] = where(keep, next[i], states[i]);
                prevOutput = o;
            }
            states = next;
            output = o;
            if (outputs is not null) outputs[t] = o;
        }
        var result = outputs is not null ? stack(outputs, 1) : output!;
        return (result, states);
    }

    /// <inheritdoc />
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var s = inputShapes[0];
        if (s.Rank != 3)
            throw new ArgumentException($"Input 0 of layer \"{Name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Rank}. Full shape received: {s}", nameof(inputShapes));
        var output = ReturnSequences ? new Shape(s[0], s[1], Units) : new Shape(s[0], Units);
        if (!ReturnState) return [output];
        return [output, .. Enumerable.Repeat(new Shape(s[0], Units), Cell.StateCount)];
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var shapes = ComputeOutputShapes([inputShape]);
        return shapes.Count == 1
            ? shapes[0]
            : throw new InvalidOperationException($"Layer \"{Name}\" returns {shapes.Count} outputs (returnState); use ComputeOutputShapes.");
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["return_sequences"] = ReturnSequences;
        config["return_state"] = ReturnState;
        config["go_backwards"] = GoBackwards;
        config["stateful"] = Stateful;
        config["unroll"] = Unroll;
        config["zero_output_for_mask"] = ZeroOutputForMask;
        config["cell"] = new Dictionary<string, object?>
        {
            ["module"] = "keras.layers",
            ["class_name"] = Cell.GetType().Name,
            ["config"] = Cell.GetConfig(),
            ["registered_name"] = null,
        };
        return config;
    }
}
