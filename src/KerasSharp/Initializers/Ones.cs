using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Keras <c>Ones</c>: every value 1.</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc />
    public override string Name => "ones";

    /// <inheritdoc />
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return torch.ones(shape, dtype, device ?? CPU);
    }
}
