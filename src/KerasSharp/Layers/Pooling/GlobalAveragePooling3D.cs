namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GlobalAveragePooling3D</c>: the mean over the spatial axes of inputs <c>(batch, d1, d2, d3, channels)</c> (channels_last,
/// Keras' default), giving <c>(batch, channels)</c> (or, with <c>keepdims</c>, spatial sizes of 1).
/// </summary>
public class GlobalAveragePooling3D : BaseGlobalPooling
{
    /// <summary>Creates a GlobalAveragePooling3D layer.</summary>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="keepdims">Keep the spatial axes with size 1 (default false).</param>
    /// <param name="name">Layer name (default <c>global_average_pooling3d</c>, ...).</param>
    public GlobalAveragePooling3D(string dataFormat = "channels_last", bool keepdims = false, string? name = null)
        : base(3, false, dataFormat, keepdims, name)
    {
    }
}
