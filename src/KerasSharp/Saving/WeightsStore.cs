using System.Reflection;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using PureHDF;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Saving;

/// <summary>
/// Keras 3's weights layout (<c>saving_lib</c>'s H5IOStore): every saveable object gets a group <c>&lt;path&gt;/vars</c>
/// holding datasets <c>0..n-1</c> in the object's variable order. Paths follow Keras' walk of the object tree
/// (<c>_walk_saveable</c>), not layer names:
/// <list type="bullet">
/// <item>Sequential and functional models: <c>layers/&lt;snake_case class name&gt;</c> with <c>_1</c>, <c>_2</c>, ... for
/// repeats (<c>layers/conv2d</c>, <c>layers/conv2d_1</c>, <c>layers/dense</c>); nested models add their own
/// <c>/layers/...</c> below their path.</item>
/// <item>Layers and models written in C# (subclasses): each attribute holding a layer is visited in sorted name order and
/// stored under its Keras attribute name, a list, array or dictionary of layers as a container
/// (<c>&lt;attr&gt;/&lt;snake_case class&gt;</c>, <c>_1</c>, ...). A C# member's attribute name is its name in snake_case
/// without leading underscores (<c>_dense1</c>, <c>Dense1</c>: <c>dense1</c>; <c>DenseLayers</c>: <c>dense_layers</c>);
/// public properties of a layer type count too (a built-in layer's <c>Cell</c>: <c>cell</c>). A subclassed model also
/// has Keras' <c>layers</c> attribute (<see cref="Model.Layers"/>, a container), visited in its sorted place, so, as in
/// Keras, a layer whose attribute name sorts after <c>layers</c> is stored at <c>layers/&lt;class&gt;_n</c>, counted
/// over the model's layers in tracking order. Layers registered only with <c>TrackLayer</c> are stored there as well
/// (<c>layers/&lt;snake_case class&gt;[_n]</c>; for a layer that is not a model, after its attributes).</item>
/// <item>The model's own variables are <c>vars</c> (empty unless a subclassed model adds weights itself) and the
/// optimizer's are <c>optimizer/vars</c> (iterations, learning rate unless a schedule is used, then the slots in Keras'
/// order).</item>
/// </list>
/// An object reached twice (a shared layer) is stored once, at its first path. What each object's <c>vars</c> group
/// holds is its <see cref="Layer.SaveOwnVariables"/> (by default its own weights as <c>0..n-1</c>).
/// </summary>
internal static class WeightsStore
{
    /// <summary>Every (path, layer) of <paramref name="model"/> in saving order (the model itself not included).</summary>
    public static List<(string Path, Layer Layer)> LayerPaths(Model model)
    {
        var list = new List<(string, Layer)>();
        var visited = new HashSet<Layer>(ReferenceEqualityComparer.Instance) { model };
        Walk(model, "", list, visited);
        return list;
    }

    /// <summary>The model itself (path <c>""</c>, its own variables at <c>vars</c>) followed by <see cref="LayerPaths"/>.</summary>
    internal static List<(string Path, Layer Layer)> SavedObjects(Model model) => [("", model), .. LayerPaths(model)];

    // One attribute of an object in Keras' walk: a layer, or a container of layers.
    private readonly record struct Attribute(string Name, Layer? Single, IReadOnlyList<Layer>? Items, string Member);

    private static void Walk(Layer owner, string prefix, List<(string, Layer)> list, HashSet<Layer> visited)
    {
        var attributes = AttributesOf(owner);
        var containers = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);

        void Visit(string path, Layer layer)
        {
            if (!visited.Add(layer)) return;
            list.Add((path, layer));
            Walk(layer, path, list, visited);
        }

        // Keras' _save_container_state: entries named by snake_case class, counted whether or not already visited.
        void VisitContainer(string attribute, IEnumerable<Layer> items)
        {
            if (!containers.TryGetValue(attribute, out var used)) containers[attribute] = used = new(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var name = Internal.UniqueNames.ToSnakeCase(SerializationRegistry.ClassNameOf(item.GetType()));
                if (used.TryGetValue(name, out int n)) name = $"{name}_{used[name] = n + 1}";
                else used[name] = 0;
                Visit(Join(Join(prefix, attribute), name), item);
            }
        }

        void VisitAttribute(Attribute a)
        {
            if (a.Single is not null) Visit(Join(prefix, a.Name), a.Single);
            else VisitContainer(a.Name, a.Items!);
        }

        if (owner is Model m && (m.Graph is not null || m is Sequential))
        {
            // Keras visits the layers of Sequential and Functional first, then any other attributes.
            VisitContainer("layers", ChildLayersOf(m));
            foreach (var a in attributes) VisitAttribute(a);
        }
        else if (owner is Model subclassed)
        {
            // A subclassed model's `layers` is one more attribute, in its sorted place.
            bool layersDone = false;
            foreach (var a in attributes)
            {
                if (!layersDone && string.CompareOrdinal("layers", a.Name) <= 0)
                {
                    VisitContainer("layers", ChildLayersOf(subclassed));
                    layersDone = true;
                }
                VisitAttribute(a);
            }
            if (!layersDone) VisitContainer("layers", ChildLayersOf(subclassed));
        }
        else
        {
            foreach (var a in attributes) VisitAttribute(a);
        }
        // Layers registered with TrackLayer that no attribute holds.
        VisitContainer("layers", owner.SubLayers);
    }

    /// <summary>
    /// The attributes of <paramref name="owner"/> that hold layers, sorted by Keras attribute name: public properties of
    /// a layer type (for models, only those a subclass outside KerasSharp declares) and the layer-holding fields of a
    /// user's subclass (<see cref="MemberLayers"/>). Two members with one name are one attribute when they hold the
    /// same thing (an auto-property and its backing field); otherwise the name is ambiguous and this throws.
    /// </summary>
    private static List<Attribute> AttributesOf(Layer owner)
    {
        var type = owner.GetType();
        var found = new List<Attribute>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!typeof(Layer).IsAssignableFrom(p.PropertyType) || p.DeclaringType == typeof(Layer) || p.GetIndexParameters().Length != 0)
                continue;
            if (owner is Model && p.DeclaringType?.Assembly == typeof(Layer).Assembly) continue;
            Layer? value;
            try { value = p.GetValue(owner) as Layer; }
            catch (TargetInvocationException) { continue; }   // as Keras, an attribute that cannot be read is skipped
            if (value is not null) found.Add(new Attribute(Internal.UniqueNames.ToSnakeCase(p.Name), value, null, $"property {p.Name}"));
        }
        foreach (var member in MemberLayers.Of(type))
        {
            var (single, items) = MemberLayers.Read(member, owner);
            if (single is not null || items is { Count: > 0 })
                found.Add(new Attribute(member.KerasName, single, items, $"field {member.MemberName}"));
        }
        var result = new List<Attribute>();
        foreach (var group in found.GroupBy(a => a.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            var other = group.FirstOrDefault(a => !SameContents(a, first));
            if (other != default)
                throw new InvalidOperationException(
                    $"{type.Name} \"{owner.Name}\": {first.Member} and {other.Member} both map to the Keras attribute name '{first.Name}' " +
                    "(snake_case, leading underscores dropped) but hold different layers, so their saved weights would collide; rename one of them.");
            result.Add(first);
        }
        return result;
    }

    private static bool SameContents(Attribute a, Attribute b) =>
        a.Single is not null ? ReferenceEquals(a.Single, b.Single)
            : b.Items is not null && a.Items!.Count == b.Items.Count && a.Items.Zip(b.Items).All(p => ReferenceEquals(p.First, p.Second));

    /// <summary>The layers Keras' saving walk visits as a model's <c>layers</c>: Sequential's layers; a functional model's
    /// layers including its inputs; a subclassed model's tracked layers.</summary>
    internal static IReadOnlyList<Layer> ChildLayersOf(Model m) =>
        m.Layers;   // for functional models the Input layers come first, as Keras' Functional.layers

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}/{b}";

    /// <summary>
    /// Throws unless every weight of <paramref name="model"/> is held by an object of the saving walk, so that a save
    /// never silently leaves weights out (or writes an empty file) and a load never silently skips some.
    /// </summary>
    /// <exception cref="InvalidOperationException">Weights the walk does not reach; the message names their layers.</exception>
    internal static void EnsureWalkCoversWeights(Model model, string action)
    {
        var all = model.Weights;
        if (all.Count == 0) return;
        var covered = new HashSet<Parameter>(SavedObjects(model).SelectMany(o => o.Layer.OwnWeights.Select(w => w.Value)), ReferenceEqualityComparer.Instance);
        var missing = all.Where(w => !covered.Contains(w)).ToList();
        if (missing.Count == 0) return;
        var what = missing.Count == all.Count ? $"none of its {all.Count} weights" : $"{missing.Count} of its {all.Count} weights";
        throw new InvalidOperationException(
            $"Cannot {action} the weights of model \"{model.Name}\" ({model.GetType().Name}): {what} would be {(action == "save" ? "written" : "read")} " +
            $"({DescribeOwners(missing)}), because no attribute of the model leads to the layers holding them. " +
            "Hold each sub-layer in a field or property of the model (a layer, or a list or array of layers), or register it with TrackLayer.");
    }

    // "layer 'dense_3' (Dense): kernel (4, 2), bias (2,)" per layer holding missing weights.
    private static string DescribeOwners(List<Parameter> missing) =>
        string.Join("; ", missing.GroupBy(p => Layer.OwnerOf(p)).Select(g => g.Key is Layer l
            ? $"layer '{l.Name}' ({l.GetType().Name}): {string.Join(", ", l.OwnWeights.Where(w => g.Any(p => ReferenceEquals(p, w.Value))).Select(w => $"{w.Name} {Shape.FromDims(w.Value.shape)}"))}"
            : $"{g.Count()} weight(s) of no layer, shapes {string.Join(", ", g.Select(p => Shape.FromDims(p.shape)))}"));

    // Weight datasets anywhere under a `vars` group, the optimizer's and metrics' excepted.
    private static int CountStoredWeights(IH5Group group, bool top = true)
    {
        int n = 0;
        foreach (var child in group.Children())
        {
            if (child is not IH5Group g) continue;
            if (top && child.Name is "optimizer" or "metrics") continue;
            n += child.Name == "vars" ? g.Children().Count(c => c is IH5Dataset) : CountStoredWeights(g, top: false);
        }
        return n;
    }

    /// <summary>Writes the model's variables (and the optimizer's, when compiled) into a new HDF5 tree.</summary>
    public static H5File Build(Model model, bool includeOptimizer = true)
    {
        EnsureWalkCoversWeights(model, "save");
        var root = new H5File();
        root["vars"] = new H5Group();
        foreach (var (path, layer) in SavedObjects(model))
        {
            var vars = H5Tensors.GroupAt(root, Join(path, "vars"));
            // Keras' save_own_variables: the layer's own weights as "0", "1", ... unless the layer says otherwise.
            var store = new VariableStore($"layer '{layer.Name}' ({layer.GetType().Name}, group '{Join(path, "vars")}')");
            layer.SaveOwnVariables(store);
            foreach (var (key, value) in store.Entries)
                vars[key] = H5Tensors.ToDataset(value);
            // Keras' save_own_variables with named entries (the lookup layers' idf_weights).
            if (layer is IKerasAssets named)
                foreach (var (dir, key, value) in named.SaveNamedVariables())
                    H5Tensors.GroupAt(root, Join(Join(path, dir), "vars"))[key] = H5Tensors.ToDataset(value);
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
        yield return tensor(opt.RawIterations, ScalarType.Int64);
        if (opt.Schedule is null) yield return tensor((float)opt.LearningRate, ScalarType.Float32);
        if (opt.Variables.Count > 0)
            foreach (var t in opt.AllStateTensors) yield return t;
    }

    /// <summary>
    /// Reads every layer's variables from <paramref name="root"/>, checks counts and shapes, and only then assigns
    /// them (so a bad file changes nothing). A layer overriding <see cref="Layer.LoadOwnVariables"/> gets its whole
    /// <c>vars</c> group as a <see cref="VariableStore"/> once the others are assigned; should one throw, every weight
    /// of the model is put back as it was before the load. With <paramref name="skipMismatch"/>, layers whose weights
    /// do not match (or whose override throws) are left as they are (a warning on stderr names them).
    /// </summary>
    /// <exception cref="InvalidDataException">Missing or mismatching weights; the message names the layer and both shapes.</exception>
    public static void Load(IH5Group root, Model model, bool skipMismatch)
    {
        var objects = SavedObjects(model);
        int weightCount = objects.Sum(o => o.Layer.OwnWeights.Count);
        if (weightCount > 0 && CountStoredWeights(root) == 0)
            throw new InvalidDataException($"the file holds no weights, but model \"{model.Name}\" ({model.GetType().Name}) has {weightCount}");
        var pending = new List<(Parameter Target, Tensor Value)>();
        var pendingNamed = new List<(IKerasAssets Layer, Dictionary<string, Tensor> Values)>();
        var hooks = new List<(Layer Layer, string What, VariableStore Store)>();
        List<(Parameter Target, Tensor Saved)>? snapshot = null;
        string layersGroup = root.LinkExists("layers") || !root.LinkExists("_layer_checkpoint_dependencies") ? "layers" : "_layer_checkpoint_dependencies";
        // Messages name a top-level layer by its index in model.Layers too (nested objects by name and path).
        var indexOf = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < model.Layers.Count; i++) indexOf.TryAdd(model.Layers[i], i);
        try
        {
            foreach (var (path0, layer) in objects)
            {
                var path = layersGroup == "layers" ? path0 : path0.Replace("layers", layersGroup, StringComparison.Ordinal);
                var own = layer.OwnWeights;
                int index = indexOf.GetValueOrDefault(layer, -1);
                var what = $"layer {(index >= 0 ? $"#{index} " : "")}'{layer.Name}' ({layer.GetType().Name}, stored at '{path}')";
                var varsPath = Join(path, "vars");
                if (layer.Overrides(nameof(Layer.LoadOwnVariables), typeof(VariableStore)))
                {
                    // A layer with its own load_own_variables gets its whole vars group (empty when the file has none).
                    var store = new VariableStore($"{what}, group '{varsPath}'");
                    if (root.LinkExists(varsPath))
                        foreach (var child in root.Group(varsPath).Children())
                            if (child is IH5Dataset ds)
                                store[child.Name] = H5Tensors.ReadTensor(ds, $"{what} {child.Name}").DetachFromDisposeScope();
                    hooks.Add((layer, what, store));
                    continue;
                }
                var namedKeys = layer is IKerasAssets withNamed ? withNamed.NamedVariableKeys : [];
                int count = root.LinkExists(varsPath) ? root.Group(varsPath).Children().Count(c => !namedKeys.Contains(c.Name)) : 0;
                if (namedKeys.Count > 0)
                {
                    var values0 = new Dictionary<string, Tensor>(StringComparer.Ordinal);
                    foreach (var key in namedKeys)
                    {
                        if (!root.LinkExists($"{varsPath}/{key}"))
                        {
                            foreach (var v in values0.Values) v.Dispose();
                            throw new InvalidDataException($"{what} stores '{key}' by name, but the file has no dataset '{varsPath}/{key}'");
                        }
                        values0[key] = H5Tensors.ReadTensor(root.Dataset($"{varsPath}/{key}"), $"{what} {key}").DetachFromDisposeScope();
                    }
                    pendingNamed.Add(((IKerasAssets)layer, values0));
                }
                if (count == 0 && own.Count == 0) continue;
                string? problem = null;
                if (!layer.Built && count > 0)
                    problem = $"{what} was never built, so it has no weights, but the file holds {count} for it";
                else if (count == 0 && !root.LinkExists(varsPath))
                    problem = $"{what} has {own.Count} weights, but the file has no group '{varsPath}', where Keras stores them" +
                              (LayersGroupOf(path).EndsWith("layers", StringComparison.Ordinal) ? $" (by position: {LayersGroupOf(path)}/<snake_case class>[_n])" : "") +
                              $"; {Siblings(root, path)}";
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
            // Overridden load_own_variables run user code that may fail midway: every weight is saved first, so that a
            // failed load puts back what was already assigned.
            if (hooks.Count > 0)
                snapshot = [.. objects.SelectMany(o => o.Layer.OwnWeights.Select(w => w.Value)).Concat(model.Weights)
                    .Distinct<Parameter>(ReferenceEqualityComparer.Instance).Select(p => (p, p.detach().clone().DetachFromDisposeScope()))];
            foreach (var (target, value) in pending)
                target.copy_(value.to(target.dtype, target.device));
            foreach (var (layer, what, store) in hooks)
            {
                try { layer.LoadOwnVariables(store); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    if (skipMismatch)
                    {
                        Restore(snapshot!, layer.Weights);
                        Console.Error.WriteLine($"Warning: skipping {what}: {layer.GetType().Name}.LoadOwnVariables failed ({e.Message.TrimEnd('.')}); its weights were left as they were (skipMismatch: true).");
                        continue;
                    }
                    Restore(snapshot!, null);
                    throw new InvalidDataException(
                        $"{what}: {layer.GetType().Name}.LoadOwnVariables failed ({e.GetType().Name}: {e.Message.TrimEnd('.')}); " +
                        "every weight it or the loader had already assigned was restored, so the model is unchanged", e);
                }
            }
            foreach (var (layer, values) in pendingNamed)
                layer.LoadNamedVariables(key => values.GetValueOrDefault(key));
        }
        finally
        {
            if (snapshot is not null)
                foreach (var (_, saved) in snapshot) saved.Dispose();
            foreach (var (_, value) in pending) value.Dispose();
            foreach (var (_, values) in pendingNamed)
                foreach (var v in values.Values) v.Dispose();
        }
    }

    /// <summary>Puts back the saved values of <paramref name="only"/> (every saved weight when null).</summary>
    private static void Restore(List<(Parameter Target, Tensor Saved)> snapshot, IReadOnlyList<Parameter>? only)
    {
        var set = only is null ? null : new HashSet<Parameter>(only, ReferenceEqualityComparer.Instance);
        using var _ = no_grad();
        foreach (var (target, saved) in snapshot)
            if (set is null || set.Contains(target))
                target.copy_(saved);
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
    public static void LoadOptimizer(IH5Group root, Model model) => PrepareOptimizer(root, model)?.Invoke();

    /// <summary>
    /// Reads and checks the optimizer's state from <c>optimizer/vars</c> and returns the step that assigns it (null when
    /// there is nothing to restore), so that a caller can check everything in a file before changing anything.
    /// </summary>
    /// <exception cref="InvalidDataException">A slot's shape differs from the model's variable.</exception>
    public static Action? PrepareOptimizer(IH5Group root, Model model)
    {
        if (model.Optimizer is not Optimizer opt || !root.LinkExists("optimizer/vars")) return null;
        var group = root.Group("optimizer/vars");
        int count = group.Children().Count();
        int fixedCount = opt.Schedule is null ? 2 : 1;
        if (count == 0) return null;
        Tensor Read(int i) => H5Tensors.ReadTensor(group.Dataset(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"optimizer variable {i}")
            .DetachFromDisposeScope();
        var slots = new List<(Tensor Target, Tensor Value)>();
        if (count < fixedCount)
        {
            Console.Error.WriteLine($"Warning: skipping variable loading for optimizer '{opt.Name}': the file holds {count} variables, the optimizer expects at least {fixedCount}.");
            return null;
        }
        if (count > fixedCount)
        {
            opt.BuildFor(model.TrainableWeights);
            var state = opt.AllStateTensors;
            if (count - fixedCount != state.Count)
            {
                Console.Error.WriteLine($"Warning: skipping variable loading for optimizer '{opt.Name}', because it has {state.Count + fixedCount} " +
                                        $"variables whereas the saved optimizer has {count} variables.");
                return null;
            }
            for (int i = 0; i < state.Count; i++)
            {
                var shape = H5Tensors.ShapeOf(group.Dataset((i + fixedCount).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (!shape.SequenceEqual(state[i].shape))
                    throw new InvalidDataException($"Optimizer '{opt.Name}' variable {i + fixedCount} has shape {Shape.FromDims(shape)} in the file but {Shape.FromDims(state[i].shape)} in the model.");
            }
            try
            {
                for (int i = 0; i < state.Count; i++) slots.Add((state[i], Read(i + fixedCount)));
            }
            catch
            {
                foreach (var (_, v) in slots) v.Dispose();
                throw;
            }
        }
        try { return RestoreStep(opt, slots, Read); }
        catch
        {
            foreach (var (_, v) in slots) v.Dispose();
            throw;
        }
    }

    private static Action RestoreStep(Optimizer opt, List<(Tensor Target, Tensor Value)> slots, Func<int, Tensor> Read)
    {
        long iterations;
        double? learningRate = null;
        using (var it = Read(0)) iterations = it.to_type(ScalarType.Int64).item<long>();
        if (opt.Schedule is null)
            using (var lr = Read(1)) learningRate = lr.to_type(ScalarType.Float64).item<double>();
        if (learningRate is double rate && (double.IsNaN(rate) || rate < 0))
            throw new InvalidDataException($"Optimizer '{opt.Name}': the file's learning rate is {rate}, not a non-negative number.");
        if (iterations < 0)
            throw new InvalidDataException($"Optimizer '{opt.Name}': the file's iteration count is {iterations}, not a non-negative number.");
        return () =>
        {
            using (no_grad())
                foreach (var (target, value) in slots)
                {
                    target.copy_(value.to(target.dtype, target.device));
                    value.Dispose();
                }
            opt.RestoreIterations(iterations);
            if (learningRate is double r) opt.LearningRate = r;
        };
    }
}
