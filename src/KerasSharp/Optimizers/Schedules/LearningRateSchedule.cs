namespace KerasSharp.Optimizers;

/// <summary>
/// A learning rate that depends on the optimizer step (Keras' <c>LearningRateSchedule</c>), evaluated once per
/// optimizer update with the number of updates already applied (<c>optimizer.iterations</c>).
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at <paramref name="step"/> (0 for the first update).</summary>
    public abstract double Call(long step);

    /// <summary>Keras' config dictionary for this schedule.</summary>
    public abstract Dictionary<string, object?> GetConfig();
}
