using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>
/// A Conv-BN-ReLU CNN on 32x32x3 images, batch 64: three blocks of <c>Conv2D(f, 3, padding "same", use_bias False)</c>,
/// <c>BatchNormalization()</c>, <c>ReLU()</c> (f = 32, 64, 64), a <c>MaxPooling2D(2)</c> after the first two,
/// <c>GlobalAveragePooling2D</c>, <c>Dense(10, softmax)</c>. Keras' layout is channels_last; the hand-written side is the
/// idiomatic NCHW TorchSharp model (<c>nn.Conv2d</c> padding 1, <c>nn.BatchNorm2d</c> with Keras' epsilon 1e-3 and
/// momentum 0.99, i.e. torch momentum 0.01), with the Keras model's initial weights.
/// </summary>
internal static class BatchNormCnnCase
{
    public const int Size = 32, Channels = 3, Classes = 10;
    private static readonly int[] Filters = [32, 64, 64];

    /// <summary>Random images <c>(n, 32, 32, 3)</c> (NHWC) and <c>(n, 3, 32, 32)</c> (NCHW), labels and their one-hot form.</summary>
    public static (Tensor Nhwc, Tensor Nchw, Tensor Labels, Tensor YHot) Data(long n, int seed)
    {
        var g = new torch.Generator((ulong)seed);
        var x = rand([n, Size, Size, Channels], generator: g).DetachFromDisposeScope();
        var nchw = x.permute(0, 3, 1, 2).contiguous().DetachFromDisposeScope();
        var labels = randint(0, Classes, [n], dtype: ScalarType.Int64, generator: g).DetachFromDisposeScope();
        return (x, nchw, labels, Keras.Utils.ToCategorical(labels, Classes).DetachFromDisposeScope());
    }

    /// <summary>The Keras model and a function giving the hand model its initial weights.</summary>
    public static (Model Model, Func<nn.Module<Tensor, Tensor>> Hand) Create()
    {
        var convs = Filters.Select(f => new Conv2D(f, (3, 3), padding: "same", useBias: false)).ToArray();
        var norms = Filters.Select(_ => new BatchNormalization()).ToArray();
        var dense = new Dense(Classes, "softmax");
        var layers = new List<Layer> { new Input([Size, Size, Channels]) };
        for (int i = 0; i < Filters.Length; i++)
        {
            layers.AddRange([convs[i], norms[i], new ReLU()]);
            if (i < 2) layers.Add(new MaxPooling2D((2, 2)));
        }
        layers.AddRange([new GlobalAveragePooling2D(), dense]);
        var model = new Sequential(layers);
        return (model, () =>
        {
            var modules = new List<nn.Module<Tensor, Tensor>>();
            long inChannels = Channels;
            for (int i = 0; i < Filters.Length; i++)
            {
                modules.Add(nn.Conv2d(inChannels, Filters[i], 3, padding: 1, bias: false));
                modules.Add(nn.BatchNorm2d(Filters[i], eps: 1e-3, momentum: 0.01));
                modules.Add(nn.ReLU());
                if (i < 2) modules.Add(nn.MaxPool2d(2));
                inChannels = Filters[i];
            }
            modules.Add(nn.AdaptiveAvgPool2d(1));
            modules.Add(nn.Flatten());
            modules.Add(nn.Linear(inChannels, Classes));
            var hand = nn.Sequential(modules.ToArray());
            using var _ = no_grad();
            var handConvs = hand.modules().OfType<TorchSharp.Modules.Conv2d>().ToList();
            var handNorms = hand.modules().OfType<TorchSharp.Modules.BatchNorm2d>().ToList();
            for (int i = 0; i < Filters.Length; i++)
            {
                handConvs[i].weight!.copy_(convs[i].Weights[0].permute(3, 2, 0, 1));    // (kh, kw, in, out) -> (out, in, kh, kw)
                handNorms[i].weight!.copy_(norms[i].Weights[0]);                       // gamma, beta (moving statistics: both 0 / 1)
                handNorms[i].bias!.copy_(norms[i].Weights[1]);
            }
            var linear = hand.modules().OfType<TorchSharp.Modules.Linear>().Single();
            linear.weight!.copy_(dense.Kernel!.t());
            linear.bias!.copy_(dense.Bias!);
            return hand;
        });
    }
}
