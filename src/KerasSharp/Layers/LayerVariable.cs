using KerasSharp.Constraints;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// A weight made by <c>Layer.AddWeight</c>: the TorchSharp parameter carrying the settings Keras keeps on its
/// <c>Variable</c> (<c>variable.regularizer</c>, <c>variable.constraint</c>), so the layer reads the penalty and the
/// optimizer the projection from the weight itself.
/// </summary>
internal sealed class LayerVariable : Parameter
{
    /// <summary>Wraps <paramref name="data"/> as a parameter.</summary>
    public LayerVariable(Tensor data, bool requiresGrad, Regularizer? regularizer, Constraint? constraint) : base(data, requiresGrad)
    {
        Regularizer = regularizer;
        Constraint = constraint;
    }

    /// <summary>The penalty added to the training loss (Keras' <c>variable.regularizer</c>), or null.</summary>
    public Regularizer? Regularizer { get; }

    /// <summary>The projection applied after each optimizer update (Keras' <c>variable.constraint</c>), or null.</summary>
    public Constraint? Constraint { get; }
}
