using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The random source of a noise layer (Keras' <c>SeedGenerator</c>): with a seed, a generator of the layer's own that
/// starts from that seed on the input's device (two layers with the same seed draw the same noise); without one, the
/// global generator that <c>Keras.Utils.SetRandomSeed</c> seeds.
/// </summary>
internal sealed class SeededRandom(int? seed)
{
    private Generator? generator;

    private Generator? For(Device device)
    {
        if (seed is not int s) return null;
        if (generator is null || generator.device.type != device.type || generator.device.index != device.index)
            generator = new Generator(unchecked((ulong)s), device);
        return generator;
    }

    /// <summary>Standard normal samples of <paramref name="shape"/> like <paramref name="like"/> (dtype and device).</summary>
    public Tensor Normal(long[] shape, Tensor like) => randn(shape, like.dtype, like.device, generator: For(like.device));

    /// <summary>Uniform samples in [0, 1) of <paramref name="shape"/> like <paramref name="like"/>.</summary>
    public Tensor Uniform(long[] shape, Tensor like) => rand(shape, like.dtype, like.device, generator: For(like.device));

    /// <summary>Keep-mask (1 with probability <paramref name="keep"/>, else 0) of <paramref name="shape"/>.</summary>
    public Tensor Bernoulli(long[] shape, double keep, Tensor like) => Uniform(shape, like).lt(keep).to_type(like.dtype);

    /// <summary>Throws unless <paramref name="rate"/> is in [0, 1).</summary>
    public static void CheckRate(double rate, string owner)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"{owner}: rate must be in [0, 1), but received {Internal.Guard.Fmt(rate)}.");
    }
}
