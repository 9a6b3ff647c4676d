namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GlobalAveragePooling2D</c>: the mean over the spatial axes of inputs <c>(batch, rows, cols, channels)</c> (channels_last,
/// Keras' default), giving <c>(batch, channels)</c> (or, with <c>keepdims</c>, spatial sizes of 1).
/// </summary>
public class GlobalAveragePooling2D : BaseGlobalPooling
{
    /// <summary>Creates a GlobalAveragePooling2D layer.</summary>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="keepdims">Keep the spatial axes with size 1 (default false).</param>
    /// <param name="name">Layer name (default <c>global_average_pooling2d</c>, ...).</param>
    public GlobalAveragePooling2D(string dataFormat = "channels_last", bool keepdims = false, string? name = null)
        : base(2, false, dataFormat, keepdims, name)
    {
    }
}
