using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Bidirectional</c> wrapper: runs a recurrent layer forward and a copy of it backward (<c>goBackwards</c>)
/// over the sequence and merges the two outputs (<c>concat</c> by default; <c>sum</c>, <c>mul</c>, <c>ave</c>, or
/// <c>null</c> for both outputs separately). With <c>returnSequences</c> the backward outputs are flipped back to
/// forward time order before merging. As Keras, the forward direction is a fresh copy of the given layer named
/// <c>forward_&lt;name&gt;</c>, the backward direction the given <c>backwardLayer</c> or else a fresh copy with
/// <c>goBackwards: true</c> named <c>backward_&lt;name&gt;</c>; both are tracked sub-layers (forward weights first),
/// saved at <c>forward_layer/cell</c> and <c>backward_layer/cell</c>, and serialized as the <c>layer</c> and
/// <c>backward_layer</c> config entries. With <c>returnSequences</c> masked steps output zeros in both directions.
/// Initial states, when given, are the forward states followed by the backward states.
/// </summary>
public class Bidirectional : Layer, IMaskConsumer
{
    private static readonly string?[] MergeModes = ["concat", "sum", "mul", "ave", null];

    /// <summary>Creates a Bidirectional wrapper.</summary>
    /// <param name="layer">The recurrent layer to run in both directions (<see cref="LSTM"/>, <see cref="GRU"/>, <see cref="SimpleRNN"/>); only its configuration is used (Keras' <c>layer</c>).</param>
    /// <param name="mergeMode"><c>"concat"</c> (default), <c>"sum"</c>, <c>"mul"</c>, <c>"ave"</c>, or null to return both outputs.</param>
    /// <param name="backwardLayer">Optional layer for the backward direction (must have <c>goBackwards: true</c> and the same
    /// <c>returnSequences</c>/<c>returnState</c>); by default a copy of <paramref name="layer"/>.</param>
    /// <param name="inputShape">Keras 2 style input shape <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name (default <c>bidirectional</c>, ...).</param>
    public Bidirectional(RNN layer, string? mergeMode = "concat", RNN? backwardLayer = null, Shape? inputShape = null, string? name = null)
        : base(name, inputShape: inputShape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!MergeModes.Contains(mergeMode))
            throw new ArgumentException($"Bidirectional: invalid merge_mode. Received: merge_mode={mergeMode}. merge_mode should be one of \"concat\", \"sum\", \"mul\", \"ave\" or null.", nameof(mergeMode));
        ForwardLayer = TrackLayer(layer.Recreate("forward_" + RemovePrefix(layer.Name, "forward_"), layer.GoBackwards));
        BackwardLayer = TrackLayer(backwardLayer ?? layer.Recreate("backward_" + RemovePrefix(layer.Name, "backward_"), goBackwards: true));
        if (BackwardLayer.GoBackwards == ForwardLayer.GoBackwards)
            throw new ArgumentException($"Bidirectional: the forward layer and the backward layer must have different go_backwards values; received go_backwards={ForwardLayer.GoBackwards} for both.", nameof(backwardLayer));
        if (BackwardLayer.ReturnSequences != ForwardLayer.ReturnSequences || BackwardLayer.ReturnState != ForwardLayer.ReturnState)
            throw new ArgumentException($"Bidirectional: the forward layer and the backward layer must have the same return_sequences and return_state; received forward ({ForwardLayer.ReturnSequences}, {ForwardLayer.ReturnState}) and backward ({BackwardLayer.ReturnSequences}, {BackwardLayer.ReturnState}).", nameof(backwardLayer));
        MergeMode = mergeMode;
        // As Keras: with return_sequences masked steps output zeros in both directions (whatever the layers were given).
        ForwardLayer.ZeroOutputForMask = ForwardLayer.ReturnSequences;
        BackwardLayer.ZeroOutputForMask = BackwardLayer.ReturnSequences;
    }

    private static string RemovePrefix(string s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;

    /// <summary>The forward direction: a fresh copy of the given layer named <c>forward_&lt;name&gt;</c> (Keras' <c>forward_layer</c>; its weights are saved at <c>forward_layer/cell</c>).</summary>
    public RNN ForwardLayer { get; }
    /// <summary>The backward direction: the given <c>backwardLayer</c>, else a fresh copy of the given layer with <c>goBackwards: true</c> named <c>backward_&lt;name&gt;</c> (Keras' <c>backward_layer</c>; weights at <c>backward_layer/cell</c>).</summary>
    public RNN BackwardLayer { get; }
    /// <summary>How the two directions are combined, or null for two outputs.</summary>
    public string? MergeMode { get; }
    /// <summary>Whether the wrapped layer returns sequences.</summary>
    public bool ReturnSequences => ForwardLayer.ReturnSequences;
    /// <summary>Whether the wrapped layer returns its states.</summary>
    public bool ReturnState => ForwardLayer.ReturnState;

    /// <summary>Sets the carried states of both directions back to zeros when they are stateful (Keras' <c>reset_state()</c>).</summary>
    public void ResetStates()
    {
        ForwardLayer.ResetStates();
        BackwardLayer.ResetStates();
    }

    /// <summary>Keras' <c>reset_state()</c> (the newer name of <see cref="ResetStates"/>).</summary>
    public void ResetState() => ResetStates();

    private protected override bool BuildsWithBatchSize => ForwardLayer.Stateful || BackwardLayer.Stateful;

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        ForwardLayer.EnsureBuiltAll([inputShapes[0]]);
        BackwardLayer.EnsureBuiltAll([inputShapes[0]]);
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

    private Tensor? pendingMask;

    /// <inheritdoc />
    public Tensor? ComputeOutputMask(Tensor? inputMask) => ReturnSequences && MergeMode is not null ? inputMask : null;

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        var x = inputs[0];
        int fStates = ForwardLayer.Cell.StateCount, bStates = BackwardLayer.Cell.StateCount;
        IReadOnlyList<Tensor> fIn = [x], bIn = [x];
        if (inputs.Count > 1)
        {
            if (inputs.Count != 1 + fStates + bStates)
                throw new ArgumentException($"Layer \"{Name}\" expects the sequences, optionally followed by {fStates} forward and {bStates} backward initial state tensor(s), but received {inputs.Count} input(s).", nameof(inputs));
            fIn = [x, .. inputs.Skip(1).Take(fStates)];
            bIn = [x, .. inputs.Skip(1 + fStates)];
        }
        var f = ForwardLayer.ApplyMasked(fIn, pendingMask, training);
        var b = BackwardLayer.ApplyMasked(bIn, pendingMask, training);
        var y = f[0];
        var yRev = b[0];
        if (ReturnSequences) yRev = yRev.flip(1);
        IReadOnlyList<Tensor> merged = MergeMode switch
        {
            "concat" => [cat([y, yRev], -1)],
            "sum" => [y + yRev],
            "ave" => [(y + yRev) * 0.5],
            "mul" => [y * yRev],
            _ => [y, yRev],
        };
        return ReturnState ? [.. merged, .. f.Skip(1), .. b.Skip(1)] : merged;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var f = ForwardLayer.ComputeOutputShapes([inputShapes[0]]);
        var b = BackwardLayer.ComputeOutputShapes([inputShapes[0]]);
        var output = f[0];
        IReadOnlyList<Shape> merged = MergeMode switch
        {
            "concat" => [output.WithLast(output[^1] + b[0][^1])],
            null => [output, b[0]],
            _ => [output],
        };
        return ReturnState ? [.. merged, .. f.Skip(1), .. b.Skip(1)] : merged;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var shapes = ComputeOutputShapes([inputShape]);
        return shapes.Count == 1
            ? shapes[0]
            : throw new InvalidOperationException($"Layer \"{Name}\" returns {shapes.Count} outputs; use ComputeOutputShapes.");
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["merge_mode"] = MergeMode;
        // Each direction as Keras serializes a layer (module, class, config with its dtype policy, build_config).
        config["layer"] = Saving.KerasSerializer.SerializeLayer(ForwardLayer);
        config["backward_layer"] = Saving.KerasSerializer.SerializeLayer(BackwardLayer);
        return config;
    }
}
