using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace KerasSharp.Runtime;

/// <summary>
/// Keeps LibTorch's CPU convolutions (oneDNN) correct on virtual AMD CPUs whose cache topology is inconsistent.
/// <para>On such machines (measured on this project's AMD EPYC build machines: CPUID does not advertise topology
/// extensions, so leaf 0x8000001D lists no cache, while leaf 0x80000006 reports a 508 MiB L3), oneDNN's AVX/AVX2/AVX-512
/// convolution kernels return wrong float32 results for batches larger than one — off by more than 10, sometimes NaN,
/// forward and input gradients alike — while its SSE4.1 kernels are exact. So when that signature is present, and the
/// user has not set <c>ONEDNN_MAX_CPU_ISA</c> themselves, KerasSharp sets it to <c>SSE41</c> in the process
/// environment before LibTorch creates its first oneDNN primitive. It costs convolution speed on those machines only.
/// <c>KERASSHARP_ONEDNN_GUARD=0</c> turns the guard off.</para>
/// </summary>
internal static class OneDnnGuard
{
    private const string IsaVariable = "ONEDNN_MAX_CPU_ISA";
    private static readonly object Gate = new();
    private static bool applied;

    /// <summary>What the guard decided, for <see cref="Keras.Backend.Describe"/>.</summary>
    internal static string Status { get; private set; } = "not checked";

    /// <summary>Checks the CPU once and caps oneDNN's instruction set when its cache topology is inconsistent.</summary>
    internal static void Apply()
    {
        lock (Gate)
        {
            if (applied) return;
            applied = true;
            try { Status = Decide(); }
            catch (Exception e) { Status = $"check failed: {e.GetType().Name}: {e.Message}"; }
        }
    }

    private static string Decide()
    {
        if (Environment.GetEnvironmentVariable("KERASSHARP_ONEDNN_GUARD") == "0")
            return "off (KERASSHARP_ONEDNN_GUARD=0)";
        if (Environment.GetEnvironmentVariable(IsaVariable) is { Length: > 0 } isa)
            return $"{IsaVariable}={isa} (set by the user)";
        if (!OperatingSystem.IsLinux() || !X86Base.IsSupported)
            return "not needed on this platform";
        if (!HasInconsistentAmdCacheTopology())
            return "not needed (the CPU reports a consistent cache topology)";
        if (setenv(IsaVariable, "SSE41", 1) != 0)
            return "needed, but setting ONEDNN_MAX_CPU_ISA failed";
        Environment.SetEnvironmentVariable(IsaVariable, "SSE41");
        return "ONEDNN_MAX_CPU_ISA=SSE41: this AMD CPU reports no cache topology (CPUID topoext / 0x8000001D), which makes oneDNN's AVX convolutions wrong";
    }

    /// <summary>
    /// An AMD CPU with AVX whose CPUID describes no cache topology: topology extensions not advertised (CPUID
    /// 0x80000001 ECX bit 22; every real AMD CPU with AVX has them) or leaf 0x8000001D empty. oneDNN then sizes its
    /// blocking from the legacy leaf 0x80000006 alone, which such virtual CPUs fill with impossible values.
    /// </summary>
    internal static bool HasInconsistentAmdCacheTopology()
    {
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        bool amd = ebx == 0x68747541 && edx == 0x69746E65 && ecx == 0x444D4163; // "AuthenticAMD"
        if (!amd || !Avx.IsSupported) return false;
        var (maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
        if ((uint)maxExtended < 0x80000001) return true;
        var (_, _, features, _) = X86Base.CpuId(unchecked((int)0x80000001), 0);
        bool topoext = (features & (1 << 22)) != 0;
        if (!topoext || (uint)maxExtended < 0x8000001D) return true;
        var (cacheType, _, _, _) = X86Base.CpuId(unchecked((int)0x8000001D), 0);
        return (cacheType & 0x1F) == 0;
    }

    [DllImport("libc.so.6", EntryPoint = "setenv")]
    private static extern int setenv(string name, string value, int overwrite);
}
