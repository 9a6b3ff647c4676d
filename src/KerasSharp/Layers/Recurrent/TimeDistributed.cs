using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>TimeDistributed</c> wrapper: applies <see cref="Layer"/> to every time step of a
/// <c>(batch, timesteps, ...)</c> input with the same weights (the batch and time axes are merged, the layer is called
/// once, and the result is split back to <c>(batch, timesteps, ...)</c>). The wrapped layer is a tracked sub-layer.
/// </summary>
public class TimeDistributed : Layer
{
    /// <summary>Creates a TimeDistributed wrapper.</summary>
    /// <param name="layer">The layer applied to each step (e.g. <c>Dense(8)</c>).</param>
    /// <param name="inputShape">Keras 2 style input shape <c>(timesteps, ...)</c>, for a first layer.</param>
    /// <param name="name">Layer name (default <c>time_distributed</c>, ...).</param>
    public TimeDistributed(Layer layer, Shape? inputShape = null, string? name = null) : base(name, inputShape: inputShape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Layer = TrackLayer(layer);
        InputSpec = new InputSpec { MinRank = 3 };
    }

    /// <summary>The layer applied at every step.</summary>
    public Layer Layer { get; }

    private static Shape StepShape(Shape inputShape) => new([inputShape[0], .. inputShape[2..]]);

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        if (inputShape.Rank < 3)
            throw new ArgumentException($"`TimeDistributed` Layer \"{Name}\" should be passed an input shape with at least 3 dimensions, received: {inputShape}", nameof(inputShape));
        Layer.EnsureBuilt(StepShape(inputShape));
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        long batch = x.shape[0], steps = x.shape[1];
        var merged = x.reshape([batch * steps, .. x.shape[2..]]);
        var y = Layer.Apply(merged, training);
        return y.reshape([batch, steps, .. y.shape[1..]]);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var step = Layer.ComputeOutputShape(StepShape(inputShape));
        return new([inputShape[0], inputShape[1], .. step[1..]]);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["layer"] = Saving.KerasSerializer.SerializeLayer(Layer);
        return config;
    }
}
