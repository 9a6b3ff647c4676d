using System.Reflection;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using PureHDF;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Saving;

/// <summary>
/// Keras 3's weights layout (<c>saving_lib</c>'s H5IOStore): every saveable object gets a group <c>&lt;path&gt;/vars</c>
/// holding datasets <c>0..n-1</c> in the object's variable order. Paths follow the object tree, not layer names: a
/// model's layers are <c>layers/&lt;snake_case class name&gt;</c> with <c>_1</c>, <c>_2</c>, ... for repeats
/// (<c>layers/conv2d</c>, <c>layers/conv2d_1</c>, <c>layers/dense</c>), nested models add <c>/layers/...</c> below
/// their own path, a layer's sub-layers (public properties of type Layer) are <c>&lt;path&gt;/&lt;snake_case property&gt;</c>;
/// the model's own (empty) group is <c>vars</c> and the optimizer's is <c>optimizer/vars</c> (iterations, learning
/// rate unless a schedule is used, then the slots in Keras' order).
/// </summary>
internal static class WeightsStore
{
    /// <summary>Every (path, layer) of <paramref name="model"/> in saving order.</summary>
    public static List<(string Path, Layer Layer)> LayerPaths(Model model)
    {
        var list = new List<(string, Layer)>();
        var visited = new HashSet<Layer>(ReferenceEqualityComparer.Instance) { model };
        Walk(model, "", list, visited);
        return list;
    }

    private static void Walk(Layer owner, string prefix, List<(string, Layer)> list, HashSet<Layer> visited)
    {
        if (owner is Model m)
        {
            var used = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var child in ChildLayersOf(m))
            {
                var name = Internal.UniqueNames.ToSnakeCase(SerializationRegistry.ClassNameOf(child.GetType()));
                if (used.TryGetValue(name, out int n))
                {
                    used[name] = n + 1;
                    name = $"{name}_{n + 1}";
                }
                else used[name] = 0;
                if (!visited.Add(child)) continue;
                var path = Join(Join(prefix, "layers"), name);
                list.Add((path, child));
                Walk(child, path, list, visited);
            }
            return;
        }
        var props = owner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(Layer).IsAssignableFrom(p.PropertyType) && p.DeclaringType != typeof(Layer) && p.GetIndexParameters().Length == 0)
            .Select(p => (Name: Internal.UniqueNames.ToSnakeCase(p.Name), Prop: p))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, prop) in props)
        {
            if (prop.GetValue(owner) is not Layer sub || !visited.Add(sub)) continue;
            var path = Join(prefix, name);
            list.Add((path, sub));
            Walk(sub, path, list, visited);
        }
        // Tracked sub-layers not exposed as properties: named like a container's entries (snake_case class name).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sub in owner.SubLayers)
        {
            var name = Internal.UniqueNames.ToSnakeCase(SerializationRegistry.ClassNameOf(sub.GetType()));
            name = counts.TryGetValue(name, out int n) ? $"{name}_{counts[name] = n + 1}" : (counts[name] = 0) == 0 ? name : name;
            if (!visited.Add(sub)) continue;
            var path = Join(Join(prefix, "layers"), name);
            list.Add((path, sub));
            Walk(sub, path, list, visited);
        }
    }

    /// <summary>The layers Keras' saving walks for a model: Sequential's layers; a functional model's layers including its inputs.</summary>
    internal static IReadOnlyList<Layer> ChildLayersOf(Model m) =>
        m.Layers;   // for functional models the Input layers come first, as Keras' Functional.layers

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}/{b}";

    /// <summary>Writes the model's variables (and the optimizer's, when compiled) into a new HDF5 tree.</summary>
    public static H5File Build(Model model, bool includeOptimizer = true)
    {
        var root = new H5File();
        root["vars"] = new H5Group();
        foreach (var (path, layer) in LayerPaths(model))
        {
            var vars = H5Tensors.GroupAt(root, path + "/vars");
            var own = layer is Model ? [] : layer.OwnWeights;
            for (int i = 0; i < own.Count; i++)
                vars[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = H5Tensors.ToDataset(own[i].Value);
        }
        if (includeOptimizer && model.Optimizer is Optimizer opt)
        {
            var vars = H5Tensors.GroupAt(root, "optimizer/vars");
            int k = 0;
            foreach (var t in OptimizerVariables(opt))
                vars[(k++).ToString(System.Globalization.CultureInfo.InvariantCulture)] = H5Tensors.ToDataset(t);
        }
        return root;
    }

    // Keras' optimizer.variables: iterations (int64), learning_rate (float32, unless a schedule), then the slots.
    private static IEnumerable<Tensor> OptimizerVariables(Optimizer opt)
    {
        yield return tensor(opt.Iterations, ScalarType.Int64);
        if (opt.Schedule is null) yield return tensor((float)opt.LearningRate, ScalarType.Float32);
        if (opt.Variables.Count > 0)
            foreach (var t in opt.StateTensors) yield return t;
    }

    /// <summary>
    /// Reads every layer's variables from <paramref name="root"/>, checks counts and shapes, and only then assigns
    /// them (so a bad file changes nothing). With <paramref name="skipMismatch"/>, layers whose weights do not match
    /// are left as they are (a warning on stderr names them).
    /// </summary>
    /// <exception cref="InvalidDataException">Missing or mismatching weights; the message names the layer and both shapes.</exception>
    public static void Load(IH5Group root, Model model, bool skipMismatch)
    {
        var pending = new List<(Parameter Target, Tensor Value)>();
        string layersGroup = root.LinkExists("layers") || !root.LinkExists("_layer_checkpoint_dependencies") ? "layers" : "_layer_checkpoint_dependencies";
        try
        {
            foreach (var (path0, layer) in LayerPaths(model))
            {
                if (layer is Model) continue;
                var path = layersGroup == "layers" ? path0 : path0.Replace("layers", layersGroup, StringComparison.Ordinal);
                var own = layer.OwnWeights;
                var what = $"layer '{layer.Name}' ({layer.GetType().Name}, stored at '{path}')";
                var varsPath = path + "/vars";
                int count = root.LinkExists(varsPath) ? root.Group(varsPath).Children().Count() : 0;
                if (count == 0 && own.Count == 0) continue;
                string? problem = null;
                if (!layer.Built && count > 0)
                    problem = $"{what} was never built, so it has no weights, but the file holds {count} for it";
                else if (count == 0 && !root.LinkExists(varsPath))
                    problem = $"{what} has {own.Count} weights, but the file has no group '{varsPath}', where Keras stores them " +
                              $"(by position: {LayersGroupOf(path)}/<snake_case class>[_n]); {Siblings(root, path)}";
                else if (count != own.Count)
                    problem = $"{what} expects {own.Count} weights ({string.Join(", ", own.Select(w => $"{w.Name} {Shape.FromDims(w.Value.shape)}"))}) but the file's group '{varsPath}' holds {count}";
                var values = new List<Tensor>();
                for (int i = 0; problem is null && i < count; i++)
                {
                    var ds = root.Dataset($"{varsPath}/{i}");
                    var fileShape = H5Tensors.ShapeOf(ds);
                    var expected = own[i].Value.shape;
                    if (!fileShape.SequenceEqual(expected))
                    {
                        problem = $"{what}: weight {i} '{own[i].Name}' has shape {Shape.FromDims(fileShape)} in the file but the layer expects {Shape.FromDims(expected)}";
                        break;
                    }
                    values.Add(H5Tensors.ReadTensor(ds, $"{what} weight {i}").DetachFromDisposeScope());
                }
                if (problem is not null)
                {
                    foreach (var v in values) v.Dispose();
                    if (skipMismatch)
                    {
                        Console.Error.WriteLine($"Warning: skipping {problem} (skipMismatch: true).");
                        continue;
                    }
                    throw new InvalidDataException(problem + ".");
                }
                for (int i = 0; i < values.Count; i++) pending.Add((own[i].Value, values[i]));
            }
            using var _ = no_grad();
            foreach (var (target, value) in pending)
                target.copy_(value.to(target.dtype, target.device));
        }
        finally
        {
            foreach (var (_, value) in pending) value.Dispose();
        }
    }

    private static string LayersGroupOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : path;

    /// <summary>What the file holds beside a missing path, so a mismatch can be diagnosed from the message alone.</summary>
    private static string Siblings(IH5Group root, string path)
    {
        var parent = LayersGroupOf(path);
        if (parent == path || !root.LinkExists(parent)) return $"the file has no group '{parent}' either";
        var names = root.Group(parent).Children().Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).Take(20).ToArray();
        return names.Length == 0 ? $"the file's group '{parent}' is empty" : $"the file's group '{parent}' holds: {string.Join(", ", names)}";
    }

    /// <summary>
    /// Restores the optimizer's iterations, learning rate and slots from <c>optimizer/vars</c> (Keras'
    /// <c>load_own_variables</c>): when the count does not match this optimizer, nothing is restored and a warning
    /// says why, as Keras does.
    /// </summary>
    public static void LoadOptimizer(IH5Group root, Model model)
    {
        if (model.Optimizer is not Optimizer opt || !root.LinkExists("optimizer/vars")) return;
        var group = root.Group("optimizer/vars");
        int count = group.Children().Count();
        int fixedCount = opt.Schedule is null ? 2 : 1;
        if (count == 0) return;
        using var scope = NewDisposeScope();
        Tensor Read(int i) => H5Tensors.ReadTensor(group.Dataset(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"optimizer variable {i}");
        if (count > fixedCount)
        {
            opt.BuildFor(model.TrainableWeights);
            var state = opt.StateTensors;
            if (count - fixedCount != state.Count)
            {
                Console.Error.WriteLine($"Warning: skipping variable loading for optimizer '{opt.Name}', because it has {state.Count + fixedCount} " +
                                        $"variables whereas the saved optimizer has {count} variables.");
                return;
            }
            for (int i = 0; i < state.Count; i++)
            {
                var shape = H5Tensors.ShapeOf(group.Dataset((i + fixedCount).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (!shape.SequenceEqual(state[i].shape))
                    throw new InvalidDataException($"Optimizer '{opt.Name}' variable {i + fixedCount} has shape {Shape.FromDims(shape)} in the file but {Shape.FromDims(state[i].shape)} in the model.");
            }
            using var _ = no_grad();
            for (int i = 0; i < state.Count; i++)
                state[i].copy_(Read(i + fixedCount).to(state[i].dtype, state[i].device));
        }
        else if (count != fixedCount)
        {
            Console.Error.WriteLine($"Warning: skipping variable loading for optimizer '{opt.Name}': the file holds {count} variables, the optimizer expects at least {fixedCount}.");
            return;
        }
        opt.RestoreIterations(Read(0).to_type(ScalarType.Int64).item<long>());
        if (opt.Schedule is null)
            opt.LearningRate = Read(1).to_type(ScalarType.Float64).item<double>();
    }
}
