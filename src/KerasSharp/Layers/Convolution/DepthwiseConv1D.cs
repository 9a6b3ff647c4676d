using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>DepthwiseConv1D</c>: each input channel of <c>(batch, steps, channels)</c> (channels_last, Keras' default) is convolved with its own
/// <c>depthMultiplier</c> filters, giving <c>input_channels * depthMultiplier</c> outputs ordered channel-major (output
/// <c>c * depthMultiplier + m</c>), as TensorFlow, e.g. <c>new DepthwiseConv1D(3, depthMultiplier: 2)</c>. Kernel in Keras' layout
/// <c>(k, input_channels, depth_multiplier)</c> (weight name <c>kernel</c>); see <see cref="BaseDepthwiseConv"/>.
/// </summary>
public class DepthwiseConv1D : BaseDepthwiseConv
{
    /// <summary>Creates a DepthwiseConv1D layer.</summary>
    /// <param name="kernelSize">Window size: an int or a tuple of 1 ints (each &gt;= 1).</param>
    /// <param name="strides">Stride: an int or a tuple of 1 ints; null means 1.</param>
    /// <param name="padding">"valid" or "same" (case-insensitive).</param>
    /// <param name="depthMultiplier">Filters per input channel (&gt; 0).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="dilationRate">Dilation: an int or a tuple of 1 ints; null means 1. Not combinable with strides &gt; 1.</param>
    /// <param name="activation">Activation name or function; null means linear.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="depthwiseInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="depthwiseRegularizer">Penalty on the kernel added to the training loss.</param>
    /// <param name="biasRegularizer">Penalty on the bias.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="depthwiseConstraint">Projection of the kernel after each update.</param>
    /// <param name="biasConstraint">Projection of the bias after each update.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>depthwise_conv1d</c>, <c>depthwise_conv1d_1</c>, ...).</param>
    public DepthwiseConv1D(IntTuple kernelSize, IntTuple? strides = null, string padding = "valid", int depthMultiplier = 1,
        string dataFormat = "channels_last", IntTuple? dilationRate = null, ActivationFunction? activation = null,
        bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? biasConstraint = null, Shape? inputShape = null, string? name = null)
        : base(1, kernelSize, strides, padding, depthMultiplier, dataFormat, dilationRate, activation, useBias,
            depthwiseInitializer, biasInitializer, depthwiseRegularizer, biasRegularizer, activityRegularizer,
            depthwiseConstraint, biasConstraint, inputShape, name)
    {
    }
}
