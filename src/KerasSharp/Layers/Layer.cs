using KerasSharp.Initializers;
using KerasSharp.Internal;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Base of every layer (Keras' <c>keras.layers.Layer</c>): configuration plus <see cref="Build"/> (create weights once
/// the input shape is known) and <see cref="Call"/> (compute). <see cref="Apply"/> does what Keras' <c>__call__</c>
/// does: build on first use, check the input against <see cref="InputSpec"/>, cast floating inputs to float32, call.
/// Weights are TorchSharp <see cref="Parameter"/>s in Keras' layouts (a Dense kernel is <c>(in, out)</c>), so
/// TorchSharp autograd and optimizers work on them directly.
/// </summary>
public abstract class Layer
{
    private readonly List<(string Name, Parameter Value, bool Trainable)> weights = [];
    private Device? device;

    /// <summary>Creates a layer.</summary>
    /// <param name="name">Unique name; defaults to Keras' snake_case class name with a counter (<c>dense</c>, <c>dense_1</c>).</param>
    /// <param name="trainable">Whether <see cref="TrainableWeights"/> are updated by training.</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis (first layer of a Sequential).</param>
    protected Layer(string? name = null, bool trainable = true, Shape? inputShape = null)
    {
        Name = string.IsNullOrEmpty(name) ? UniqueNames.Next(UniqueNames.ToSnakeCase(GetType().Name)) : name;
        Trainable = trainable;
        DeclaredInputShape = inputShape is { Rank: > 0 } ? inputShape : null;
    }

    /// <summary>The layer's name (unique within a model).</summary>
    public string Name { get; }

    /// <summary>Whether training updates this layer's weights (Keras' <c>trainable</c>).</summary>
    public virtual bool Trainable { get; set; }

    /// <summary>True once <see cref="Build"/> has run and the weights exist.</summary>
    public bool Built { get; private set; }

    /// <summary>Input shape without the batch axis given at construction (<c>inputShape:</c>), or null.</summary>
    public Shape? DeclaredInputShape { get; }

    /// <summary>The input shape (with batch axis) the layer was built for, or null before building.</summary>
    public Shape? BuildInputShape { get; private set; }

    /// <summary>What the layer accepts; checked on every <see cref="Apply"/>. Set it in the constructor or in <see cref="Build"/>.</summary>
    protected InputSpec? InputSpec { get; set; }

    /// <summary>True for layers that take integer inputs as they are (e.g. Embedding); others get float32.</summary>
    protected virtual bool AcceptsIntegerInput => false;

    /// <summary>The device the layer's weights live on (the model's device).</summary>
    public Device Device
    {
        get => device ?? DeviceManager.DefaultDevice;
        internal set => device = value;
    }

    /// <summary>Every weight: trainable ones first, then non-trainable (Keras' <c>layer.weights</c>).</summary>
    public virtual IReadOnlyList<Parameter> Weights => [.. TrainableWeights, .. NonTrainableWeights];

    /// <summary>Weights updated by training (empty when <see cref="Trainable"/> is false).</summary>
    public virtual IReadOnlyList<Parameter> TrainableWeights =>
        Trainable ? weights.Where(w => w.Trainable).Select(w => w.Value).ToArray() : [];

    /// <summary>Weights not updated by gradient descent (all of them when <see cref="Trainable"/> is false).</summary>
    public virtual IReadOnlyList<Parameter> NonTrainableWeights =>
        weights.Where(w => !Trainable || !w.Trainable).Select(w => w.Value).ToArray();

    /// <summary>This layer's own weights with their names, in creation order (Keras' variable order for saving).</summary>
    internal IReadOnlyList<(string Name, Parameter Value, bool Trainable)> OwnWeights => weights;

    /// <summary>
    /// Creates a weight of <paramref name="shape"/> (Keras' <c>add_weight</c>), initialised by
    /// <paramref name="initializer"/> (default <c>glorot_uniform</c>), on the layer's device. Call it from <see cref="Build"/>.
    /// </summary>
    protected Parameter AddWeight(string name, Shape shape, Initializer? initializer = null, bool trainable = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"Layer \"{Name}\": weight '{name}' needs a fully known shape, but received {shape}.", nameof(shape));
        if (weights.Any(w => w.Name == name))
            throw new ArgumentException($"Layer \"{Name}\" already has a weight named '{name}'.", nameof(name));
        initializer ??= InitializerRegistry.Get("glorot_uniform");
        using var _ = no_grad();
        var value = initializer.Call(shape.ToArray(), ScalarType.Float32, Device);
        var p = new Parameter(value, requires_grad: trainable);
        p.DetachFromDisposeScope();
        weights.Add((name, p, trainable));
        return p;
    }

    /// <summary>Creates the layer's weights for <paramref name="inputShape"/> (batch axis first, usually unknown).</summary>
    protected virtual void Build(Shape inputShape) { }

    /// <summary>The layer's computation (Keras' <c>call</c>). <paramref name="training"/> is true only inside Fit.</summary>
    protected virtual Tensor Call(Tensor x, bool training) =>
        throw new InvalidOperationException($"Layer \"{Name}\" ({GetType().Name}) does not override Call(Tensor, bool).");

    /// <summary>
    /// Runs the layer on a concrete tensor (Keras' <c>layer(x)</c>): builds it on first use, checks the input,
    /// casts floating inputs to float32, and calls <see cref="Call"/>. The result is part of the autograd graph.
    /// </summary>
    public Tensor Apply(Tensor x, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!AcceptsIntegerInput && x.dtype != ScalarType.Float32)
            x = x.to_type(ScalarType.Float32);
        var shape = Shape.Of(x);
        if (!Built)
            EnsureBuilt(shape.Rank > 0 ? new Shape([null, .. shape[1..]]) : shape);
        InputSpec?.Check(shape, Name);
        return CallCore(x, training);
    }

    /// <summary>Dispatch point for <see cref="Apply"/>; models route it to their public Call.</summary>
    private protected virtual Tensor CallCore(Tensor x, bool training) => Call(x, training);

    /// <summary>Builds the layer for <paramref name="inputShape"/> if it is not built yet (Keras' <c>build</c>).</summary>
    public void EnsureBuilt(Shape inputShape)
    {
        if (Built) return;
        InputSpec?.Check(inputShape, Name);
        Build(inputShape);
        BuildInputShape = inputShape;
        Built = true;
    }

    /// <summary>
    /// The output shape for <paramref name="inputShape"/> (batch axis included). The default runs the layer once on
    /// zeros (unknown axes taken as 1) in inference mode; layers override it with a direct formula.
    /// </summary>
    public virtual Shape ComputeOutputShape(Shape inputShape)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var probe = zeros(inputShape.Select(d => d ?? 1).ToArray(), ScalarType.Float32, Device);
        var outShape = Shape.Of(Apply(probe, training: false));
        var dims = outShape.ToArray().Select((d, i) => i < inputShape.Rank && inputShape[i] is null ? (long?)null : d).ToArray();
        return new Shape(dims);
    }

    /// <summary>Number of scalars in the layer's weights.</summary>
    public long CountParams() => Weights.Sum(w => w.numel());

    /// <summary>Keras' config dictionary (<c>name</c>, <c>trainable</c>, <c>dtype</c> and the layer's own arguments).</summary>
    public virtual Dictionary<string, object?> GetConfig() => new()
    {
        ["name"] = Name,
        ["trainable"] = Trainable,
        ["dtype"] = "float32",
    };

    /// <summary>Moves this layer's weights to <paramref name="target"/> in place (gradients dropped).</summary>
    internal virtual void MoveTo(Device target)
    {
        device = target;
        using var _ = no_grad();
        foreach (var (_, p, _) in weights)
        {
            if (p.device == target) continue;
            p.grad = null;
            p.set_(p.to(target));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({GetType().Name})";
}
