using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras <c>Constant</c>: every value equal to a scalar <c>value</c>.</summary>
public sealed class Constant : Initializer
{
    /// <summary>Creates Keras' <c>Constant(value)</c>.</summary>
    /// <param name="value">Keras' <c>value</c> (default 0.0).</param>
    public Constant(double value = 0.0)
    {
        Value = value;
    }

    /// <summary>Keras' <c>value</c>.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override string Name => "constant";

    /// <inheritdoc />
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return torch.full(shape, Value, dtype, device ?? CPU);
    }

    /// <inheritdoc />
    /// <remarks>Keras' key: <c>value</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["value"] = Value };
}
