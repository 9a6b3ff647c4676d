namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.schedules.CosineDecay</c> with optional linear warmup. Without
/// <c>warmup_target</c>: <c>initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)</c>.
/// With it: for <c>step &lt; warmup_steps</c>, <c>initial + (warmup_target - initial) * step / warmup_steps</c>;
/// afterwards the same cosine decay from <c>warmup_target</c> over <c>step - warmup_steps</c>
/// (the step is clamped to <c>warmup_steps + decay_steps</c>).
/// </summary>
public class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">Steps to decay over; must be &gt; 0.</param>
    /// <param name="alpha">Minimum learning rate as a fraction of the rate decayed from (<c>alpha=0.0</c>).</param>
    /// <param name="name">Keras' name (<c>"CosineDecay"</c>).</param>
    /// <param name="warmupTarget">Learning rate reached at the end of warmup, or null for no warmup.</param>
    /// <param name="warmupSteps">Steps of linear warmup (<c>warmup_steps=0</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive, or
    /// <paramref name="warmupSteps"/> is negative.</exception>
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0.0, string name = "CosineDecay",
        double? warmupTarget = null, long warmupSteps = 0)
    {
        Internal.Guard.Positive(decaySteps, nameof(decaySteps));
        Internal.Guard.NonNegative(warmupSteps, nameof(warmupSteps));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        Alpha = alpha;
        Name = name;
        WarmupTarget = warmupTarget;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Steps to decay over.</summary>
    public long DecaySteps { get; }
    /// <summary>Minimum learning rate as a fraction of the rate decayed from.</summary>
    public double Alpha { get; }
    /// <summary>Keras' name of the schedule.</summary>
    public string Name { get; }
    /// <summary>Learning rate reached at the end of warmup, or null for no warmup.</summary>
    public double? WarmupTarget { get; }
    /// <summary>Steps of linear warmup.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double s = step;
        double decaySteps = DecaySteps;
        if (WarmupTarget is not double target)
            return Decay(Math.Min(s, decaySteps), decaySteps, InitialLearningRate);

        double warmupSteps = WarmupSteps;
        s = Math.Min(s, decaySteps + warmupSteps);
        if (s < warmupSteps)
            return (target - InitialLearningRate) * (s / warmupSteps) + InitialLearningRate;
        return Decay(s - warmupSteps, decaySteps, target);
    }

    // decay_from * ((1 - alpha) * 0.5 * (1 + cos(pi * step / decay_steps)) + alpha)
    private double Decay(double step, double decaySteps, double decayFrom)
    {
        double cosineDecayed = 0.5 * (1.0 + Math.Cos(Math.PI * (step / decaySteps)));
        return decayFrom * ((1 - Alpha) * cosineDecayed + Alpha);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["alpha"] = Alpha,
        ["name"] = Name,
        ["warmup_target"] = WarmupTarget,
        ["warmup_steps"] = WarmupSteps,
    };
}
