using KerasSharp.Internal;

namespace KerasSharp;

/// <summary>
/// Keras' <c>keras.random.SeedGenerator</c>: a seed state <c>[seed, counter]</c> that each random call through it
/// advances (<c>next()</c> returns the state and adds <c>[0, 1]</c>), so successive calls draw different numbers and
/// the same initial seed reproduces the whole sequence. As Keras' torch backend, a call seeds a fresh torch generator
/// with <c>seed + counter</c>, so values equal Keras 3's on the torch backend on the CPU.
/// </summary>
public sealed class SeedGenerator
{
    private long counter;

    /// <summary>Creates a generator (Keras' <c>SeedGenerator(seed=None)</c>).</summary>
    /// <param name="seed">The initial seed; null draws one in [1, 10^9] from the global generator that
    /// <c>Keras.Utils.SetRandomSeed</c> seeds (Keras' <c>make_default_seed</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seed"/> is negative.</exception>
    public SeedGenerator(long? seed = null)
    {
        if (seed is < 0)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "SeedGenerator: seed must be a non-negative integer.");
        InitialSeed = seed;
        Seed = seed ?? DefaultSeed();
    }

    /// <summary>The seed passed to the constructor (null when it was drawn), as Keras' <c>get_config()["seed"]</c>.</summary>
    public long? InitialSeed { get; }

    /// <summary>The first element of the state: the initial seed, or the one drawn for it.</summary>
    public long Seed { get; }

    /// <summary>The current state <c>[seed, counter]</c> (Keras' <c>state</c> variable).</summary>
    public long[] State => [Seed, counter];

    /// <summary>Keras' <c>next(ordered=True)</c>: returns the state and advances the counter by one.</summary>
    public (long First, long Second) Next()
    {
        var state = (Seed, counter);
        counter++;
        return state;
    }

    /// <summary>The generator's config (Keras' <c>get_config()</c>: <c>{"seed": initial seed}</c>).</summary>
    public Dictionary<string, object?> GetConfig() => new() { ["seed"] = InitialSeed };

    /// <summary>A generator from its config (Keras' <c>from_config</c>).</summary>
    /// <exception cref="ArgumentException">The config's "seed" is neither absent, null nor a whole number.</exception>
    public static SeedGenerator FromConfig(IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.TryGetValue("seed", out var value) || value is null) return new SeedGenerator();
        return value switch
        {
            int i => new SeedGenerator(i),
            long l => new SeedGenerator(l),
            double d when d == Math.Floor(d) && d >= 0 && d < 9e18 => new SeedGenerator((long)d),
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e when e.TryGetInt64(out var j) => new SeedGenerator(j),
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null } => new SeedGenerator(),
            _ => throw new ArgumentException($"SeedGenerator config: \"seed\" must be a non-negative integer or null, but received {value}.", nameof(config)),
        };
    }

    private static long DefaultSeed()
    {
        Runtime.LibTorchLoader.EnsureLoaded();
        return TorchSharp.torch.randint(1, 1_000_000_001, [1], TorchSharp.torch.ScalarType.Int64).item<long>();
    }

    /// <inheritdoc />
    public override string ToString() => $"SeedGenerator(seed={Seed}, counter={counter})";
}
