using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace KerasSharp.Saving;

/// <summary>
/// Crash-safe file writes: the content goes to a temporary file in the target's folder, is flushed to disk, and only
/// then replaces the target in one rename. A failure while writing leaves the previous file untouched and removes the
/// temporary file; a temporary file left by a killed process is removed by the next save of the same target. Also the
/// check that a file to load is a regular file (<see cref="CheckRegularFile"/>).
/// </summary>
internal static class AtomicFile
{
    private static readonly AsyncLocal<Action<string>?> hook = new();

    /// <summary>
    /// Test hook, scoped to the current async flow: called with a stage name (<c>"metadata.json"</c>,
    /// <c>"config.json"</c>, <c>"model.weights.h5"</c>, <c>"weights"</c>) while a save is in progress; a throwing hook
    /// simulates a failure mid-write.
    /// </summary>
    internal static Action<string>? StageHook
    {
        get => hook.Value;
        set => hook.Value = value;
    }

    /// <summary>Reports that <paramref name="stage"/> has been written (see <see cref="StageHook"/>).</summary>
    internal static void Stage(string stage) => hook.Value?.Invoke(stage);

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/> atomically. A symbolic link is written through: its
    /// final target gets the new content and the link stays. IO errors name <paramref name="path"/>, never the
    /// temporary file.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var target = ResolveLinks(full, path);
        var dir = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"Cannot save to '{path}': the folder '{dir}' does not exist.");
        var prefix = TempPrefix(target);
        RemoveStaleTemps(dir, prefix, Path.GetFileName(target));
        var temp = Path.Combine(dir, $"{prefix}{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}.tmp");
        bool moved = false;
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
                // On Unix the rename happens while the temporary file is still open (and locked against the stale-file
                // sweep of a concurrent save); Windows cannot rename an open file.
                if (!OperatingSystem.IsWindows())
                {
                    File.Move(temp, target, overwrite: true);
                    moved = true;
                }
            }
            if (!moved) File.Move(temp, target, overwrite: true);
        }
        catch (Exception e)
        {
            if (!moved)
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (e is IOException or UnauthorizedAccessException) throw Named(e, temp, path, target);
            throw;
        }
    }

    // The file a chain of symbolic links ends at (a dangling link's target too), or the path itself.
    private static string ResolveLinks(string full, string path)
    {
        FileSystemInfo? final;
        try { final = new FileInfo(full).LinkTarget is null ? null : File.ResolveLinkTarget(full, returnFinalTarget: true); }
        catch (IOException e) { throw new IOException($"Cannot save to '{path}': its symbolic link cannot be followed ({e.Message}).", e); }
        if (final is null) return full;
        if (Directory.Exists(final.FullName))
            throw new IOException($"Cannot save to '{path}': it is a symbolic link to the folder '{final.FullName}', not to a file.");
        return final.FullName;
    }

    /// <summary>The start of every temporary file name for <paramref name="target"/>: short whatever the target's name
    /// length (a name near the file-system limit still saves), and the same in every process, so that the next save finds
    /// what a killed one left.</summary>
    internal static string TempPrefix(string target)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFileName(target)));
        return $".ks-{Convert.ToHexString(hash.AsSpan(0, 4)).ToLowerInvariant()}-";
    }

    // Deletes temporary files of this target that no save holds open (left by a killed process). A save in progress holds
    // its temporary file with FileShare.None, so opening it fails and it is left alone. Also sweeps the longer names that
    // earlier versions used (.<name>.<32 hex digits>.tmp).
    private static void RemoveStaleTemps(string dir, string prefix, string name)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(dir, prefix + "*.tmp")
                .Concat(Directory.EnumerateFiles(dir, $".{name}.*.tmp").Where(f => IsLegacyTemp(Path.GetFileName(f), name)))
                .ToArray();
        }
        catch (IOException) { return; }
        catch (UnauthorizedAccessException) { return; }
        foreach (var file in candidates)
        {
            try
            {
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(file);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsLegacyTemp(string file, string name)
    {
        int start = name.Length + 2;
        return file.Length == start + 32 + 4 && file.StartsWith($".{name}.", StringComparison.Ordinal)
            && file[start..^4].All(char.IsAsciiHexDigitLower);
    }

    // The same kind of exception, its message about the user's path instead of the temporary file.
    private static Exception Named(Exception e, string temp, string path, string target)
    {
        string where = Path.GetFullPath(path) == target ? $"'{path}'" : $"'{path}' (through the link to '{target}')";
        string message = $"Cannot save to {where}: {e.Message.Replace(temp, target, StringComparison.Ordinal)}";
        return e switch
        {
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            PathTooLongException => new PathTooLongException(message, e),
            _ => new IOException(message, e),
        };
    }

    /// <summary>
    /// Refuses, before opening it, a path that is not a regular file (after following links): a named pipe would block the
    /// reader until some writer appears, and a device or socket is no model file.
    /// </summary>
    /// <param name="path">The path the user gave.</param>
    /// <param name="operation">The loading call, for the message (<c>LoadModel</c>).</param>
    /// <exception cref="ArgumentException">A named pipe, device, socket or folder.</exception>
    public static void CheckRegularFile(string path, string operation)
    {
        if (OperatingSystem.IsWindows()) return;
        int mode;
        try
        {
            var status = new byte[256]; // larger than the runtime's FileStatus; its second int is the mode
            if (SystemNativeStat(path, status) != 0) return; // let the open report it
            mode = BitConverter.ToInt32(status, 4);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return;
        }
        string? kind = (mode & 0xF000) switch
        {
            0x8000 => null,
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x4000 => "a folder",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
        if (kind is not null)
            throw new ArgumentException(
                $"{operation}: '{path}' is {kind}, not a regular file; give the path of a saved model or weights file.", nameof(path));
    }

    // The .NET runtime's own stat (libSystem.Native ships with every .NET on Unix): it fills a FileStatus of fixed
    // layout whose first two 32-bit fields are flags and the mode (file type bits 0xF000), on every architecture.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", ExactSpelling = true)]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
