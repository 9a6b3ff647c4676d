using KerasSharp.Tests.TestSupport;
using System.Runtime.InteropServices;
using KerasSharp.Runtime;

namespace KerasSharp.Tests.Runtime;

[Collection(GlobalState.Name)]

public class NativePackageCheckTests
{
    [Fact]
    public void MessageNamesThePackagesToAddForThisOs()
    {
        var message = NativePackageCheck.Message(Architecture.X64, "libLibTorchSharp.so not found");
        Assert.Contains("KerasSharp.Cpu", message);
        Assert.Contains("libLibTorchSharp.so not found", message);
        Assert.Contains($"version {NativePackageCheck.LibTorchVersion}", message);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("libtorch-cpu-linux-x64", message);
            Assert.Contains("KerasSharp.Cuda.Linux", message);
            Assert.Contains("#:package libtorch-cpu-linux-x64@", message);
        }
        // Nothing about TorchSharp's all-OS bundle or its build property.
        Assert.DoesNotContain("TorchSharp-cpu", message);
        Assert.DoesNotContain("TorchBackend", message);
    }

    [Fact]
    public void TheLibTorchVersionComesFromTheBuild()
    {
        // Directory.Build.props' LibTorchVersion, stamped into the assembly; it matches the LibTorch that is loaded.
        Assert.StartsWith(NativePackageCheck.LibTorchVersion, TorchSharp.torch.__version__);
    }

    [Fact]
    public void UsableWhenTheNativePackageIsReferenced()
    {
        NativePackageCheck.EnsureUsable(); // the test project references libtorch-cpu: no exception
        Assert.Equal(2, Keras.Dense(2).Units);
    }
}
