namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>AveragePooling1D</c>: the mean (padded cells excluded) of each window over inputs <c>(batch, steps, channels)</c> (channels_last, Keras'
/// default), e.g. <c>new AveragePooling1D(2)</c>. Defaults as Keras: pool size 2, strides equal to the pool size, "valid" padding.
/// </summary>
public class AveragePooling1D : BasePooling
{
    /// <summary>Creates a AveragePooling1D layer.</summary>
    /// <param name="poolSize">Window size: an int or a tuple of 1 ints (each &gt;= 1); null means 2.</param>
    /// <param name="strides">Stride: an int or a tuple of 1 ints; null means the pool size.</param>
    /// <param name="padding">"valid" (default) or "same" (case-insensitive).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="name">Layer name (default <c>average_pooling1d</c>, ...).</param>
    public AveragePooling1D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null)
        : base(1, false, poolSize, strides, padding, dataFormat, name)
    {
    }
}
