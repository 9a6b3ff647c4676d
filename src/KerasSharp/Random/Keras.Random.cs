namespace KerasSharp;

public static partial class Keras
{
    /// <summary>
    /// Keras' <c>keras.random</c>: <c>Keras.Random.Normal([2, 3], seed: 42)</c>, <c>Keras.Random.Uniform(shape, seed:
    /// new SeedGenerator(1337))</c> and the other samplers of <see cref="KerasRandom"/>.
    /// </summary>
    public static KerasRandom Random { get; } = new();
}
