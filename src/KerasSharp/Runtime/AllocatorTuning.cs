using System.Runtime.InteropServices;

namespace KerasSharp.Runtime;

/// <summary>
/// Keeps freed native memory in the process on Linux (glibc), so that the next batch's tensors reuse it instead of
/// asking the kernel for fresh pages.
/// </summary>
/// <remarks>
/// <para>LibTorch allocates CPU tensors with <c>malloc</c>. glibc serves blocks above its mmap threshold (128 KB, raised
/// dynamically up to 32 MB) with a fresh <c>mmap</c> and returns them with <c>munmap</c> on free, and it trims freed
/// memory at the top of the heap back to the kernel. A training step frees and reallocates the same activation and
/// gradient buffers every batch, so without tuning each batch touches megabytes of new pages and pays a page fault
/// per 4 KB page. Measured on this project's machines (virtualised, where page faults are costly): the keras.io MNIST
/// convnet's inference step went from 80-100 ms to 10 ms per batch of 128, and RMSprop's update on 670k parameters
/// from 1.0-1.6 ms to 0.7 ms, for a hand-written TorchSharp loop and KerasSharp alike (docs/performance.md).</para>
/// <para>What it sets (once, when KerasSharp loads): <c>M_MMAP_THRESHOLD</c> = 256 MB (blocks below it come from the
/// heap and are reused) and <c>M_TRIM_THRESHOLD</c> = 1 GB (up to that much free memory stays in the process). The
/// cost is that the process keeps up to its peak native memory instead of returning it between batches; PyTorch users
/// get the same effect by preloading jemalloc or tcmalloc.</para>
/// <para>It is skipped when <c>KERASSHARP_MALLOC_TUNING=0</c>, when the user already tuned malloc through
/// <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>, <c>MALLOC_TOP_PAD_</c> or a <c>glibc.malloc</c> tunable
/// in <c>GLIBC_TUNABLES</c>, off Linux, and where the C library is not glibc.
/// <see cref="Keras.Backend.Describe"/> reports what happened.</para>
/// </remarks>
internal static class AllocatorTuning
{
    /// <summary>The mmap threshold set (bytes).</summary>
    internal const int MmapThreshold = 256 << 20;

    /// <summary>The trim threshold set (bytes).</summary>
    internal const int TrimThreshold = 1 << 30;

    // glibc's mallopt parameter numbers (malloc.h).
    private const int M_TRIM_THRESHOLD = -1;
    private const int M_MMAP_THRESHOLD = -3;

    private static readonly object Gate = new();
    private static bool attempted;

    /// <summary>What <see cref="Apply"/> did, for <see cref="Keras.Backend.Describe"/>.</summary>
    internal static string Status { get; private set; } = "not attempted";

    /// <summary>True when the thresholds were set by KerasSharp in this process.</summary>
    internal static bool Applied { get; private set; }

    /// <summary>Sets the thresholds once (idempotent; never throws).</summary>
    internal static void Apply()
    {
        lock (Gate)
        {
            if (attempted) return;
            attempted = true;
            try
            {
                Status = Run();
            }
            catch (Exception e)
            {
                Status = $"not tuned: {e.GetType().Name}: {e.Message}";
            }
        }
    }

    private static string Run()
    {
        if (!OperatingSystem.IsLinux()) return "system allocator (not Linux)";
        if (Environment.GetEnvironmentVariable("KERASSHARP_MALLOC_TUNING") == "0")
            return "glibc malloc as configured (KERASSHARP_MALLOC_TUNING=0)";
        if (UserTunedMalloc() is string variable)
            return $"glibc malloc as configured by {variable}";
        string version;
        try
        {
            // glibc's soname: musl and other C libraries have no libc.so.6 (or no gnu_get_libc_version), and are left alone.
            version = Marshal.PtrToStringAnsi(gnu_get_libc_version()) ?? "?";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "system allocator (the C library is not glibc)";
        }
        bool mmap = mallopt(M_MMAP_THRESHOLD, MmapThreshold) == 1;
        bool trim = mallopt(M_TRIM_THRESHOLD, TrimThreshold) == 1;
        Applied = mmap && trim;
        return Applied
            ? $"glibc {version} malloc keeps freed memory for reuse (mmap threshold {MmapThreshold >> 20} MB, trim threshold {TrimThreshold >> 20} MB; KERASSHARP_MALLOC_TUNING=0 turns this off)"
            : $"glibc {version} malloc: tuning refused (mmap threshold {(mmap ? "set" : "refused")}, trim threshold {(trim ? "set" : "refused")})";
    }

    /// <summary>The environment variable through which the user already configured glibc malloc, or null.</summary>
    internal static string? UserTunedMalloc()
    {
        foreach (var name in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_" })
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return name;
        var tunables = Environment.GetEnvironmentVariable("GLIBC_TUNABLES");
        return tunables is not null && tunables.Contains("glibc.malloc.", StringComparison.Ordinal) ? "GLIBC_TUNABLES" : null;
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);

    [DllImport("libc.so.6", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr gnu_get_libc_version();
}
