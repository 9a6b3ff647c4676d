using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Callbacks;

/// <summary>
/// The checkpoint file written by <see cref="ModelCheckpoint"/> (until Keras' <c>.keras</c> / <c>.weights.h5</c>
/// saving takes over through <see cref="ModelCheckpoint.Saver"/>) and by <see cref="BackupAndRestore"/>.
/// Format, all little-endian:
/// <code>
/// magic      8 bytes  "KSCKPT\0\u0001"  (format version 1)
/// count      int32    number of model weights (Model.Weights order: per layer, trainable then non-trainable)
/// per weight:
///   name     int32 byte length + UTF-8   "layer_name/weight_name" (informational; loading goes by position)
///   rank     int32
///   dims     int64 x rank
///   data     float32 x prod(dims), row-major
/// optimizer  byte     0 = none, 1 = present; if present:
///   name     int32 byte length + UTF-8   optimizer name ("adam")
///   iterations       int64
///   learning rate    float64 (NaN when the optimizer follows a schedule)
///   count    int32    number of state tensors (Optimizer.StateTensors order), each stored as a weight above
///                     with the name "optimizer/state_i"
/// </code>
/// <see cref="Read"/> checks the whole file (magic, counts, shapes) before changing any weight.
/// </summary>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = "KSCKPT\0\u0001"u8.ToArray();

    /// <summary>Writes the model's weights (and the optimizer's state when <paramref name="includeOptimizer"/>) to
    /// <paramref name="path"/> as it is (callers wanting an atomic replace use <see cref="WriteAtomically"/>).</summary>
    public static void Write(Model model, string path, bool includeOptimizer)
    {
        using var scope = NewDisposeScope();
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(Magic);
        var weights = NamedWeights(model);
        w.Write(weights.Count);
        foreach (var (name, p) in weights) WriteTensor(w, name, p);
        var opt = includeOptimizer ? model.Optimizer : null;
        if (opt is null)
        {
            w.Write((byte)0);
            return;
        }
        w.Write((byte)1);
        WriteString(w, opt.Name);
        w.Write(opt.Iterations);
        w.Write(opt.Schedule is null ? opt.LearningRate : double.NaN);
        var state = opt.StateTensors;
        w.Write(state.Count);
        for (int i = 0; i < state.Count; i++) WriteTensor(w, $"optimizer/state_{i}", state[i]);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/> (weights matched by position, shapes checked) and,
    /// when <paramref name="restoreOptimizer"/> and the file has one, the optimizer's iterations, learning rate and
    /// state (building the optimizer first when it has not run yet).
    /// </summary>
    public static void Read(Model model, string path, bool restoreOptimizer)
    {
        using var scope = NewDisposeScope();
        List<(string Name, long[] Shape, float[] Data)> weights, state = [];
        long iterations = 0;
        double learningRate = double.NaN;
        bool hasOptimizer;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var r = new BinaryReader(stream, Encoding.UTF8))
        {
            var magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"'{path}' is not a KerasSharp checkpoint file (bad header).");
            weights = ReadEntries(r, path);
            hasOptimizer = r.ReadByte() == 1;
            if (hasOptimizer)
            {
                ReadString(r);
                iterations = r.ReadInt64();
                learningRate = r.ReadDouble();
                state = ReadEntries(r, path);
            }
        }

        var targets = NamedWeights(model);
        if (targets.Count != weights.Count)
            throw new InvalidDataException($"Checkpoint '{path}' holds {weights.Count} weights but model \"{model.Name}\" has {targets.Count}.");
        for (int i = 0; i < targets.Count; i++)
            if (!targets[i].Value.shape.SequenceEqual(weights[i].Shape))
                throw new InvalidDataException($"Checkpoint '{path}': weight {i} ('{weights[i].Name}') has shape ({string.Join(", ", weights[i].Shape)}) but the model's '{targets[i].Name}' has shape ({string.Join(", ", targets[i].Value.shape)}).");

        var opt = model.Optimizer;
        IReadOnlyList<Tensor>? slots = null;
        if (restoreOptimizer && hasOptimizer && opt is not null)
        {
            if (opt.Variables.Count == 0 && model.TrainableWeights.Count > 0) Build(opt, model);
            slots = opt.StateTensors;
            if (slots.Count != state.Count)
                throw new InvalidDataException($"Checkpoint '{path}' holds {state.Count} optimizer state tensors but optimizer '{opt.Name}' has {slots.Count}.");
            for (int i = 0; i < slots.Count; i++)
                if (!slots[i].shape.SequenceEqual(state[i].Shape))
                    throw new InvalidDataException($"Checkpoint '{path}': optimizer state {i} has shape ({string.Join(", ", state[i].Shape)}) but the optimizer's has ({string.Join(", ", slots[i].shape)}).");
        }

        using var _ = no_grad();
        for (int i = 0; i < targets.Count; i++) Assign(targets[i].Value, weights[i].Data, weights[i].Shape);
        if (slots is not null && opt is not null)
        {
            for (int i = 0; i < slots.Count; i++) Assign(slots[i], state[i].Data, state[i].Shape);
            SetIterations(opt, iterations);
            if (!double.IsNaN(learningRate) && opt.Schedule is null) opt.LearningRate = learningRate;
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> writes, through a temporary file in the same
    /// folder and a rename, so a failed write leaves the previous file intact. Creates missing folders. Failures are
    /// reported as <see cref="IOException"/> naming <paramref name="path"/>.
    /// </summary>
    public static void WriteAtomically(string path, Action<string> write, string who)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".tmp-{Guid.NewGuid():N}-{Path.GetFileName(full)}");
        try
        {
            Directory.CreateDirectory(dir);
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            throw new IOException($"{who} could not write '{full}': {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try { if (File.Exists(file)) File.Delete(file); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The model's weights in <see cref="Layers.Layer.Weights"/> order with layer-qualified names.</summary>
    internal static List<(string Name, Parameter Value)> NamedWeights(Model model)
    {
        var result = new List<(string, Parameter)>();
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var layer in model.Layers)
        {
            var own = layer.OwnWeights;
            var all = layer.Weights;
            for (int i = 0; i < all.Count; i++)
            {
                if (!seen.Add(all[i])) continue;
                var match = own.FirstOrDefault(o => ReferenceEquals(o.Value, all[i]));
                result.Add(($"{layer.Name}/{match.Name ?? "weight_" + i}", all[i]));
            }
        }
        foreach (var p in model.Weights)
            if (seen.Add(p)) result.Add(($"{model.Name}/weight_{result.Count}", p));
        return result;
    }

    // Creates the optimizer's slots without changing any weight: Apply with no gradient builds the state, skips
    // every update and counts one iteration, which the caller then overwrites.
    private static void Build(Optimizer opt, Model model)
    {
        var trainable = model.TrainableWeights.ToList();
        foreach (var p in trainable) p.grad = null;
        opt.Apply(trainable);
    }

    // Optimizer.Iterations has a protected setter; restoring a backup has to set it (see the report: an internal
    // setter on Optimizer would replace this).
    private static void SetIterations(Optimizer opt, long value) =>
        typeof(Optimizer).GetProperty(nameof(Optimizer.Iterations), BindingFlags.Instance | BindingFlags.Public)!
            .GetSetMethod(nonPublic: true)!.Invoke(opt, [value]);

    private static void Assign(Tensor target, float[] data, long[] shape)
    {
        using var scope = NewDisposeScope();
        target.copy_(tensor(data, shape).to_type(target.dtype).to(target.device));
    }

    private static void WriteTensor(BinaryWriter w, string name, Tensor t)
    {
        WriteString(w, name);
        w.Write(t.shape.Length);
        foreach (var d in t.shape) w.Write(d);
        using var scope = NewDisposeScope();
        var data = t.detach().to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        if (BitConverter.IsLittleEndian) w.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        else foreach (var v in data) w.Write(v);
    }

    private static List<(string, long[], float[])> ReadEntries(BinaryReader r, string path)
    {
        int count = r.ReadInt32();
        if (count < 0) throw new InvalidDataException($"Checkpoint '{path}' is corrupt (negative count).");
        var list = new List<(string, long[], float[])>(count);
        for (int i = 0; i < count; i++)
        {
            var name = ReadString(r);
            int rank = r.ReadInt32();
            if (rank is < 0 or > 64) throw new InvalidDataException($"Checkpoint '{path}' is corrupt (rank {rank}).");
            var shape = new long[rank];
            long n = 1;
            for (int k = 0; k < rank; k++) n *= shape[k] = r.ReadInt64();
            if (n < 0 || n > int.MaxValue) throw new InvalidDataException($"Checkpoint '{path}' is corrupt (size {n}).");
            var data = new float[n];
            var bytes = r.ReadBytes(checked((int)n * 4));
            if (bytes.Length != n * 4) throw new InvalidDataException($"Checkpoint '{path}' is truncated.");
            if (BitConverter.IsLittleEndian) bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
            else for (int k = 0; k < n; k++) data[k] = BitConverter.ToSingle([bytes[4 * k + 3], bytes[4 * k + 2], bytes[4 * k + 1], bytes[4 * k]]);
            list.Add((name, shape, data));
        }
        return list;
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static string ReadString(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n is < 0 or > 1 << 20) throw new InvalidDataException("Checkpoint file is corrupt (bad string length).");
        return Encoding.UTF8.GetString(r.ReadBytes(n));
    }
}
