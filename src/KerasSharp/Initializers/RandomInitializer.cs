using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Base of Keras' random initializers (Keras' <c>RandomInitializer</c>): an optional integer <c>seed</c>.
/// Without a seed, draws come from TorchSharp's global generator (seeded by <c>torch.manual_seed</c> /
/// <see cref="Keras.Utils.SetRandomSeed"/>), so each call gives new values. With a seed, every call draws from a fresh
/// generator seeded with it, so each call gives the same values (Keras' behaviour for an integer seed).
/// Values are drawn on the CPU (float64 for float64 requests, float32 otherwise), then cast and moved, so a seed gives
/// the same weights on every device.
/// </summary>
public abstract class RandomInitializer : Initializer
{
    /// <summary>Sets Keras' <c>seed</c> argument.</summary>
    /// <param name="seed">Keras' <c>seed</c>: null (default) to use the global generator.</param>
    protected RandomInitializer(long? seed)
    {
        Seed = seed;
    }

    /// <summary>Keras' <c>seed</c>: null to use TorchSharp's global generator.</summary>
    public long? Seed { get; }

    /// <inheritdoc />
    /// <remarks>Keras' key: <c>seed</c>.</remarks>
    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };

    /// <summary>Uniform draws in <c>[minval, maxval)</c>.</summary>
    protected Tensor DrawUniform(long[] shape, double minval, double maxval, ScalarType dtype, Device? device)
    {
        ArgumentNullException.ThrowIfNull(shape);
        using var scope = NewDisposeScope();
        using var generator = NewGenerator();
        var u = torch.rand(shape, DrawType(dtype), CPU, false, generator);
        var values = u.mul_(maxval - minval).add_(minval);
        return Finish(values, dtype, device).MoveToOuterDisposeScope();
    }

    /// <summary>Normal draws with <paramref name="mean"/> and <paramref name="stddev"/>.</summary>
    protected Tensor DrawNormal(long[] shape, double mean, double stddev, ScalarType dtype, Device? device)
    {
        ArgumentNullException.ThrowIfNull(shape);
        using var scope = NewDisposeScope();
        using var generator = NewGenerator();
        var z = torch.randn(shape, DrawType(dtype), CPU, false, generator);
        var values = z.mul_(stddev).add_(mean);
        return Finish(values, dtype, device).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Truncated normal draws: a normal with <paramref name="mean"/> and <paramref name="stddev"/> restricted to
    /// <c>[mean - 2 stddev, mean + 2 stddev]</c> (Keras' truncation; <paramref name="stddev"/> is the standard deviation
    /// before truncation). Sampled exactly by inverting the normal CDF on the truncated range.
    /// </summary>
    protected Tensor DrawTruncatedNormal(long[] shape, double mean, double stddev, ScalarType dtype, Device? device)
    {
        ArgumentNullException.ThrowIfNull(shape);
        using var scope = NewDisposeScope();
        using var generator = NewGenerator();
        // Phi(-2) and Phi(2): the standard normal CDF at the truncation points.
        const double lo = 0.022750131948179195;
        const double hi = 0.97724986805182079;
        // Inverse CDF in float64 for accuracy in the tails; z = sqrt(2) * erfinv(2u - 1), u uniform on [Phi(-2), Phi(2)).
        var u = torch.rand(shape, ScalarType.Float64, CPU, false, generator);
        var z = u.mul_(2.0 * (hi - lo)).add_(2.0 * lo - 1.0).erfinv_().mul_(Math.Sqrt(2.0)).clamp_(-2.0, 2.0);
        var values = z.mul_(stddev).add_(mean);
        return Finish(values, dtype, device).MoveToOuterDisposeScope();
    }

    /// <summary>A generator seeded with <see cref="Seed"/>, or null (the global generator) without one.</summary>
    private protected Generator? NewGenerator() => Seed is long s ? new Generator(unchecked((ulong)s)) : null;

    /// <summary>The dtype random numbers are drawn in on the CPU.</summary>
    private protected static ScalarType DrawType(ScalarType dtype) =>
        dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>Casts to <paramref name="dtype"/> and moves to <paramref name="device"/> (CPU when null), without gradient.</summary>
    private protected static Tensor Finish(Tensor values, ScalarType dtype, Device? device)
    {
        var result = values.to(dtype, device ?? CPU);
        return result.requires_grad ? result.detach() : result;
    }
}
