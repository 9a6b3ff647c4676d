namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.schedules.PiecewiseConstantDecay</c>: <c>values[0]</c> while
/// <c>step &lt;= boundaries[0]</c>, <c>values[i]</c> while <c>boundaries[i-1] &lt; step &lt;= boundaries[i]</c>,
/// and <c>values[^1]</c> once <c>step &gt; boundaries[^1]</c>.
/// </summary>
public class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] boundaries;
    private readonly double[] values;

    /// <summary>Creates the schedule.</summary>
    /// <param name="boundaries">Strictly increasing step boundaries.</param>
    /// <param name="values">The learning rate of each interval: one more element than <paramref name="boundaries"/>.</param>
    /// <param name="name">Keras' name (<c>"PiecewiseConstant"</c>).</param>
    /// <exception cref="ArgumentException">The lengths do not match, or the boundaries are not strictly increasing.</exception>
    public PiecewiseConstantDecay(IReadOnlyList<long> boundaries, IReadOnlyList<double> values,
        string name = "PiecewiseConstant")
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Count != values.Count - 1)
            throw new ArgumentException(
                "The length of boundaries should be 1 less than the length of values. " +
                $"Received: boundaries=[{string.Join(", ", boundaries)}] of length {boundaries.Count}, and " +
                $"values=[{string.Join(", ", values.Select(Internal.Guard.Fmt))}] of length {values.Count}.",
                nameof(boundaries));
        for (int i = 1; i < boundaries.Count; i++)
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException(
                    $"boundaries must be strictly increasing, but received [{string.Join(", ", boundaries)}] " +
                    $"(boundaries[{i}]={boundaries[i]} <= boundaries[{i - 1}]={boundaries[i - 1]}).",
                    nameof(boundaries));
        this.boundaries = boundaries.ToArray();
        this.values = values.ToArray();
        Name = name;
    }

    /// <summary>The step boundaries.</summary>
    public IReadOnlyList<long> Boundaries => boundaries;
    /// <summary>The learning rate of each interval.</summary>
    public IReadOnlyList<double> Values => values;
    /// <summary>Keras' name of the schedule.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        for (int i = 0; i < boundaries.Length; i++)
            if (step <= boundaries[i])
                return values[i];
        return values[^1];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["boundaries"] = boundaries.ToList(),
        ["values"] = values.ToList(),
        ["name"] = Name,
    };
}
