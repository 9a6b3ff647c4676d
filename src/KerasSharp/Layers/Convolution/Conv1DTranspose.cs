using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Conv1DTranspose</c> (transposed convolution, "deconvolution"): the gradient of a Conv1D with respect to
/// its input, used to upsample inputs <c>(batch, steps, channels)</c> (channels_last, Keras' default), e.g.
/// <c>new Conv1DTranspose(16, 3, strides: 2, padding: "same")</c>. Kernel in Keras' layout <c>(k, filters, input_channels)</c>.
/// Output size per axis as Keras (TensorFlow): "valid" <c>(n - 1) * s + k + output_padding</c> (default output padding
/// <c>max(k, s) - k</c>), "same" <c>n * s</c> (or <c>(n - 1) * s + k % 2 + output_padding</c> when given), with
/// TensorFlow's cropping (an odd crop removes the extra cell at the end); see <see cref="BaseConvTranspose"/>.
/// </summary>
public class Conv1DTranspose : BaseConvTranspose
{
    /// <summary>Creates a Conv1DTranspose layer.</summary>
    /// <param name="filters">Number of output channels (&gt; 0).</param>
    /// <param name="kernelSize">Window size: an int or a tuple of 1 ints (each &gt;= 1).</param>
    /// <param name="strides">Stride (the upsampling factor): an int or a tuple of 1 ints; null means 1.</param>
    /// <param name="padding">"valid" or "same" (case-insensitive).</param>
    /// <param name="outputPadding">Extra cells added at the end of each spatial axis: an int or a tuple of 1 ints (each &gt;= 0 and &lt; the stride); null lets the size follow from the padding.</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="dilationRate">Dilation: an int or a tuple of 1 ints; null means 1. Not combinable with strides &gt; 1.</param>
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
    /// <param name="name">Layer name (default <c>conv1d_transpose</c>, <c>conv1d_transpose_1</c>, ...).</param>
    public Conv1DTranspose(int filters, IntTuple kernelSize, IntTuple? strides = null, string padding = "valid",
        IntTuple? outputPadding = null, string dataFormat = "channels_last", IntTuple? dilationRate = null,
        ActivationFunction? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        Shape? inputShape = null, string? name = null)
        : base(1, filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint,
            biasConstraint, inputShape, name)
    {
    }
}
