using System.Text.Json.Nodes;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// A linear stack of layers (Keras' <c>keras.Sequential</c>): <c>Sequential().Add(Input(784)).Add(Dense(64, "relu"))</c>
/// or <c>new Sequential([new Input(784), new Dense(64, activation: "relu")])</c>. When the input shape is known (an
/// <see cref="Input"/> first, or <c>inputShape:</c> on the first layer) every layer is built as it is added; otherwise
/// the model builds itself on the first batch it sees.
/// </summary>
public class Sequential : Model, IRowWiseInference
{
    private readonly List<Layer> layers = [];
    private readonly Dictionary<Layer, Shape> outputShapes = [];
    private Input? input;
    // Keras' Sequential keeps a functional graph of its stack once the input shape is known: the Input (the declared
    // one, or one made for the known shape as Keras' build does) and each layer's symbolic output, in order.
    private Input? implicitInput;
    private readonly List<KerasTensor> symbolicOutputs = [];
    private KerasTensor? symbolicInput;

    /// <summary>Creates a model from <paramref name="layers"/> (in order).</summary>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name)
    {
        foreach (var l in layers ?? []) Add(l);
    }

    /// <summary>The layers, in order (the <see cref="Input"/> declaration excluded, as in Keras).</summary>
    public override IReadOnlyList<Layer> Layers => layers;

    /// <summary>The declared input, or null.</summary>
    public Input? InputLayer => input;

    /// <summary>Appends <paramref name="layer"/> and returns this model (fluent).</summary>
    /// <exception cref="ArgumentException">Duplicate name, a second Input, or an input shape the layer rejects.</exception>
    public Sequential Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is Input inp)
        {
            if (input is not null || layers.Count > 0)
                throw new ArgumentException($"Sequential \"{Name}\": an Input can only be the first entry, but the model already has {(input is not null ? "an Input" : $"{layers.Count} layer(s)")}.", nameof(layer));
            input = inp;
            return this;
        }
        if (ReferenceEquals(layer, this))
            throw new ArgumentException($"Sequential \"{Name}\" cannot contain itself.", nameof(layer));
        if (layers.Contains(layer) || layers.Any(l => l.Name == layer.Name))
            throw new ArgumentException(
                $"All layers added to a Sequential model should have unique names. Name \"{layer.Name}\" is already the name of a layer in \"{Name}\".", nameof(layer));
        if (!layer.Built) layer.Device = Device;

        // Keras builds at once when the first entry is an Input, a layer given inputShape:, or a model whose input
        // shape is known (Sequential([pretrainedModel, Dense(...)])).
        Shape? inShape = layers.Count == 0
            ? input?.BatchShape ?? layer.DeclaredInputShape?.WithBatch() ?? (layer as Model)?.SingleSymbolicInputShape
            : OutputShapeOf(layers[^1]);
        if (inShape is Shape s)
        {
            layer.EnsureBuilt(s);
            outputShapes[layer] = layer.ComputeOutputShape(s);
        }
        bool wasBuilt = Built;
        layers.Add(layer);
        if (wasBuilt && inShape is Shape known && symbolicOutputs.Count == layers.Count - 1 && symbolicInput is not null)
            symbolicOutputs.Add(layer.RecordCall([symbolicOutputs.Count > 0 ? symbolicOutputs[^1] : symbolicInput], [outputShapes[layer]])[0]);
        else if (inShape is not null) MarkBuiltIfComplete();
        return this;
    }

    /// <summary>
    /// The symbolic input (Keras' <c>model.inputs</c>) once the input shape is known: the declared <see cref="Input"/>,
    /// or, as Keras' build does, an input made for the known shape. Empty before then.
    /// </summary>
    public override IReadOnlyList<KerasTensor> Inputs => symbolicInput is { } i && symbolicOutputs.Count == layers.Count && layers.Count > 0 ? [i] : [];

    /// <summary>The last layer's symbolic output (Keras' <c>model.outputs</c>) once the input shape is known; empty before then.</summary>
    public override IReadOnlyList<KerasTensor> Outputs => symbolicInput is not null && symbolicOutputs.Count == layers.Count && layers.Count > 0 ? [symbolicOutputs[^1]] : [];

    /// <summary>Calls every layer on the symbolic input, as Keras' Sequential.build does, so that each layer's
    /// <see cref="Layer.Output"/> exists and <c>new Model(seq.Inputs, seq.Layers.Select(l =&gt; l.Output))</c> works.</summary>
    private void RecordSymbolicGraph(Shape inputShape)
    {
        symbolicOutputs.Clear();
        symbolicInput = null;
        if (inputShape.Rank == 0) return;
        var inputLayer = input;
        if (inputLayer is null)
        {
            if (implicitInput is null || implicitInput.BatchShape != inputShape)
                implicitInput = new Input(inputShape[1..], inputShape[0] is long b ? checked((int)b) : null);
            inputLayer = implicitInput;
        }
        symbolicInput = inputLayer.Output;
        var x = symbolicInput;
        foreach (var l in layers)
        {
            if (OutputShapeOf(l) is not Shape shape) return;
            x = l.RecordCall([x], [shape])[0];
            symbolicOutputs.Add(x);
        }
    }

    /// <summary>Removes and returns the last layer (Keras' <c>pop</c>).</summary>
    /// <exception cref="InvalidOperationException">The model has no layer.</exception>
    public Layer Pop()
    {
        if (layers.Count == 0)
            throw new InvalidOperationException($"Sequential \"{Name}\" has no layers to remove.");
        var last = layers[^1];
        layers.RemoveAt(layers.Count - 1);
        outputShapes.Remove(last);
        if (symbolicOutputs.Count > layers.Count) symbolicOutputs.RemoveAt(symbolicOutputs.Count - 1);
        return last;
    }

    /// <summary>The input shape with batch axis, when known.</summary>
    public Shape? InputShape
    {
        get
        {
            if (input is not null) return input.BatchShape;
            if (layers.Count == 0) return null;
            return layers[0].BuildInputShape ?? layers[0].DeclaredInputShape?.WithBatch();
        }
    }

    /// <summary>The output shape with batch axis, when known.</summary>
    public Shape? OutputShape => layers.Count > 0 ? OutputShapeOf(layers[^1]) : default(Shape?);

    internal Shape? OutputShapeOf(Layer layer) => outputShapes.TryGetValue(layer, out var s) ? s : default(Shape?);

    // A plain Sequential of row-wise built-in layers is row-wise (its Input layer is; masks come only from layers that
    // are not).
    bool IRowWiseInference.RowWiseInInference => IsExactly<Sequential>() && layers.Count > 0 && layers.All(IRowWiseInference.Of);

    /// <summary>The most elements one sample has at the input or at any layer's output, or null when a shape is not
    /// known yet.</summary>
    internal long? WidestSample()
    {
        if (InputShape is not Shape first || first.Rank == 0) return null;
        long widest = 0;
        foreach (var shape in layers.Select(OutputShapeOf).Prepend(first))
        {
            if (shape is not Shape s || s.Rank == 0 || s[1..].Product() is not long n) return null;
            widest = Math.Max(widest, n);
        }
        return widest;
    }

    /// <inheritdoc />
    protected override void Build(Shape inputShape)
    {
        if (layers.Count == 0)
            throw new InvalidOperationException($"Sequential \"{Name}\" has no layers: add layers before using it.");
        input?.EnsureBuilt(inputShape);
        var shape = inputShape;
        foreach (var l in layers)
        {
            if (!l.Built) l.Device = Device;
            l.EnsureBuilt(shape);
            shape = outputShapes[l] = l.ComputeOutputShape(shape);
        }
        RecordSymbolicGraph(inputShape);
    }

    private void MarkBuiltIfComplete()
    {
        if (InputShape is Shape s && !Built) EnsureBuilt(s);
    }

    /// <inheritdoc />
    public override Tensor Call(Tensor x, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (layers.Count == 0)
            throw new InvalidOperationException($"Sequential \"{Name}\" has no layers: add layers before calling it.");
        if (x.device_type != Device.type || (Device.type != TorchSharp.DeviceType.CPU && x.device_index != Device.index))
            x = x.to(Device);
        if (!Built)
            EnsureBuilt(Shape.Of(x).WithBatchUnknown());
        Shape? shape = null; // x's shape once a layer has read it, while x stays the same tensor
        if (input is not null)
            x = ApplyPassingShape(input, x, training, ref shape);
        // Keras' masking: a mask from Embedding(maskZero) or Masking reaches the recurrent layers after it, passing
        // through layers that keep the time axis; a layer that changes it (Flatten, pooling) drops the mask.
        Tensor? mask = null;
        foreach (var l in layers)
        {
            var layerInput = x;
            if (mask is not null && l is IMaskConsumer consumer)
            {
                x = consumer.ApplyMasked([x], mask, training)[0];
                mask = consumer.ComputeOutputMask(mask);
                shape = null;
            }
            else
            {
                x = ApplyPassingShape(l, x, training, ref shape);
                if (mask is not null && !KeepsTimeAxis(mask, x)) mask = null;
            }
            if (l is IMaskProducer producer && producer.ComputeMask(layerInput) is Tensor produced)
                mask = produced;
        }
        return x;
    }

    // layer.Apply(x), handing the shape of x to the layer when known and keeping it for the next layer when a built-in
    // layer returns x itself (Input, Dropout in inference), so that LibTorch is asked for it once. Code of the user's
    // (a Lambda, a custom layer or model) could have reshaped x in place, so its x is read again.
    private static Tensor ApplyPassingShape(Layer layer, Tensor x, bool training, ref Shape? shape)
    {
        var y = layer.Single(layer.ApplyAll([x], training, ref shape));
        if (!ReferenceEquals(y, x) || layer is Lambda or Model || layer.GetType().Assembly != typeof(Layer).Assembly)
            shape = null;
        return y;
    }

    private static bool KeepsTimeAxis(Tensor mask, Tensor output) =>
        output.dim() > mask.dim() && output.shape.Take((int)mask.dim()).SequenceEqual(mask.shape);

    /// <summary>
    /// Rebuilds a Sequential model from its config (Keras' <c>Sequential.from_config</c>): the <c>layers</c> list (an
    /// <c>InputLayer</c> first when the input shape is known), <c>name</c>, <c>trainable</c> and <c>build_input_shape</c>.
    /// </summary>
    /// <param name="config">The config, from <see cref="Model.GetConfig"/> or a Keras <c>config.json</c>'s <c>"config"</c>.</param>
    /// <param name="customObjects">Classes and functions the config names (Keras' <c>custom_objects</c>).</param>
    /// <exception cref="ArgumentException">The config has no <c>layers</c> list, or is a functional model's.</exception>
    /// <exception cref="InvalidDataException">A layer config that does not fit its class.</exception>
    public static new Sequential FromConfig(JsonObject config, IReadOnlyDictionary<string, object>? customObjects = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.ContainsKey("input_layers"))
            throw new ArgumentException("Sequential.FromConfig received a functional model's config (it has \"input_layers\"); use Model.FromConfig.", nameof(config));
        return (Sequential)Model.FromConfig(config, customObjects);
    }

    /// <summary>Rebuilds a Sequential model from the dictionary <see cref="Model.GetConfig"/> returns.</summary>
    /// <inheritdoc cref="FromConfig(JsonObject, IReadOnlyDictionary{string, object}?)"/>
    public static new Sequential FromConfig(IDictionary<string, object?> config, IReadOnlyDictionary<string, object>? customObjects = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return FromConfig((JsonObject)Saving.ConfigJson.ToNode(config)!, customObjects);
    }
}
