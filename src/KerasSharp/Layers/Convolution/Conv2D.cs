using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Conv2D</c>: 2-D convolution over inputs <c>(batch, rows, cols, channels)</c> (channels_last, Keras' default), e.g.
/// <c>new Conv2D(32, (3, 3), activation: "relu")</c>. Kernel in Keras' layout <c>(kh, kw, in / groups, filters)</c>; defaults as Keras: strides 1, "valid" padding,
/// no activation, bias on, <c>glorot_uniform</c> kernel, <c>zeros</c> bias.
/// </summary>
public class Conv2D : BaseConv
{
    /// <summary>Creates a Conv2D layer.</summary>
    /// <param name="filters">Number of output channels (&gt; 0, divisible by <paramref name="groups"/>).</param>
    /// <param name="kernelSize">Window size: an int or a tuple of 2 ints (each &gt;= 1).</param>
    /// <param name="strides">Stride: an int or a tuple of 2 ints; null means 1.</param>
    /// <param name="padding">"valid" or "same" (case-insensitive).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="dilationRate">Dilation: an int or a tuple of 2 ints; null means 1. Not combinable with strides &gt; 1.</param>
    /// <param name="groups">Number of channel groups convolved separately (input channels and filters divisible by it).</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the kernel added to the training loss.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>conv2d</c>, <c>conv2d_1</c>, ...).</param>
    public Conv2D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int groups = 1, ActivationFunction? activation = null,
        bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null)
        : base(2, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer,
            kernelConstraint, biasConstraint, inputShape, name)
    {
    }
}
