using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>
/// The hand-written side: the idiomatic TorchSharp code a user would write for the same networks
/// (<c>nn.Sequential</c> of TorchSharp modules, NCHW for the convnet, logits + <c>CrossEntropyLoss</c> on class indices,
/// <c>optim.Adam</c> with Keras' epsilon value), and a copy of the KerasSharp model's initial weights.
/// </summary>
internal static class HandModels
{
    public static nn.Module<Tensor, Tensor> Mlp(int[] hidden, double dropout)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        long inFeatures = 784;
        foreach (var h in hidden)
        {
            layers.Add(nn.Linear(inFeatures, h));
            layers.Add(nn.ReLU());
            if (dropout > 0) layers.Add(nn.Dropout(dropout));
            inFeatures = h;
        }
        layers.Add(nn.Linear(inFeatures, 10)); // logits; the softmax is inside CrossEntropyLoss
        return nn.Sequential(layers.ToArray());
    }

    /// <summary>keras.io's MNIST convnet in NCHW: conv 32 3x3 relu, pool 2, conv 64 3x3 relu, pool 2, flatten, dropout 0.5, linear 10.</summary>
    public static nn.Module<Tensor, Tensor> Convnet() => nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10));

    /// <summary>Copies each Dense kernel (Keras layout (in, out)) and bias into the matching <c>nn.Linear</c> (out, in).</summary>
    public static void CopyDenseWeights(Model keras, nn.Module<Tensor, Tensor> hand)
    {
        var denses = keras.Layers.OfType<Dense>().ToList();
        var linears = hand.modules().OfType<TorchSharp.Modules.Linear>().ToList();
        if (denses.Count != linears.Count) throw new InvalidOperationException("layer count mismatch");
        using var _ = no_grad();
        for (int i = 0; i < denses.Count; i++)
        {
            linears[i].weight!.copy_(denses[i].Kernel!.t());
            linears[i].bias!.copy_(denses[i].Bias!);
        }
    }

    /// <summary>Copies Keras-layout weights of a convnet: conv kernels (kh, kw, in, out) to (out, in, kh, kw); the final
    /// Dense kernel's rows reordered from Keras' NHWC flatten order to NCHW's.</summary>
    public static void CopyConvnetWeights(IReadOnlyList<(Tensor Kernel, Tensor Bias)> kerasConvs, Tensor denseKernel, Tensor denseBias,
        nn.Module<Tensor, Tensor> hand)
    {
        var convs = hand.modules().OfType<TorchSharp.Modules.Conv2d>().ToList();
        var linear = hand.modules().OfType<TorchSharp.Modules.Linear>().Single();
        using var _ = no_grad();
        for (int i = 0; i < convs.Count; i++)
        {
            convs[i].weight!.copy_(kerasConvs[i].Kernel.permute(3, 2, 0, 1));
            convs[i].bias!.copy_(kerasConvs[i].Bias);
        }
        // Keras flattens (h, w, c); torch flattens (c, h, w). Dense kernel rows: (h, w, c) -> weight columns (c, h, w).
        linear.weight!.copy_(denseKernel.reshape(5, 5, 64, 10).permute(3, 2, 0, 1).reshape(10, 1600));
        linear.bias!.copy_(denseBias);
    }
}
