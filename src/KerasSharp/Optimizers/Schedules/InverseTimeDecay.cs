namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.schedules.InverseTimeDecay</c>:
/// <c>initial_learning_rate / (1 + decay_rate * step / decay_steps)</c>, with <c>floor(step / decay_steps)</c>
/// when <c>staircase</c> is set.
/// </summary>
public class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">How often to apply decay; must be &gt; 0.</param>
    /// <param name="decayRate">The decay rate.</param>
    /// <param name="staircase">Decay at discrete intervals (floor of <c>step / decay_steps</c>).</param>
    /// <param name="name">Keras' name (<c>"InverseTimeDecay"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive.</exception>
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false,
        string name = "InverseTimeDecay")
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
    /// <summary>How often to apply decay.</summary>
    public double DecaySteps { get; }
    /// <summary>The decay rate.</summary>
    public double DecayRate { get; }
    /// <summary>Whether <c>step / decay_steps</c> is floored.</summary>
    public bool Staircase { get; }
    /// <summary>Keras' name of the schedule.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double p = step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate / (1.0 + DecayRate * p);
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
