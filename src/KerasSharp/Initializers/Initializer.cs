using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Base of Keras' weight initializers (<c>keras.initializers.Initializer</c>). Shapes are Keras' weight layouts
/// (a Dense kernel is <c>(in, out)</c>, a Conv2D kernel <c>(kh, kw, in, out)</c>), so fan-in and fan-out follow
/// Keras' <c>compute_fans</c>. Random draws use TorchSharp's global generator, which
/// <see cref="Keras.Utils.SetRandomSeed"/> seeds.
/// </summary>
public abstract class Initializer
{
    /// <summary>Returns a new tensor of <paramref name="shape"/> (no gradient), on <paramref name="device"/> (CPU when null).</summary>
    public abstract Tensor Call(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null);

    /// <summary>Keras' registered name in snake_case, e.g. <c>glorot_uniform</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Keras' config dictionary (key names as in Keras' <c>get_config()</c>).</summary>
    public virtual Dictionary<string, object?> GetConfig() => new();

    /// <summary>Resolves a registry name (<c>"glorot_uniform"</c>) to an initializer.</summary>
    public static implicit operator Initializer(string name) => InitializerRegistry.Get(name);

    /// <summary>Keras' <c>compute_fans</c>: (fan_in, fan_out) of a weight shape in Keras layout.</summary>
    public static (double FanIn, double FanOut) ComputeFans(long[] shape)
    {
        switch (shape.Length)
        {
            case 0: return (1, 1);
            case 1: return (shape[0], shape[0]);
            case 2: return (shape[0], shape[1]);
            default:
                double receptive = 1;
                for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
                return (shape[^2] * receptive, shape[^1] * receptive);
        }
    }
}
