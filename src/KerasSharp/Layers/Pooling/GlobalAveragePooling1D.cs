namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GlobalAveragePooling1D</c>: the mean over the spatial axes of inputs <c>(batch, steps, channels)</c> (channels_last,
/// Keras' default), giving <c>(batch, channels)</c> (or, with <c>keepdims</c>, spatial sizes of 1).
/// </summary>
public class GlobalAveragePooling1D : BaseGlobalPooling
{
    /// <summary>Creates a GlobalAveragePooling1D layer.</summary>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="keepdims">Keep the spatial axes with size 1 (default false).</param>
    /// <param name="name">Layer name (default <c>global_average_pooling1d</c>, ...).</param>
    public GlobalAveragePooling1D(string dataFormat = "channels_last", bool keepdims = false, string? name = null)
        : base(1, false, dataFormat, keepdims, name)
    {
    }
}
