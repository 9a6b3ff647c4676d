namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>AveragePooling3D</c>: the mean (padded cells excluded) of each window over inputs <c>(batch, d1, d2, d3, channels)</c> (channels_last, Keras'
/// default), e.g. <c>new AveragePooling3D(2)</c>. Defaults as Keras: pool size 2, strides equal to the pool size, "valid" padding.
/// </summary>
public class AveragePooling3D : BasePooling
{
    /// <summary>Creates a AveragePooling3D layer.</summary>
    /// <param name="poolSize">Window size: an int or a tuple of 3 ints (each &gt;= 1); null means 2.</param>
    /// <param name="strides">Stride: an int or a tuple of 3 ints; null means the pool size.</param>
    /// <param name="padding">"valid" (default) or "same" (case-insensitive).</param>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="name">Layer name (default <c>average_pooling3d</c>, ...).</param>
    public AveragePooling3D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid",
        string dataFormat = "channels_last", string? name = null)
        : base(3, false, poolSize, strides, padding, dataFormat, name)
    {
    }
}
