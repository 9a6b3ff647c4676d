using TorchSharp;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>
    /// Sets the default device for models built after this call: <c>"auto"</c> (CUDA when available, else CPU; the
    /// default), <c>"cpu"</c>, <c>"cuda"</c> or <c>"cuda:N"</c>. The environment variable <c>KERASSHARP_DEVICE</c>
    /// sets the initial value. Asking for CUDA where there is none throws, saying what is missing.
    /// </summary>
    public static void SetDevice(string device) => DeviceManager.SetDefault(device);

    /// <summary>The device new models are built on (resolved from <see cref="SetDevice"/>).</summary>
    public static torch.Device DefaultDevice => DeviceManager.DefaultDevice;
}
