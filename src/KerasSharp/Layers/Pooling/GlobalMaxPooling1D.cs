namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GlobalMaxPooling1D</c>: the maximum over the spatial axes of inputs <c>(batch, steps, channels)</c> (channels_last,
/// Keras' default), giving <c>(batch, channels)</c> (or, with <c>keepdims</c>, spatial sizes of 1).
/// </summary>
public class GlobalMaxPooling1D : BaseGlobalPooling
{
    /// <summary>Creates a GlobalMaxPooling1D layer.</summary>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="keepdims">Keep the spatial axes with size 1 (default false).</param>
    /// <param name="name">Layer name (default <c>global_max_pooling1d</c>, ...).</param>
    public GlobalMaxPooling1D(string dataFormat = "channels_last", bool keepdims = false, string? name = null)
        : base(1, true, dataFormat, keepdims, name)
    {
    }
}
