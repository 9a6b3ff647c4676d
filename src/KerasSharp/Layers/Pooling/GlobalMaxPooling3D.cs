namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>GlobalMaxPooling3D</c>: the maximum over the spatial axes of inputs <c>(batch, d1, d2, d3, channels)</c> (channels_last,
/// Keras' default), giving <c>(batch, channels)</c> (or, with <c>keepdims</c>, spatial sizes of 1).
/// </summary>
public class GlobalMaxPooling3D : BaseGlobalPooling
{
    /// <summary>Creates a GlobalMaxPooling3D layer.</summary>
    /// <param name="dataFormat">"channels_last" (default) or "channels_first".</param>
    /// <param name="keepdims">Keep the spatial axes with size 1 (default false).</param>
    /// <param name="name">Layer name (default <c>global_max_pooling3d</c>, ...).</param>
    public GlobalMaxPooling3D(string dataFormat = "channels_last", bool keepdims = false, string? name = null)
        : base(3, true, dataFormat, keepdims, name)
    {
    }
}
