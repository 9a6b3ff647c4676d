using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary>
/// An activation function with its Keras name (<c>keras.activations.*</c>). Strings convert implicitly through
/// <see cref="ActivationRegistry"/>, so <c>Dense(64, "relu")</c> and <c>Dense(64, activation: ActivationRegistry.Get("relu"))</c>
/// are the same; any <c>Func&lt;Tensor, Tensor&gt;</c> converts too (named <c>"custom"</c> unless given a name).
/// </summary>
public sealed class ActivationFunction
{
    private readonly Func<Tensor, Tensor> fn;
    private readonly Func<Tensor, Tensor>? inPlace;

    /// <summary>Wraps <paramref name="fn"/> under <paramref name="name"/>.</summary>
    public ActivationFunction(string name, Func<Tensor, Tensor> fn)
        : this(name, fn, null)
    {
    }

    // inPlace: the same function overwriting its argument, bit for bit fn's values, for an argument whose backward
    // pass (if any) does not read it (see ApplyToFresh).
    internal ActivationFunction(string name, Func<Tensor, Tensor> fn, Func<Tensor, Tensor>? inPlace)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        this.fn = fn ?? throw new ArgumentNullException(nameof(fn));
        this.inPlace = inPlace;
    }

    /// <summary>Keras' name, e.g. <c>relu</c> (the value written to a layer's config).</summary>
    public string Name { get; }

    /// <summary>Applies the function element-wise (softmax-like functions on the last axis).</summary>
    public Tensor Apply(Tensor x) => fn(x);

    /// <summary>
    /// Applies the function to <paramref name="fresh"/>, a tensor the caller has just computed and nothing else holds,
    /// made by an operation whose gradient does not read its own output (a matrix product, a bias add): the built-ins
    /// that have an in-place form overwrite it instead of allocating another tensor of its size. The values are
    /// <see cref="Apply"/>'s bit for bit.
    /// </summary>
    internal Tensor ApplyToFresh(Tensor fresh) => inPlace is null ? fn(fresh) : inPlace(fresh);

    /// <summary>Looks a name up in <see cref="ActivationRegistry"/>.</summary>
    public static implicit operator ActivationFunction(string name) => ActivationRegistry.Get(name);

    /// <summary>Wraps a custom function (name <c>custom</c>).</summary>
    public static implicit operator ActivationFunction(Func<Tensor, Tensor> fn) => new("custom", fn);

    /// <inheritdoc />
    public override string ToString() => Name;
}
