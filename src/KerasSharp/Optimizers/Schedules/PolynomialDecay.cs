namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.schedules.PolynomialDecay</c>:
/// <c>(initial - end) * (1 - min(step, decay_steps) / decay_steps) ^ power + end</c>; with <c>cycle</c>,
/// <c>decay_steps</c> becomes the first multiple of itself that is &gt;= step (1 at step 0) instead of clamping.
/// </summary>
public class PolynomialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">Steps to reach <paramref name="endLearningRate"/>; must be &gt; 0.</param>
    /// <param name="endLearningRate">The final learning rate (<c>end_learning_rate=0.0001</c>).</param>
    /// <param name="power">The power of the polynomial (<c>power=1.0</c>).</param>
    /// <param name="cycle">Restart the decay after each <paramref name="decaySteps"/> multiple (<c>cycle=False</c>).</param>
    /// <param name="name">Keras' name (<c>"PolynomialDecay"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive.</exception>
    public PolynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate = 0.0001,
        double power = 1.0, bool cycle = false, string name = "PolynomialDecay")
    {
        Internal.Guard.Positive(decaySteps, nameof(decaySteps));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        EndLearningRate = endLearningRate;
        Power = power;
        Cycle = cycle;
        Name = name;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Steps to reach <see cref="EndLearningRate"/>.</summary>
    public long DecaySteps { get; }
    /// <summary>The final learning rate.</summary>
    public double EndLearningRate { get; }
    /// <summary>The power of the polynomial.</summary>
    public double Power { get; }
    /// <summary>Whether the decay restarts after each multiple of <see cref="DecaySteps"/>.</summary>
    public bool Cycle { get; }
    /// <summary>Keras' name of the schedule.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double s = step;
        double decaySteps = DecaySteps;
        if (Cycle)
        {
            // The first multiple of decay_steps that is >= step; 1 when step is 0.
            double multiplier = s == 0 ? 1.0 : Math.Ceiling(s / DecaySteps);
            decaySteps *= multiplier;
        }
        else
        {
            s = Math.Min(s, decaySteps);
        }
        double p = s / decaySteps;
        return (InitialLearningRate - EndLearningRate) * Math.Pow(1 - p, Power) + EndLearningRate;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["end_learning_rate"] = EndLearningRate,
        ["power"] = Power,
        ["cycle"] = Cycle,
        ["name"] = Name,
    };
}
