using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras <c>Identity</c> (also exported as <c>IdentityInitializer</c>): <c>gain</c> times the identity matrix; 2-D
/// shapes only, non-square allowed (ones on the main diagonal, as <c>eye(rows, cols)</c>).
/// </summary>
public sealed class Identity : Initializer
{
    /// <summary>Creates Keras' <c>Identity(gain)</c>.</summary>
    /// <param name="gain">Keras' <c>gain</c>, the diagonal's value (default 1.0).</param>
    public Identity(double gain = 1.0)
    {
        Gain = gain;
    }

    /// <summary>Keras' <c>gain</c>.</summary>
    public double Gain { get; }

    /// <inheritdoc />
    public override string Name => "identity";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape is not two-dimensional.</exception>
    public override Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length != 2)
            throw new ArgumentException(
                $"The Identity initializer can only be used for 2D matrices, but received shape=({string.Join(", ", shape)}) of rank {shape.Length}.",
                nameof(shape));
        using var scope = NewDisposeScope();
        var eye = torch.eye(shape[0], shape[1], dtype, device ?? CPU);
        if (Gain != 1.0) eye.mul_(Gain);
        return eye.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Key: <c>gain</c>. (Keras 3's <c>Identity</c> inherits an empty config and so loses <c>gain</c> on save;
    /// this keeps it, and Keras' <c>Identity(**config)</c> accepts it.)
    /// </remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["gain"] = Gain };
}
