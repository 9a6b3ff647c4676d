using KerasSharp.Tests.TestSupport;
using KerasSharp.Runtime;

namespace KerasSharp.Tests.Runtime;

/// <summary>The glibc malloc tuning applied when KerasSharp loads (docs/performance.md, "Allocator").</summary>
[Collection(GlobalState.Name)]
public class AllocatorTuningTests
{
    [Fact]
    public void OnLinuxWithGlibcTheThresholdsAreSetWhenKerasSharpLoadsAndDescribeSaysSo()
    {
        Keras.Backend.EnsureNativeLoaded();
        var text = Keras.Backend.Describe();
        Assert.Contains("Allocator: ", text);
        if (!OperatingSystem.IsLinux() || AllocatorTuning.UserTunedMalloc() is not null
            || Environment.GetEnvironmentVariable("KERASSHARP_MALLOC_TUNING") == "0")
        {
            Assert.False(AllocatorTuning.Applied, AllocatorTuning.Status);
            return;
        }
        if (AllocatorTuning.Status.Contains("not glibc")) return; // e.g. musl: nothing to tune
        Assert.True(AllocatorTuning.Applied, AllocatorTuning.Status);
        Assert.Contains("mmap threshold 256 MB, trim threshold 1024 MB", AllocatorTuning.Status);
        Assert.Contains("KERASSHARP_MALLOC_TUNING=0", text);
    }

    [Theory]
    [InlineData("MALLOC_MMAP_THRESHOLD_", "1048576", "MALLOC_MMAP_THRESHOLD_")]
    [InlineData("MALLOC_TRIM_THRESHOLD_", "1048576", "MALLOC_TRIM_THRESHOLD_")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1048576", "GLIBC_TUNABLES")]
    [InlineData("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2", null)]
    public void ATuningTheUserMadeThroughTheEnvironmentIsRespected(string variable, string value, string? expected)
    {
        // Reads the environment at call time; the tuning itself ran when the module loaded, so changing the
        // variables here affects only this check.
        var before = Environment.GetEnvironmentVariable(variable);
        try
        {
            foreach (var other in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES" })
                if (other != variable && Environment.GetEnvironmentVariable(other) is not null) return; // set outside: skip
            Environment.SetEnvironmentVariable(variable, value);
            Assert.Equal(expected, AllocatorTuning.UserTunedMalloc());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }
}
