namespace KerasSharp.Saving;

/// <summary>
/// Crash-safe file writes: the content goes to a temporary file in the target's folder, is flushed to disk, and only
/// then replaces the target in one rename. A failure (or a kill) while writing leaves the previous file untouched and
/// removes the temporary file when it can.
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

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"Cannot save to '{path}': the folder '{dir}' does not exist.");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
