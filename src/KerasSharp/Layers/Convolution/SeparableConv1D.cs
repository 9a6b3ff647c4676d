using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>SeparableConv1D</c>: a depthwise convolution of <c>(batch, steps, channels)</c> (channels_last, Keras' default; each input channel
/// with <c>depthMultiplier</c> filters, with the strides, padding and dilation) followed by a pointwise convolution to
/// <c>filters</c> channels, then bias and activation, e.g. <c>new SeparableConv1D(32, 3, padding: "same")</c>. Weights in Keras' order and layouts:
/// <c>depthwise_kernel (k, in, depth_multiplier)</c>, <c>pointwise_kernel (1, in * depth_multiplier, filters)</c>,
/// <c>bias (filters)</c>; see <see cref="BaseSeparableConv"/>.
/// </summary>
public class SeparableConv1D : BaseSeparableConv
{
    /// <summary>Creates a SeparableConv1D layer.</summary>
    /// <param name="filters">Number of output channels (&gt; 0).</param>
    /// <param name="kernelSize">Depthwise window size: an int or a tuple of 1 ints (each &gt;= 1).</param>
    /// <param name="strides">Stride: an int or a tuple of 1 ints; null means 1.</param>
    /// <param name="padding">"valid" or "same" (case-insensitive).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="dilationRate">Dilation: an int or a tuple of 1 ints; null means 1. Not combinable with strides &gt; 1.</param>
    /// <param name="depthMultiplier">Depthwise filters per input channel (&gt; 0).</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="depthwiseInitializer">Depthwise kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="pointwiseInitializer">Pointwise kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="depthwiseRegularizer">Penalty on the depthwise kernel.</param>
    /// <param name="pointwiseRegularizer">Penalty on the pointwise kernel.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="depthwiseConstraint">Projection of the depthwise kernel after each update.</param>
    /// <param name="pointwiseConstraint">Projection of the pointwise kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>separable_conv1d</c>, <c>separable_conv1d_1</c>, ...).</param>
    public SeparableConv1D(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", IntTuple? dilationRate = null, int depthMultiplier = 1,
        ActivationFunction? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
        Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? pointwiseConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null)
        : base(1, filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias,
            depthwiseInitializer, pointwiseInitializer, biasInitializer, depthwiseRegularizer, pointwiseRegularizer,
            biasRegularizer, activityRegularizer, depthwiseConstraint, pointwiseConstraint, biasConstraint, inputShape, name)
    {
    }
}
