using KerasSharp.Tests.TestSupport;
using KerasSharp.Runtime;

namespace KerasSharp.Tests.Runtime;

[Collection(GlobalState.Name)]

public class ElfVersionPatcherTests
{
    [Fact]
    public void ShippedLibraryRequiresGlibcxx3432AndPatchOnlyFlipsItsWeakFlag()
    {
        if (!OperatingSystem.IsLinux()) return; // the fix is Linux-only
        var path = LibTorchLoader.FindLibTorchSharp();
        Assert.NotNull(path);
        var original = File.ReadAllBytes(path!);
        var reqs = ElfVersionPatcher.ReadRequirements(original);
        var target = Assert.Single(reqs, r => r.Version == LibTorchLoader.LinkTimeOnlyVersion);
        Assert.Equal("libstdc++.so.6", target.Library);
        Assert.False(target.IsWeak);

        var patched = (byte[])original.Clone();
        Assert.Equal(1, ElfVersionPatcher.MarkWeak(patched, LibTorchLoader.LinkTimeOnlyVersion));
        var diff = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Equal([target.FlagsOffset], diff.Select(i => (long)i));
        Assert.True(ElfVersionPatcher.ReadRequirements(patched).Single(r => r.Version == LibTorchLoader.LinkTimeOnlyVersion).IsWeak);
        Assert.Equal(0, ElfVersionPatcher.MarkWeak(patched, LibTorchLoader.LinkTimeOnlyVersion));
        // The file on disk (build output / NuGet cache) is never modified.
        Assert.Equal(original, File.ReadAllBytes(path!));
    }

    [Fact]
    public void NotAnElfFileIsRejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadRequirements(new byte[100]));
        Assert.Contains("not an ELF file", ex.Message);
    }

    [Fact]
    public void TorchLoadsAndBackendDescribesHowTheNativeLibraryWasLoaded()
    {
        using var t = TorchSharp.torch.ones(3);
        Assert.Equal(3f, t.sum().item<float>());
        var text = Keras.Backend.Describe();
        Assert.Contains("LibTorch 2.10.0", text);
        Assert.Contains("Native library: loaded", text);
    }
}
