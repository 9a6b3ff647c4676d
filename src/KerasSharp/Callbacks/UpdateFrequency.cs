namespace KerasSharp.Callbacks;

/// <summary>
/// How often a callback acts (Keras' <c>save_freq</c> / <c>update_freq</c>): <c>"epoch"</c> (the default value of the
/// struct) or every N training batches. Converts implicitly from <c>"epoch"</c>, <c>"batch"</c> (= every batch) and from
/// a positive <see cref="int"/>, so <c>saveFreq: "epoch"</c> and <c>saveFreq: 100</c> both work.
/// </summary>
public readonly struct UpdateFrequency : IEquatable<UpdateFrequency>
{
    private readonly int batches;

    private UpdateFrequency(int batches) => this.batches = batches;

    /// <summary>Once per epoch (Keras' <c>"epoch"</c>).</summary>
    public static UpdateFrequency Epoch => default;

    /// <summary>Every <see cref="Batches"/> training batches, or null for once per epoch.</summary>
    public int? Batches => batches == 0 ? null : batches;

    /// <summary>True for once per epoch.</summary>
    public bool IsEpoch => batches == 0;

    /// <summary>Every <paramref name="batches"/> training batches (must be &gt; 0).</summary>
    public static UpdateFrequency EveryBatches(int batches)
    {
        if (batches <= 0)
            throw new ArgumentOutOfRangeException(nameof(batches), batches, $"A batch frequency must be > 0, but received {batches}.");
        return new UpdateFrequency(batches);
    }

    /// <summary>Every <paramref name="batches"/> training batches.</summary>
    public static implicit operator UpdateFrequency(int batches) => EveryBatches(batches);

    /// <summary><c>"epoch"</c> or <c>"batch"</c> (every batch).</summary>
    public static implicit operator UpdateFrequency(string value) => value switch
    {
        "epoch" => Epoch,
        "batch" => new UpdateFrequency(1),
        _ => throw new ArgumentException($"A frequency must be \"epoch\", \"batch\" or a positive number of batches, but received \"{value}\".", nameof(value)),
    };

    /// <inheritdoc />
    public bool Equals(UpdateFrequency other) => batches == other.batches;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UpdateFrequency f && Equals(f);
    /// <inheritdoc />
    public override int GetHashCode() => batches;
    /// <summary>Equality.</summary>
    public static bool operator ==(UpdateFrequency a, UpdateFrequency b) => a.Equals(b);
    /// <summary>Inequality.</summary>
    public static bool operator !=(UpdateFrequency a, UpdateFrequency b) => !a.Equals(b);

    /// <summary><c>epoch</c> or the number of batches, as Keras' config writes it.</summary>
    public override string ToString() => IsEpoch ? "epoch" : batches.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
