using KerasSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>Resolves device names (<c>"auto"</c>, <c>"cpu"</c>, <c>"cuda"</c>, <c>"cuda:1"</c>) to TorchSharp devices.</summary>
internal static class DeviceManager
{
    private static string? requested;
    private static Device? resolved;

    /// <summary>The device name asked for: <see cref="Keras.SetDevice"/>, else <c>KERASSHARP_DEVICE</c>, else <c>auto</c>.</summary>
    public static string Requested
    {
        get
        {
            if (requested is null)
            {
                var env = Environment.GetEnvironmentVariable("KERASSHARP_DEVICE");
                requested = string.IsNullOrWhiteSpace(env) ? "auto" : env.Trim();
            }
            return requested;
        }
    }

    /// <summary>The device new models are built on.</summary>
    public static Device DefaultDevice => resolved ??= Resolve(Requested, Requested == requested ? "device" : "KERASSHARP_DEVICE");

    /// <summary>Sets the default device after checking it exists.</summary>
    public static void SetDefault(string name)
    {
        var device = Resolve(name, nameof(name));
        requested = name;
        resolved = device;
    }

    /// <summary>Parses and checks a device name; CUDA requested but unavailable is an error saying why.</summary>
    public static Device Resolve(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        LibTorchLoader.EnsureLoaded();
        var n = name.Trim().ToLowerInvariant();
        if (n == "auto")
            return CudaAvailable() ? torch.CUDA : torch.CPU;
        if (n == "cpu")
            return torch.CPU;
        if (n == "cuda" || n.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (n.Length > 4 && !int.TryParse(n.AsSpan(5), out index))
                throw new ArgumentException($"Invalid device '{name}': expected 'cuda' or 'cuda:N' with N a device index.", paramName);
            if (!CudaAvailable())
                throw new InvalidOperationException($"Device '{name}' was requested but CUDA is not available: {CudaUnavailableReason()}.");
            int count = torch.cuda.device_count();
            if (index < 0 || index >= count)
                throw new ArgumentException($"Device '{name}' does not exist: this machine has {count} CUDA device(s) (cuda:0..cuda:{count - 1}).", paramName);
            return torch.device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"Unknown device '{name}'. Valid values: auto, cpu, cuda, cuda:N.", paramName);
    }

    /// <summary>True when a CUDA backend is referenced and a device is present.</summary>
    public static bool CudaAvailable()
    {
        if (!CudaBackendReferenced()) return false;
        try { return torch.cuda.is_available(); }
        catch (Exception) { return false; }
    }

    /// <summary>Why CUDA cannot be used here, in words a user can act on.</summary>
    public static string CudaUnavailableReason() => CudaBackendReferenced()
        ? "a CUDA LibTorch backend is referenced but no CUDA device or driver was found"
        : "no CUDA LibTorch backend package is referenced (build with -p:TorchBackend=cuda, or reference libtorch-cuda-12.8-linux-x64 / libtorch-cuda-12.8-win-x64)";

    private static bool? cudaReferenced;

    private static bool CudaBackendReferenced()
    {
        if (cudaReferenced is bool b) return b;
        var names = OperatingSystem.IsWindows() ? new[] { "torch_cuda.dll" } : new[] { "libtorch_cuda.so" };
        var dirs = LibTorchLoader.AppNativeDirectories().Prepend(AppContext.BaseDirectory);
        cudaReferenced = dirs.Any(d => names.Any(n => File.Exists(Path.Combine(d, n))));
        return cudaReferenced.Value;
    }
}
