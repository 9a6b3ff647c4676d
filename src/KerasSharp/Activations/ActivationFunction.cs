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

    /// <summary>One of Keras' own functions (from <see cref="ActivationRegistry"/>), <paramref name="inPlace"/> as in
    /// <see cref="ApplyToFresh"/>, <paramref name="rowWise"/> as <see cref="RowWise"/>.</summary>
    internal static ActivationFunction OfBuiltIn(string name, Func<Tensor, Tensor> fn, Func<Tensor, Tensor>? inPlace = null,
        bool rowWise = false) => new(name, fn, inPlace) { RowWise = rowWise };

    /// <summary>
    /// True for Keras' functions whose value for an element depends only on its own row and not on where it falls in
    /// the tensor: exactly rounded element-wise operations (relu, leaky_relu, relu6, linear, crelu, hard_tanh, hard_shrink,
    /// soft_shrink) and LibTorch's row-by-row softmax kernels. False for a user's function, and for transcendental element-wise functions (sigmoid,
    /// tanh, elu, ...): LibTorch computes most elements of those with vector code and the last few of a tensor with
    /// scalar code, which rounds differently, so an element's bits depend on the tensor's size.
    /// </summary>
    internal bool RowWise { get; private init; }

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
