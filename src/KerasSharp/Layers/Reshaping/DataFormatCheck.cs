namespace KerasSharp.Layers;

/// <summary>Validates Keras' <c>data_format</c> argument for the layers of this folder and the spatial dropouts.</summary>
internal static class DataFormatCheck
{
    /// <summary>Returns <paramref name="dataFormat"/> when it is <c>channels_last</c> or <c>channels_first</c>; throws otherwise.</summary>
    public static string Valid(string dataFormat, string owner) => dataFormat is "channels_last" or "channels_first"
        ? dataFormat
        : throw new ArgumentException($"{owner}: dataFormat must be 'channels_last' or 'channels_first', but received '{dataFormat}'.", nameof(dataFormat));
}
