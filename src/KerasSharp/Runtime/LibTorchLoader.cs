using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace KerasSharp.Runtime;

/// <summary>
/// Makes TorchSharp's native library load on glibc systems whose libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04).
/// </summary>
/// <remarks>
/// <para>TorchSharp 0.107's <c>libLibTorchSharp.so</c> declares a requirement on <c>GLIBCXX_3.4.32</c> although no
/// relocation uses a symbol of that version: it is a link-time marker only. glibc refuses the file when the system
/// libstdc++ lacks the version. Before TorchSharp initialises, this loader tries the library as shipped; when that
/// fails it writes a copy with the requirement marked weak (<c>VER_FLG_WEAK</c>) into a per-user cache folder, puts
/// links to the sibling LibTorch libraries beside it, and loads that copy. glibc then knows a library with the soname
/// <c>libLibTorchSharp.so</c>, and TorchSharp's own load of that name resolves to it.</para>
/// <para>Nothing in the NuGet cache, the build output or the system is modified. The cache folder is
/// <c>$KERASSHARP_NATIVE_CACHE</c>, else <c>$XDG_CACHE_HOME/kerassharp/native</c>, else <c>~/.cache/kerassharp/native</c>.</para>
/// <para>Runs automatically when the KerasSharp assembly is first used (module initializer). A script that touches
/// TorchSharp before any KerasSharp type should call <see cref="Keras.Backend.EnsureNativeLoaded"/> first.</para>
/// </remarks>
internal static class LibTorchLoader
{
    internal const string LibraryFileName = "libLibTorchSharp.so";
    internal const string LinkTimeOnlyVersion = "GLIBCXX_3.4.32";

    private static readonly object Gate = new();
    private static bool attempted;

    /// <summary>What the loader did, for <see cref="Keras.Backend.Describe"/> and error messages.</summary>
    internal static string Status { get; private set; } = "not attempted";

    /// <summary>Path of the patched copy in use, or null when the shipped library loaded as is.</summary>
    internal static string? PatchedPath { get; private set; }

#pragma warning disable CA2255 // A module initializer is the one place that runs before any TorchSharp call from KerasSharp.
    [ModuleInitializer]
    internal static void OnModuleLoad() => Keras.Backend.EnsureNativeLoaded(); // native fix, then allocator tuning
#pragma warning restore CA2255

    /// <summary>Idempotent; never throws (TorchSharp reports its own error if loading still fails).</summary>
    internal static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (attempted) return;
            attempted = true;
            if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("KERASSHARP_NO_NATIVE_FIX") == "1")
            {
                Status = "not needed on this OS";
                return;
            }
            try
            {
                Status = Run();
            }
            catch (Exception e)
            {
                Status = $"native fix failed: {e.GetType().Name}: {e.Message}";
            }
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static string Run()
    {
        var original = FindLibTorchSharp();
        if (original is null)
            return $"{LibraryFileName} not found next to TorchSharp (is a libtorch native package referenced?)";

        var bytes = File.ReadAllBytes(original);
        var needsFix = ElfVersionPatcher.ReadRequirements(bytes)
            .Any(r => r.Version == LinkTimeOnlyVersion && !r.IsWeak);
        if (!needsFix)
            return $"loaded as shipped ({original})";
        if (NativeLibrary.TryLoad(original, out _))
            return $"loaded as shipped ({original}); the system libstdc++ has {LinkTimeOnlyVersion}";

        var siblings = FindLibTorchDirectory(Path.GetDirectoryName(original)!)
            ?? throw new FileNotFoundException($"LibTorch libraries (libtorch.so) not found for {original}");
        var patched = WritePatchedCopy(original, bytes, siblings);
        NativeLibrary.Load(patched);
        PatchedPath = patched;
        return $"loaded a copy with {LinkTimeOnlyVersion} marked weak ({patched})";
    }

    /// <summary>The folder where patched copies live (one sub-folder per distinct library and LibTorch folder).</summary>
    internal static string CacheRoot()
    {
        var explicitDir = Environment.GetEnvironmentVariable("KERASSHARP_NATIVE_CACHE");
        if (!string.IsNullOrEmpty(explicitDir)) return explicitDir;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "kerassharp", "native");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home)
            ? Path.Combine(Path.GetTempPath(), "kerassharp-native")
            : Path.Combine(home, ".cache", "kerassharp", "native");
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static string WritePatchedCopy(string original, byte[] bytes, string libTorchDir)
    {
        var key = Hex(SHA256.HashData(bytes))[..16] + "-" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(libTorchDir)))[..8];
        var dir = Path.Combine(CacheRoot(), key);
        Directory.CreateDirectory(dir);

        foreach (var file in Directory.GetFiles(libTorchDir))
        {
            var name = Path.GetFileName(file);
            if (name == LibraryFileName || !name.Contains(".so")) continue;
            var link = Path.Combine(dir, name);
            var info = new FileInfo(link);
            if (info.LinkTarget == file) continue;
            var tmpLink = link + "." + Environment.ProcessId + ".tmp";
            File.Delete(tmpLink);
            File.CreateSymbolicLink(tmpLink, file);
            File.Move(tmpLink, link, overwrite: true);
        }

        var target = Path.Combine(dir, LibraryFileName);
        var patched = (byte[])bytes.Clone();
        ElfVersionPatcher.MarkWeak(patched, LinkTimeOnlyVersion);
        if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(patched))
        {
            var tmp = target + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(tmp, patched);
            File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Move(tmp, target, overwrite: true);
        }
        return target;
    }

    /// <summary>Where the runtime would load libLibTorchSharp.so from, in TorchSharp's own order.</summary>
    internal static string? FindLibTorchSharp() =>
        CandidateDirectories().Select(d => Path.Combine(d, LibraryFileName)).FirstOrDefault(File.Exists);

    private static string? FindLibTorchDirectory(string preferred) =>
        new[] { preferred }.Concat(CandidateDirectories())
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "libtorch.so")));

    /// <summary>The app's own native folders: the host's native search directories, then TorchSharp.dll's folder.</summary>
    internal static IEnumerable<string> AppNativeDirectories()
    {
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs)
            foreach (var d in searchDirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                yield return d;
        var torchSharpDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpDir))
            yield return torchSharpDir;
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        var rid = "linux-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        foreach (var d in AppNativeDirectories())
            yield return d;

        var torchSharpDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpDir))
        {
            yield return Path.Combine(torchSharpDir, "runtimes", rid, "native");
            // Loaded straight from a NuGet package folder: .../torchsharp/<v>/lib/<tfm>/TorchSharp.dll
            var packageRoot = Path.GetFullPath(Path.Combine(torchSharpDir, "..", ".."));
            yield return Path.Combine(packageRoot, "runtimes", rid, "native");
            var packages = Path.GetFullPath(Path.Combine(packageRoot, "..", ".."));
            foreach (var pkg in new[] { "libtorch-cpu-" + rid, "libtorch-cuda-12.8-" + rid })
            {
                var versions = Path.Combine(packages, pkg);
                if (Directory.Exists(versions))
                    foreach (var v in Directory.GetDirectories(versions).OrderDescending())
                        yield return Path.Combine(v, "runtimes", rid, "native");
            }
        }
    }

    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();
}
