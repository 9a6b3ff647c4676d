namespace KerasSharp;

/// <summary>
/// The entry point, mirroring the <c>keras</c> module: layer and model factories (<c>using static KerasSharp.Keras;</c>
/// then <c>Sequential()</c>, <c>Dense(64, "relu")</c>, <c>Input(784)</c>), plus <c>Datasets</c>,
/// <see cref="Utils"/>, <see cref="Backend"/> and device selection.
/// </summary>
public static partial class Keras
{
    /// <summary>The Keras API version whose behaviour this library follows.</summary>
    public const string KerasVersion = "3.5.0";
}
