using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>CategoryEncoding</c>: integer category ids in <c>[0, num_tokens)</c> become dense float32 vectors of
/// length <c>num_tokens</c>. <c>"multi_hot"</c> (default) marks each id present in a sample (the last axis is the
/// sample: <c>(batch, n)</c> gives <c>(batch, num_tokens)</c>, and a rank-1 input is one sample); <c>"count"</c> counts
/// them, optionally weighted by a second input of the same shape (Keras' <c>count_weights</c>: pass
/// <c>[ids, weights]</c>); <c>"one_hot"</c> encodes each id on a new last axis (a last axis of size 1 is replaced).
/// Ids outside the range are an error.
/// </summary>
public class CategoryEncoding : Layer
{
    private static readonly string[] Modes = ["count", "one_hot", "multi_hot"];

    /// <summary>Creates a CategoryEncoding layer.</summary>
    /// <param name="numTokens">The number of categories (required, at least 1); ids must lie in <c>[0, numTokens)</c>.</param>
    /// <param name="outputMode"><c>"multi_hot"</c> (default), <c>"one_hot"</c> or <c>"count"</c> (<c>"binary"</c> is Keras' old name of <c>"multi_hot"</c>).</param>
    /// <param name="sparse">Keras' sparse output; KerasSharp has dense tensors only, so it must be false.</param>
    /// <param name="name">Layer name.</param>
    public CategoryEncoding(int? numTokens = null, string outputMode = "multi_hot", bool sparse = false, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(outputMode);
        if (outputMode == "binary") outputMode = "multi_hot";
        if (!Modes.Contains(outputMode))
            throw new ArgumentException($"Unknown arg for output_mode: {outputMode}. Expected one of \"count\", \"one_hot\", \"multi_hot\".", nameof(outputMode));
        if (numTokens is null)
            throw new ArgumentException("num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.", nameof(numTokens));
        if (numTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(numTokens), numTokens, $"`num_tokens` must be >= 1. Received: num_tokens={numTokens}.");
        if (sparse)
            throw new ArgumentException("CategoryEncoding: `sparse=True` needs sparse tensors, which KerasSharp does not have (Keras supports them on the TensorFlow and JAX backends only); received sparse=true.", nameof(sparse));
        NumTokens = numTokens.Value;
        OutputMode = outputMode;
    }

    /// <summary>Rebuilds the layer from Keras' config (<c>num_tokens</c>, <c>output_mode</c>, <c>sparse</c> and the common keys).</summary>
    /// <exception cref="InvalidDataException">A key Keras' CategoryEncoding does not have, or a value of the wrong type.</exception>
    public static CategoryEncoding FromConfig(JsonObject config)
    {
        int? numTokens = null;
        string outputMode = "multi_hot";
        bool sparse = false;
        var common = PreprocessingConfig.Read(config, nameof(CategoryEncoding), (key, value) =>
        {
            switch (key)
            {
                case "num_tokens": numTokens = PreprocessingConfig.Get<int?>(value); return true;
                case "output_mode": outputMode = PreprocessingConfig.Get<string>(value); return true;
                case "sparse": sparse = PreprocessingConfig.Get<bool>(value); return true;
                default: return false;
            }
        });
        var layer = new CategoryEncoding(numTokens, outputMode, sparse, common.Name);
        if (common.Trainable is bool t) layer.Trainable = t;
        return layer;
    }

    /// <summary>The number of categories.</summary>
    public int NumTokens { get; }
    /// <summary><c>"multi_hot"</c>, <c>"one_hot"</c> or <c>"count"</c>.</summary>
    public string OutputMode { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override void Build(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count is < 1 or > 2)
            throw new ArgumentException($"Layer \"{Name}\" (CategoryEncoding) takes the ids and optionally count weights, but it received {inputShapes.Count} inputs.", nameof(inputShapes));
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => Encode(x, null);

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count == 1) return [Encode(inputs[0], null)];
        if (inputs.Count != 2)
            throw new ArgumentException($"Layer \"{Name}\" (CategoryEncoding) takes the ids and optionally count weights, but it received {inputs.Count} inputs.", nameof(inputs));
        if (OutputMode != "count")
            throw new ArgumentException($"`count_weights` is not used when `output_mode` is not `'count'`. Received `count_weights` of shape {Shape.Of(inputs[1])} with output_mode={OutputMode}.", nameof(inputs));
        if (!inputs[1].shape.SequenceEqual(inputs[0].shape))
            throw new ArgumentException($"Layer \"{Name}\": `count_weights` must have the shape of the inputs {Shape.Of(inputs[0])}, but received {Shape.Of(inputs[1])}.", nameof(inputs));
        return [Encode(inputs[0], inputs[1])];
    }

    private Tensor Encode(Tensor x, Tensor? countWeights)
    {
        if (x.is_floating_point())
        {
            if (!x.eq(x.round()).all().item<bool>())
                throw new ArgumentException($"Layer \"{Name}\" (CategoryEncoding) expects integer category ids, but received non-integer values of dtype {x.dtype}.");
        }
        else if (x.dtype == ScalarType.Bool || x.is_complex())
            throw new ArgumentException($"Layer \"{Name}\" (CategoryEncoding) expects integer category ids, but received a tensor of dtype {x.dtype}.");
        var ids = x.to_type(ScalarType.Int64);
        if (ids.numel() > 0)
        {
            long min = ids.min().item<long>(), max = ids.max().item<long>();
            if (min < 0 || max >= NumTokens)
                throw new ArgumentException(
                    $"Layer \"{Name}\" (CategoryEncoding): input values must be in the range 0 <= values < num_tokens with num_tokens={NumTokens}, but received values from {min} to {max}.");
        }
        return CategoricalEncoding.Encode(ids, OutputMode, NumTokens, countWeights);
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => CategoricalEncoding.OutputShape(inputShape, OutputMode, NumTokens);

    /// <inheritdoc />
    public override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes) =>
        [ComputeOutputShape(inputShapes[0])];

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["num_tokens"] = NumTokens;
        config["output_mode"] = OutputMode;
        config["sparse"] = false;
        return config;
    }
}
