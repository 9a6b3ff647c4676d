namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.schedules.ExponentialDecay</c>:
/// <c>initial_learning_rate * decay_rate ^ (step / decay_steps)</c>, with <c>floor(step / decay_steps)</c> when
/// <c>staircase</c> is set.
/// </summary>
public class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">Steps per decay period; must be &gt; 0.</param>
    /// <param name="decayRate">The factor applied per period.</param>
    /// <param name="staircase">Decay at discrete intervals (integer division of the step).</param>
    /// <param name="name">Keras' name (<c>"ExponentialDecay"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive.</exception>
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false,
        string name = "ExponentialDecay")
    {
        Internal.Guard.Positive(decaySteps, nameof(decaySteps));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
        Name = name;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Steps per decay period.</summary>
    public long DecaySteps { get; }
    /// <summary>The factor applied per period.</summary>
    public double DecayRate { get; }
    /// <summary>Whether the exponent is floored (staircase decay).</summary>
    public bool Staircase { get; }
    /// <summary>Keras' name of the schedule.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate * Math.Pow(DecayRate, p);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = Name,
    };
}
