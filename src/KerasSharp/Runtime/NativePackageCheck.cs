using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace KerasSharp.Runtime;

/// <summary>
/// Turns TorchSharp's "no native library" failure into KerasSharp's own error, which names the packages a KerasSharp
/// app adds: TorchSharp's message recommends its 1.2 GB all-OS bundle and a build property NuGet users do not have.
/// Checked once, when the first layer or model is created (TorchSharp's own load runs then; its error is kept as the
/// inner exception).
/// </summary>
internal static class NativePackageCheck
{
    private static volatile bool usable;

    /// <summary>Makes sure LibTorch loads; throws <see cref="DllNotFoundException"/> with the packages to add when it does not.</summary>
    internal static void EnsureUsable()
    {
        if (usable)
            return;
        Keras.Backend.EnsureNativeLoaded();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            usable = true;
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            throw new DllNotFoundException(Message(RuntimeInformation.OSArchitecture, LibTorchLoader.Status), e);
        }
    }

    /// <summary>The LibTorch version this build of KerasSharp was made for (Directory.Build.props' LibTorchVersion).</summary>
    internal static string LibTorchVersion =>
        typeof(NativePackageCheck).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LibTorchVersion")?.Value ?? "unknown";

    /// <summary>The error text: what failed, and which package to add for the CPU and for CUDA on this OS.</summary>
    internal static string Message(Architecture arch, string loaderStatus)
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string a = arch.ToString().ToLowerInvariant();
        string version = LibTorchVersion;
        var cpu = $"libtorch-cpu-{os}-{a}";
        var lines = new List<string>
        {
            $"KerasSharp could not load LibTorch, the native engine under TorchSharp: no native LibTorch package is referenced by this app, or it does not match this machine ({os}-{a}; native loader: {loaderStatus}).",
            "Add one package reference to the app (not to a library):",
            $"  CPU:                 KerasSharp.Cpu (the natives of every OS), or just {cpu} version {version}  (dotnet add package {cpu} --version {version})",
        };
        if (os == "linux")
            lines.Add("  NVIDIA GPU on Linux: KerasSharp.Cuda.Linux (libtorch-cuda-12.8-linux-x64 " + version + ")");
        else if (os == "win")
            lines.Add("  NVIDIA GPU:          KerasSharp.Cuda.Windows (libtorch-cuda-12.8-win-x64 " + version + ")");
        else
            lines.Add("  (LibTorch has no CUDA build for macOS.)");
        lines.Add("In a file-based script: #:package " + cpu + "@" + version + ". See docs/native-loading.md.");
        return string.Join(Environment.NewLine, lines);
    }
}
