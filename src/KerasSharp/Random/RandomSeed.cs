namespace KerasSharp;

/// <summary>
/// The <c>seed</c> argument of <see cref="Keras.Random"/> functions, as Keras takes it: an integer (stateless: the same
/// integer gives the same numbers each call), a <see cref="SeedGenerator"/> (stateful: each call advances it) or
/// nothing (the global generator that <c>Keras.Utils.SetRandomSeed</c> seeds). Integers and generators convert to it
/// implicitly.
/// </summary>
public readonly struct RandomSeed
{
    private RandomSeed(long? value, SeedGenerator? generator)
    {
        Value = value;
        Generator = generator;
    }

    /// <summary>The integer seed, when one was given.</summary>
    public long? Value { get; }

    /// <summary>The seed generator, when one was given.</summary>
    public SeedGenerator? Generator { get; }

    /// <summary>A stateless integer seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seed"/> is negative.</exception>
    public static implicit operator RandomSeed(long seed) => seed >= 0
        ? new RandomSeed(seed, null)
        : throw new ArgumentOutOfRangeException(nameof(seed), seed, "seed must be a non-negative integer.");

    /// <summary>A stateful seed generator (null means no seed).</summary>
    public static implicit operator RandomSeed(SeedGenerator? generator) => new(null, generator);

    /// <summary>Keras' <c>draw_seed</c>: the integer the call's torch generator is seeded with (<c>first + second</c>), or
    /// null for the global generator.</summary>
    internal long? Draw()
    {
        if (Value is long v) return v;
        if (Generator is null) return null;
        var (first, second) = Generator.Next();
        return first + second;
    }
}
