namespace KerasSharp.Saving;

/// <summary>
/// The bytes of weights a model being loaded may create: while a loader rebuilds a model from a file's config, every
/// weight a layer adds is charged against what the file can hold (its weights entry), so a config edited to ask for
/// gigabytes (Dense units of 1e9) fails with a named error before anything is allocated, instead of exhausting memory
/// or crashing the process. Outside a load, a weight only has to fit in the machine's memory.
/// </summary>
internal static class WeightBudget
{
    private sealed class Scope(long bytes, string source) : IDisposable
    {
        public long Remaining = bytes;
        public readonly string Source = source;
        public readonly Scope? Outer = Current.Value;
        public void Dispose() => Current.Value = Outer;
    }

    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>Starts charging weights against <paramref name="bytes"/> (what <paramref name="source"/> holds) until disposed.</summary>
    public static IDisposable Begin(long bytes, string source)
    {
        var scope = new Scope(bytes, source);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Checks and charges a new float32 weight of <paramref name="shape"/> for layer <paramref name="layer"/>.</summary>
    /// <exception cref="InvalidDataException">During a load: more bytes than the file holds.</exception>
    /// <exception cref="ArgumentException">Outside a load: more bytes than the machine's memory.</exception>
    public static void Charge(string layer, string weight, Shape shape)
    {
        double bytes = 4.0;
        foreach (var d in shape.ToArray()) bytes *= d;
        var scope = Current.Value;
        if (scope is not null)
        {
            if (bytes > scope.Remaining)
                throw new InvalidDataException(
                    $"layer '{layer}' asks for weight '{weight}' of shape {shape} ({Describe(bytes)}), more than {scope.Source} holds " +
                    $"({Describe(scope.Remaining)} left for it); the config does not describe the weights in the file");
            scope.Remaining -= (long)bytes;
            return;
        }
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > long.MaxValue / 2 || (memory > 0 && bytes > memory))
            throw new ArgumentException(
                $"Layer \"{layer}\": weight '{weight}' of shape {shape} needs {Describe(bytes)}, more than this machine's {Describe(memory)} of memory.", nameof(shape));
    }

    private static string Describe(double bytes) => bytes switch
    {
        >= 1L << 40 => $"{bytes / (1L << 40):0.#} TiB",
        >= 1L << 30 => $"{bytes / (1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / (1L << 10):0.#} KiB",
        _ => $"{bytes:0} bytes",
    };
}
