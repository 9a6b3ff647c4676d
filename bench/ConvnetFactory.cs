using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>The KerasSharp side of keras.io's MNIST convnet.</summary>
internal static class ConvnetFactory
{
    /// <summary>The model (channels_last, as keras.io writes it) and a function copying its initial weights into the
    /// hand-written NCHW model.</summary>
    public static (Model Model, Action<nn.Module<Tensor, Tensor>> CopyWeights)? TryCreate()
    {
        var conv1 = new Conv2D(32, (3, 3), activation: "relu");
        var conv2 = new Conv2D(64, (3, 3), activation: "relu");
        var dense = new Dense(10, "softmax");
        var model = new Sequential([
            new Input([28, 28, 1]), conv1, new MaxPooling2D((2, 2)), conv2, new MaxPooling2D((2, 2)),
            new Flatten(), new Dropout(0.5), dense,
        ]);
        return (model, hand => HandModels.CopyConvnetWeights(
            [(conv1.Weights[0], conv1.Weights[1]), (conv2.Weights[0], conv2.Weights[1])], dense.Kernel!, dense.Bias!, hand));
    }
}
