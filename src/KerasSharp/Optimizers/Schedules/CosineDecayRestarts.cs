namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.schedules.CosineDecayRestarts</c> (SGDR): the multiplier decays from 1 to
/// <c>alpha</c> over <c>first_decay_steps</c>, then restarts; the i-th period lasts <c>t_mul^i</c> times longer
/// and starts at <c>m_mul^i</c> times the initial rate:
/// <c>initial * ((1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi * fraction_of_period)) + alpha)</c>.
/// </summary>
public class CosineDecayRestarts : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="firstDecaySteps">Length of the first period; must be &gt; 0.</param>
    /// <param name="tMul">Period length factor between restarts (<c>t_mul=2.0</c>).</param>
    /// <param name="mMul">Initial-rate factor between restarts (<c>m_mul=1.0</c>).</param>
    /// <param name="alpha">Minimum learning rate as a fraction of <paramref name="initialLearningRate"/> (<c>alpha=0.0</c>).</param>
    /// <param name="name">Keras' name (<c>"SGDRDecay"</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstDecaySteps"/> is not positive.</exception>
    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul = 2.0, double mMul = 1.0,
        double alpha = 0.0, string name = "SGDRDecay")
    {
        Internal.Guard.Positive(firstDecaySteps, nameof(firstDecaySteps));
        InitialLearningRate = initialLearningRate;
        FirstDecaySteps = firstDecaySteps;
        TMul = tMul;
        MMul = mMul;
        Alpha = alpha;
        Name = name;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Length of the first period.</summary>
    public long FirstDecaySteps { get; }
    /// <summary>Period length factor between restarts (Keras' <c>t_mul</c>).</summary>
    public double TMul { get; }
    /// <summary>Initial-rate factor between restarts (Keras' <c>m_mul</c>).</summary>
    public double MMul { get; }
    /// <summary>Minimum learning rate as a fraction of <see cref="InitialLearningRate"/>.</summary>
    public double Alpha { get; }
    /// <summary>Keras' name of the schedule.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double completedFraction = step / (double)FirstDecaySteps;
        double iRestart;
        if (TMul == 1.0)
        {
            iRestart = Math.Floor(completedFraction);
            completedFraction -= iRestart;
        }
        else
        {
            // Periods 1, t, t^2, ...: restart i begins at (1 - t^i) / (1 - t) periods.
            iRestart = Math.Floor(Math.Log(1.0 - completedFraction * (1.0 - TMul)) / Math.Log(TMul));
            double sumR = (1.0 - Math.Pow(TMul, iRestart)) / (1.0 - TMul);
            completedFraction = (completedFraction - sumR) / Math.Pow(TMul, iRestart);
        }
        double mFac = Math.Pow(MMul, iRestart);
        double cosineDecayed = 0.5 * mFac * (1.0 + Math.Cos(Math.PI * completedFraction));
        return InitialLearningRate * ((1 - Alpha) * cosineDecayed + Alpha);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["first_decay_steps"] = FirstDecaySteps,
        ["t_mul"] = TMul,
        ["m_mul"] = MMul,
        ["alpha"] = Alpha,
        ["name"] = Name,
    };
}
