namespace KerasSharp;

public static partial class Keras
{
    /// <summary>
    /// Keras' <c>keras.applications</c>: the published image classification networks, built layer for layer as Keras
    /// builds them (same layer names, order and parameter counts), with their ImageNet weights from Keras' URLs (cached in
    /// <c>~/.keras/models</c>), and each family's <c>PreprocessInput</c> / <c>DecodePredictions</c>
    /// (<c>Keras.Applications.Vgg16.PreprocessInput</c> is Keras' <c>keras.applications.vgg16.preprocess_input</c>).
    /// Only the <c>channels_last</c> data format exists in KerasSharp.
    /// </summary>
    public static partial class Applications
    {
    }
}
