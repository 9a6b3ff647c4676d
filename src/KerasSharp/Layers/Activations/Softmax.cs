using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>Softmax</c> layer: <c>exp(x) / sum(exp(x))</c> along <see cref="Axis"/> (default the last).</summary>
public class Softmax : Layer, IRowWiseInference
{
    /// <summary>Creates a Softmax layer.</summary>
    /// <param name="axis">The normalized axis (negative counts from the end; default -1).</param>
    /// <param name="name">Layer name (default <c>softmax</c>).</param>
    public Softmax(int axis = -1, string? name = null) : base(name)
    {
        Axis = axis;
    }

    /// <summary>The normalized axis.</summary>
    public int Axis { get; }

    // Row-wise unless normalising over the batch axis (0, or -2 on the usual rank-2 input, which is not known here).
    bool IRowWiseInference.RowWiseInInference => IsExactly<Softmax>() && (Axis == -1 || Axis > 0);

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (Axis >= x.dim() || Axis < -x.dim())
            throw new ArgumentException($"Layer \"{Name}\": axis {Axis} is out of range for an input of shape {Shape.Of(x)}.");
        return Activations.ActivationLogits.RememberSoftmax(x.softmax(Axis), x, Axis);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }

    /// <summary>None, as Keras: Keras' Softmax is built in its constructor, so it has no <c>build_config</c>.</summary>
    public override Dictionary<string, object?>? GetBuildConfig() => null;
}
