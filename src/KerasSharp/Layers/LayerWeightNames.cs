using KerasSharp.Layers;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp;

/// <summary>
/// Keras' variable names on KerasSharp's weights, which are TorchSharp <see cref="Parameter"/>s:
/// <c>weight.Name</c> is Keras' <c>variable.name</c> (<c>kernel</c>, <c>bias</c>, <c>moving_mean</c>) and
/// <c>weight.Path</c> is Keras' <c>variable.path</c> (<c>dense/kernel</c>; a weight of a layer built inside another
/// layer carries the outer names too: <c>multi_head_attention/query/kernel</c>).
/// </summary>
public static class LayerWeightNames
{
    extension(Parameter weight)
    {
        /// <summary>Keras' <c>variable.name</c> (<c>kernel</c>), or null for a parameter no layer created.</summary>
        public string? Name => Layer.WeightNameOf(weight);

        /// <summary>Keras' <c>variable.path</c> (<c>dense/kernel</c>), or null for a parameter no layer created.</summary>
        public string? Path => Layer.WeightPathOf(weight);
    }
}
