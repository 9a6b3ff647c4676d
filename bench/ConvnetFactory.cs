using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>The KerasSharp side of keras.io's MNIST convnet, when the library has the layers for it.</summary>
internal static class ConvnetFactory
{
    /// <summary>The model and a function copying its initial weights into the hand model; null while KerasSharp has no
    /// Conv2D / MaxPooling2D (the case is then reported as skipped, never faked).</summary>
    public static (Model Model, Action<nn.Module<Tensor, Tensor>> CopyWeights)? TryCreate() => null;
}
