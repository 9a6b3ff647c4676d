using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>An <see cref="Layers.Attention"/> layer (dot-product attention over <c>[query, value, key]</c>).</summary>
    public static Attention Attention(bool useScale = false, string scoreMode = "dot", double dropout = 0.0, int? seed = null,
        string? name = null) => new(useScale, scoreMode, dropout, seed, name);

    /// <summary>An <see cref="Layers.AdditiveAttention"/> layer (Bahdanau-style attention over <c>[query, value, key]</c>).</summary>
    public static AdditiveAttention AdditiveAttention(bool useScale = true, double dropout = 0.0, int? seed = null, string? name = null) =>
        new(useScale, dropout, seed, name);

    /// <summary>A <see cref="Layers.MultiHeadAttention"/> layer: <c>MultiHeadAttention(numHeads: 2, keyDim: 16)</c>.</summary>
    public static MultiHeadAttention MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, double dropout = 0.0,
        bool useBias = true, Shape? outputShape = null, int[]? attentionAxes = null,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, int? seed = null, string? name = null) =>
        new(numHeads, keyDim, valueDim, dropout, useBias, outputShape, attentionAxes, kernelInitializer, biasInitializer,
            kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, seed, name);
}
