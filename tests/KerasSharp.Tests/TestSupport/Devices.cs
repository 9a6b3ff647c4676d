using TorchSharp;

namespace KerasSharp.Tests.TestSupport;

/// <summary>The devices tests run on: CPU always, CUDA when a CUDA backend and device are present.</summary>
public static class Devices
{
    /// <summary>xunit MemberData: every available device name.</summary>
    public static IEnumerable<object[]> Available()
    {
        yield return ["cpu"];
        if (DeviceManager.CudaAvailable())
            yield return ["cuda"];
    }
}
