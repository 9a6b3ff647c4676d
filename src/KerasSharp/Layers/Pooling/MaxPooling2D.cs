namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>MaxPooling2D</c>: the maximum of each window over inputs <c>(batch, rows, cols, channels)</c> (channels_last, Keras'
/// default), e.g. <c>new MaxPooling2D((2, 2))</c>. Defaults as Keras: pool size 2, strides equal to the pool size, "valid" padding.
/// </summary>
public class MaxPooling2D : BasePooling
{
    /// <summary>Creates a MaxPooling2D layer.</summary>
    /// <param name="poolSize">Window size: an int or a tuple of 2 ints (each &gt;= 1); null means 2.</param>
    /// <param name="strides">Stride: an int or a tuple of 2 ints; null means the pool size.</param>
    /// <param name="padding">"valid" (default) or "same" (case-insensitive).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="name">Layer name (default <c>max_pooling2d</c>, ...).</param>
    public MaxPooling2D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null)
        : base(2, true, poolSize, strides, padding, dataFormat, name)
    {
    }
}
