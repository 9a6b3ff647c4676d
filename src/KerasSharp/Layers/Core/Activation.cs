using KerasSharp.Activations;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Applies an activation function to its input (Keras' <c>Activation</c> layer).</summary>
public class Activation : Layer, IRowWiseInference
{
    /// <summary>Creates the layer for <paramref name="activation"/> (a name such as <c>"relu"</c> or a function).</summary>
    public Activation(ActivationFunction activation, string? name = null) : base(name)
    {
        Function = activation ?? throw new ArgumentNullException(nameof(activation));
    }

    /// <summary>The function applied.</summary>
    public ActivationFunction Function { get; }

    // With a function whose bits for an element do not depend on the size of the tensor (ActivationFunction.RowWise).
    bool IRowWiseInference.RowWiseInInference => IsExactly<Activation>() && Function.RowWise;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => Function.Apply(x);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["activation"] = Function.Name;
        return config;
    }
}
