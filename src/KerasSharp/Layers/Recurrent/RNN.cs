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
/// </summary>
public class RNN : Layer, IMaskConsumer
{
    private Tensor? pendingMask;

    /// <summary>Creates an RNN layer around <paramref name="cell"/>.</summary>
    /// <param name="cell">The step computation (<see cref="LSTMCell"/>, <see cref="GRUCell"/>, <see cref="SimpleRNNCell"/>).</param>
    /// <param name="returnSequences">Return the output of every step instead of the last one.</param>
    /// <param name="returnState">Also return the final states.</param>
    /// <param name="goBackwards">Process the sequence in reverse (the returned sequence is in processing order, reversed, as Keras).</param>
    /// <param name="stateful">Keras' stateful RNNs (state carried between batches) are not supported: true is rejected.</param>
    /// <param name="unroll">Accepted for Keras compatibility; the loop is the same either way.</param>
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
        if (stateful)
            throw new ArgumentException($"{GetType().Name}: stateful=True (states carried from one batch to the next) is not supported by KerasSharp; pass stateful: false and feed the previous final states as initial states (returnState: true, then ApplyAll([x, h, c])) instead.", nameof(stateful));
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
    /// <summary>Always false (stateful RNNs are rejected).</summary>
    public bool Stateful { get; }
    /// <summary>Keras' <c>unroll</c> (no effect here).</summary>
    public bool Unroll { get; }
    /// <summary>Whether masked steps output zeros (else the previous output).</summary>
    public bool ZeroOutputForMask { get; internal set; }
    /// <summary>Output size (the cell's units).</summary>
    public int Units => Cell.Units;

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
        Cell.EnsureBuilt(new Shape(s[0], s[2]));
        InputSpec = new InputSpec { Rank = 3, Axes = new Dictionary<int, long> { [-1] = s[2]!.Value } };
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
        var states = new Tensor[stateCount];
        for (int i = 0; i < stateCount; i++)
        {
            if (inputs.Count == 1)
            {
                states[i] = zeros([batch, Units], ScalarType.Float32, x.device);
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
        if (GoBackwards)
        {
            x = x.flip(1);
            mask = mask?.flip(1);
        }

        var dp = RecurrentCell.DropoutMask(Cell.Dropout, [batch, x.shape[2]], x.device, training);
        if (dp is not null) x = x * dp.unsqueeze(1);
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
        return ReturnState ? [result, .. states] : [result];
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
