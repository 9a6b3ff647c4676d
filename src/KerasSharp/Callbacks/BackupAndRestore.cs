using System.Globalization;
using System.Text;
using System.Text.Json;
using KerasSharp.Saving;

namespace KerasSharp.Callbacks;

/// <summary>
/// Backs up training so that an interrupted Fit can resume (Keras' <c>keras.callbacks.BackupAndRestore</c>). At the
/// end of every epoch (or every <c>saveFreq</c> batches) it writes to <c>backupDir</c> Keras' files:
/// <c>latest.weights.h5</c> (<see cref="Model.SaveWeights"/>: the weights and the optimizer's iterations, learning
/// rate and slots) and <c>training_metadata.json</c> (<c>{"epoch": N, "batch": B}</c>). When Fit starts and a backup
/// exists, the weights and optimizer state are restored (<see cref="Model.LoadWeights"/>) and Fit resumes at the saved
/// epoch. The previous backup is kept as <c>_latest.weights.h5</c> / <c>_training_metadata.json</c> and used when the
/// latest one cannot be read. Both files are written atomically. When Fit ends normally the folder is deleted (<c>deleteCheckpoint</c>); when it ends
/// with an exception the backup stays for the next run.
/// </summary>
public sealed class BackupAndRestore : Callback, IResumesTraining, ITrainFailureAware
{
    private const string WeightsFile = "latest.weights.h5";
    private const string MetadataFile = "training_metadata.json";
    private readonly string backupDir;
    private readonly UpdateFrequency saveFreq;
    private readonly bool deleteCheckpoint;
    private readonly BatchCounter counter = new();
    private int currentEpoch;
    private bool failed;
    private bool pendingRestore;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    /// <param name="backupDir">Folder for the backup (created when needed).</param>
    /// <param name="saveFreq"><c>"epoch"</c> (default) or a number of batches.</param>
    /// <param name="deleteCheckpoint">Delete the backup when training finishes normally.</param>
    public BackupAndRestore(string backupDir, UpdateFrequency saveFreq = default, bool deleteCheckpoint = true)
    {
        if (string.IsNullOrEmpty(backupDir)) throw new ArgumentException("Empty backupDir argument passed.", nameof(backupDir));
        this.backupDir = backupDir;
        this.saveFreq = saveFreq;
        this.deleteCheckpoint = deleteCheckpoint;
    }

    private string WeightsPath => Path.Combine(backupDir, WeightsFile);
    private string MetadataPath => Path.Combine(backupDir, MetadataFile);
    private string PrevWeightsPath => Path.Combine(backupDir, "_" + WeightsFile);
    private string PrevMetadataPath => Path.Combine(backupDir, "_" + MetadataFile);

    /// <summary>The epoch this Fit resumed at, or null when it started afresh.</summary>
    public int? ResumeEpoch { get; private set; }

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        failed = false;
        currentEpoch = 0;
        counter.Reset();
        ResumeEpoch = null;
        pendingRestore = false;
        if (!File.Exists(MetadataPath) && !File.Exists(PrevMetadataPath)) return;
        try
        {
            ResumeEpoch = ReadEpoch(MetadataPath);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or KeyNotFoundException)
        {
            if (!File.Exists(PrevMetadataPath)) throw;
            UsePrevious();
            ResumeEpoch = ReadEpoch(MetadataPath);
        }
        currentEpoch = ResumeEpoch ?? 0;
        // A stream Fit builds the model on its first batch: restore then.
        if (Model!.Built) Restore();
        else pendingRestore = true;
    }

    /// <inheritdoc />
    public override void OnTrainBatchBegin(int batch, Logs logs)
    {
        if (!pendingRestore) return;
        pendingRestore = false;
        Restore();
    }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs) => currentEpoch = epoch;

    /// <inheritdoc />
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (saveFreq.Batches is int n && counter.Tick(batch, n)) Save(currentEpoch, batch);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        currentEpoch = epoch + 1;
        counter.EpochEnded();
        if (saveFreq.IsEpoch) Save(currentEpoch, 0);
    }

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs)
    {
        if (!failed && deleteCheckpoint && Directory.Exists(backupDir)) Directory.Delete(backupDir, recursive: true);
    }

    void ITrainFailureAware.OnTrainFailure(Exception error) => failed = true;

    private void Restore()
    {
        if (!File.Exists(WeightsPath)) return;
        try
        {
            Model!.LoadWeights(WeightsPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            if (!File.Exists(PrevWeightsPath)) throw;
            UsePrevious();
            ResumeEpoch = ReadEpoch(MetadataPath);
            Model!.LoadWeights(WeightsPath);
        }
    }

    // The latest backup is unreadable: fall back to the one before it (Keras copies the previous files over the latest
    // ones). The unreadable file is deleted first: a failed HDF5 open may still hold it open until finalization.
    private void UsePrevious()
    {
        if (File.Exists(PrevWeightsPath))
        {
            File.Delete(WeightsPath);
            File.Copy(PrevWeightsPath, WeightsPath);
        }
        if (File.Exists(PrevMetadataPath))
        {
            File.Delete(MetadataPath);
            File.Copy(PrevMetadataPath, MetadataPath);
        }
    }

    private static int ReadEpoch(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("epoch").GetInt32();
    }

    private void Save(int epoch, int batch)
    {
        Directory.CreateDirectory(backupDir);
        if (File.Exists(WeightsPath)) File.Copy(WeightsPath, PrevWeightsPath, overwrite: true);
        if (File.Exists(MetadataPath)) File.Copy(MetadataPath, PrevMetadataPath, overwrite: true);
        var json = string.Create(CultureInfo.InvariantCulture, $"{{\"epoch\": {epoch}, \"batch\": {batch}}}");
        try
        {
            Model!.SaveWeights(WeightsPath, overwrite: true);
            AtomicFile.Write(MetadataPath, fs => fs.Write(Encoding.UTF8.GetBytes(json)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"BackupAndRestore could not write its backup in '{Path.GetFullPath(backupDir)}': {e.Message}", e);
        }
    }
}
