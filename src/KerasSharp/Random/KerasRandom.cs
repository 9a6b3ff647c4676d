using KerasSharp.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// Keras' <c>keras.random</c>: random tensors on the default device, drawn as Keras 3's torch backend draws them.
/// Every function takes Keras' <c>seed</c>: an integer (the same numbers on every call), a <see cref="SeedGenerator"/>
/// (advanced by each call) or nothing (the global generator that <c>Keras.Utils.SetRandomSeed</c> seeds). Seeded
/// calls use a torch generator seeded as Keras' <c>torch_seed_generator</c> does, so on the CPU they give the numbers
/// Keras 3 gives with the torch backend.
/// </summary>
/// <remarks>Reached as <c>Keras.Random</c> (a property, so that <c>new Random(seed)</c> still means
/// <c>System.Random</c> in files with <c>using static KerasSharp.Keras;</c>).</remarks>
public sealed class KerasRandom
{
    internal KerasRandom() { }

    /// <summary>Samples from a normal distribution (Keras' <c>keras.random.normal</c>).</summary>
    /// <param name="shape">The output shape.</param>
    /// <param name="mean">The distribution's mean (default 0).</param>
    /// <param name="stddev">The distribution's standard deviation (default 1).</param>
    /// <param name="dtype">A floating dtype name (default "float32", Keras' floatx).</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    public Tensor Normal(long[] shape, double mean = 0.0, double stddev = 1.0, string? dtype = null, RandomSeed seed = default)
    {
        var type = FloatType(dtype, "normal");
        CheckShape(shape);
        using var generator = GeneratorFor(seed);
        return normal(mean, stddev, shape, type, Device, generator: generator);
    }

    /// <summary>Samples from a uniform distribution on [<paramref name="minval"/>, <paramref name="maxval"/>)
    /// (Keras' <c>keras.random.uniform</c>: <c>(maxval - minval) * rand + minval</c>).</summary>
    /// <param name="shape">The output shape.</param>
    /// <param name="minval">The lower bound (default 0).</param>
    /// <param name="maxval">The upper bound, excluded (default 1).</param>
    /// <param name="dtype">A floating dtype name (default "float32").</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not a floating dtype (Keras refuses integers).</exception>
    public Tensor Uniform(long[] shape, double minval = 0.0, double maxval = 1.0, string? dtype = null, RandomSeed seed = default)
    {
        var type = FloatType(dtype, "uniform");
        CheckShape(shape);
        using var generator = GeneratorFor(seed);
        var drawShape = shape.Length == 0 ? new long[] { 1 } : shape;
        using var scope = NewDisposeScope();
        var r = rand(drawShape, type, Device, generator: generator);
        var output = (maxval - minval) * r + minval;
        return (shape.Length == 0 ? output[0] : output).MoveToOuterDisposeScope();
    }

    /// <summary>Samples integers uniformly from [<paramref name="minval"/>, <paramref name="maxval"/>)
    /// (Keras' <c>keras.random.randint</c>).</summary>
    /// <param name="shape">The output shape.</param>
    /// <param name="minval">The lowest value.</param>
    /// <param name="maxval">One past the highest value.</param>
    /// <param name="dtype">An integer dtype name (default "int32").</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    /// <exception cref="ArgumentException"><paramref name="maxval"/> is not above <paramref name="minval"/>, or the dtype is not an integer type.</exception>
    public Tensor RandInt(long[] shape, long minval, long maxval, string dtype = "int32", RandomSeed seed = default)
    {
        var type = KerasSharp.Utils.SequencePadding.ParseDtype(dtype, nameof(dtype));
        if (type is not (ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 or ScalarType.Byte))
            throw new ArgumentException($"keras.random.randint requires an integer dtype, but received dtype=\"{dtype}\".", nameof(dtype));
        if (maxval <= minval)
            throw new ArgumentException($"keras.random.randint: maxval ({maxval}) must be greater than minval ({minval}).", nameof(maxval));
        CheckShape(shape);
        using var generator = GeneratorFor(seed);
        return randint(minval, maxval, shape, type, Device, generator: generator);
    }

    /// <summary>Samples from a normal distribution truncated to two standard deviations around the mean (Keras'
    /// <c>keras.random.truncated_normal</c>: of four standard normal draws per value, the first inside (-2, 2) is
    /// kept, then scaled and shifted).</summary>
    /// <param name="shape">The output shape.</param>
    /// <param name="mean">The mean (default 0).</param>
    /// <param name="stddev">The standard deviation before truncation (default 1).</param>
    /// <param name="dtype">A floating dtype name (default "float32").</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    public Tensor TruncatedNormal(long[] shape, double mean = 0.0, double stddev = 1.0, string? dtype = null, RandomSeed seed = default)
    {
        var type = FloatType(dtype, "truncated_normal");
        CheckShape(shape);
        using var scope = NewDisposeScope();
        var x = Normal([.. shape, 4], 0, 1, dtype, seed);
        var valid = x.gt(-2).logical_and(x.lt(2));
        var index = valid.max(-1, keepdim: true).indexes;
        var truncated = x.gather(-1, index).squeeze(-1).to_type(type);
        return truncated.mul_(stddev).add_(mean).MoveToOuterDisposeScope();
    }

    /// <summary>Randomly sets inputs to 0 with probability <paramref name="rate"/> and scales the rest by
    /// 1 / (1 - rate) (Keras' <c>keras.random.dropout</c>).</summary>
    /// <param name="inputs">The tensor to drop values from.</param>
    /// <param name="rate">The drop probability, in [0, 1).</param>
    /// <param name="noiseShape">The mask's shape, broadcast to the inputs' (null entries take the input's size); null
    /// for one mask value per input value.</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public Tensor Dropout(Tensor inputs, double rate, long?[]? noiseShape = null, RandomSeed seed = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"keras.random.dropout: rate must be in [0, 1), but received {Guard.Fmt(rate)}.");
        bool seeded = seed.Value is not null || seed.Generator is { InitialSeed: not null };
        if (!seeded && noiseShape is null)
            return nn.functional.dropout(inputs, rate, training: true); // Keras' unseeded fast path
        var shape = ConcreteNoiseShape(inputs, noiseShape);
        using var generator = GeneratorFor(seed);
        using var scope = NewDisposeScope();
        double keep = 1.0 - rate;
        var keepProbability = full(shape, keep, ScalarType.Float32, inputs.device);
        var mask = bernoulli(keepProbability, generator).to_type(ScalarType.Bool).broadcast_to(inputs.shape);
        return where(mask, inputs / keep, zeros_like(inputs)).MoveToOuterDisposeScope();
    }

    /// <summary>Shuffles a tensor along <paramref name="axis"/> (Keras' <c>keras.random.shuffle</c>: the order is the
    /// argsort of uniform draws of the leading axes, so slices before the axis are shuffled independently).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="axis">The axis to shuffle (default 0).</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not an axis of <paramref name="x"/>.</exception>
    public Tensor Shuffle(Tensor x, int axis = 0, RandomSeed seed = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rank = (int)x.dim();
        if (axis < -rank || axis >= Math.Max(rank, 1) || rank == 0)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"keras.random.shuffle: axis must be an axis of a tensor of shape [{string.Join(", ", x.shape)}].");
        if (axis < 0) axis += rank;
        using var generator = GeneratorFor(seed);
        using var scope = NewDisposeScope();
        var permutation = rand(x.shape[..(axis + 1)], ScalarType.Float32, x.device, generator: generator).argsort(axis);
        for (int i = 0; i < rank - axis - 1; i++) permutation = permutation.unsqueeze(-1);
        var repeats = Enumerable.Repeat(1L, axis + 1).Concat(x.shape[(axis + 1)..]).ToArray();
        return x.gather(axis, permutation.repeat(repeats)).MoveToOuterDisposeScope();
    }

    /// <summary>Draws <paramref name="numSamples"/> class indices per row from the categorical distributions given by
    /// <paramref name="logits"/> (Keras' <c>keras.random.categorical</c>: softmax, then sampling with replacement).</summary>
    /// <param name="logits">Unnormalised log-probabilities, shape (batch, classes).</param>
    /// <param name="numSamples">Samples per row.</param>
    /// <param name="dtype">An integer dtype name (default "int32").</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is not 2-D, or <paramref name="numSamples"/> is below 1.</exception>
    public Tensor Categorical(Tensor logits, int numSamples, string dtype = "int32", RandomSeed seed = default)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.dim() != 2)
            throw new ArgumentException($"`logits` should be a 2-D tensor with shape [batch_size, num_classes]. Received: logits of shape [{string.Join(", ", logits.shape)}].", nameof(logits));
        if (numSamples < 1)
            throw new ArgumentException($"keras.random.categorical: numSamples must be at least 1, but received {numSamples}.", nameof(numSamples));
        var type = KerasSharp.Utils.SequencePadding.ParseDtype(dtype, nameof(dtype));
        using var generator = GeneratorFor(seed);
        using var scope = NewDisposeScope();
        var probabilities = logits.to_type(logits.is_floating_point() ? logits.dtype : ScalarType.Float32).softmax(-1);
        return multinomial(probabilities, numSamples, replacement: true, generator: generator).to_type(type).MoveToOuterDisposeScope();
    }

    /// <summary>Samples from a gamma distribution with concentration <paramref name="alpha"/> and rate 1 (Keras'
    /// <c>keras.random.gamma</c>).</summary>
    /// <param name="shape">The output shape.</param>
    /// <param name="alpha">The concentration, above 0.</param>
    /// <param name="dtype">A floating dtype name (default "float32").</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    public Tensor Gamma(long[] shape, double alpha, string? dtype = null, RandomSeed seed = default)
    {
        var type = FloatType(dtype, "gamma");
        CheckShape(shape);
        Guard.Positive(alpha, nameof(alpha));
        using var generator = GeneratorFor(seed);
        using var scope = NewDisposeScope();
        var sample = _standard_gamma(full(shape, alpha, ScalarType.Float32, Device), generator);
        return sample.clamp_min(float.Epsilon).to_type(type).MoveToOuterDisposeScope();
    }

    /// <summary>Samples the number of successes in <paramref name="counts"/> trials of probability
    /// <paramref name="probabilities"/> (Keras' <c>keras.random.binomial</c>).</summary>
    /// <param name="shape">The output shape.</param>
    /// <param name="counts">The number of trials, at least 0.</param>
    /// <param name="probabilities">The success probability, in [0, 1].</param>
    /// <param name="dtype">A floating dtype name (default "float32").</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    public Tensor Binomial(long[] shape, double counts, double probabilities, string? dtype = null, RandomSeed seed = default)
    {
        var type = FloatType(dtype, "binomial");
        CheckShape(shape);
        Guard.NonNegative(counts, nameof(counts));
        Guard.InRange(probabilities, 0, 1, nameof(probabilities));
        using var generator = GeneratorFor(seed);
        using var scope = NewDisposeScope();
        var sample = binomial(full(shape, counts, ScalarType.Float32, Device), full(shape, probabilities, ScalarType.Float32, Device), generator);
        return sample.to_type(type).MoveToOuterDisposeScope();
    }

    /// <summary>Samples from a beta distribution (Keras' <c>keras.random.beta</c>), through torch's Dirichlet
    /// sampler as <c>torch.distributions.Beta</c> does.</summary>
    /// <param name="shape">The output shape.</param>
    /// <param name="alpha">The first concentration, above 0.</param>
    /// <param name="beta">The second concentration, above 0.</param>
    /// <param name="dtype">A floating dtype name (default "float32").</param>
    /// <param name="seed">An integer, a <see cref="SeedGenerator"/> or nothing.</param>
    public Tensor Beta(long[] shape, double alpha, double beta, string? dtype = null, RandomSeed seed = default)
    {
        var type = FloatType(dtype, "beta");
        CheckShape(shape);
        Guard.Positive(alpha, nameof(alpha));
        Guard.Positive(beta, nameof(beta));
        using var generator = GeneratorFor(seed);
        using var scope = NewDisposeScope();
        var concentration = stack([full(shape, alpha, ScalarType.Float32, Device), full(shape, beta, ScalarType.Float32, Device)], -1);
        var sample = _sample_dirichlet(concentration, generator).select(-1, 0);
        return sample.to_type(type).MoveToOuterDisposeScope();
    }

    private static Device Device => KerasSharp.DeviceManager.DefaultDevice;

    // Keras' torch_seed_generator: a new generator on the device, seeded with first + second of the drawn seed.
    private static Generator? GeneratorFor(RandomSeed seed)
    {
        Runtime.LibTorchLoader.EnsureLoaded();
        return seed.Draw() is long s ? new Generator(unchecked((ulong)s), Device) : null;
    }

    private static ScalarType FloatType(string? dtype, string function)
    {
        if (dtype is null) return ScalarType.Float32;
        var type = KerasSharp.Utils.SequencePadding.ParseDtype(dtype, nameof(dtype));
        if (type is not (ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"`keras.random.{function}` requires a floating point `dtype`. Received: dtype={dtype}", nameof(dtype));
        return type;
    }

    private static void CheckShape(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"shape must not have negative sizes, but received [{string.Join(", ", shape)}].", nameof(shape));
    }

    private static long[] ConcreteNoiseShape(Tensor inputs, long?[]? noiseShape)
    {
        if (noiseShape is null) return inputs.shape;
        if (noiseShape.Length != inputs.dim())
            throw new ArgumentException($"noiseShape [{string.Join(", ", noiseShape.Select(d => d?.ToString() ?? "null"))}] must have one entry per axis of the inputs, shape [{string.Join(", ", inputs.shape)}].", nameof(noiseShape));
        return noiseShape.Select((d, i) => d ?? inputs.size(i)).ToArray();
    }
}
