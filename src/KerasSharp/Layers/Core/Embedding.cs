using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Embedding</c>: turns integer indices into dense vectors, <c>output[..., :] = embeddings[index]</c>, with
/// the weight <c>embeddings</c> of shape <c>(input_dim, output_dim)</c>. Input <c>(batch, ...)</c> of integers in
/// <c>[0, input_dim)</c> (floats are truncated to integers, as Keras casts them); output <c>(batch, ..., output_dim)</c>.
/// With <c>maskZero</c>, index 0 is padding: <see cref="ComputeMask"/> gives <c>input != 0</c> for the next layer (an
/// <see cref="RNN"/> skips those steps).
/// </summary>
public class Embedding : Layer, IMaskProducer
{
    private Parameter? embeddings;
    private readonly WeightSettings embeddingsSettings;

    /// <summary>Creates an Embedding layer.</summary>
    /// <param name="inputDim">Vocabulary size: the largest index + 1 (&gt; 0).</param>
    /// <param name="outputDim">Size of each embedding vector (&gt; 0).</param>
    /// <param name="embeddingsInitializer">Initializer of the table (Keras' default <c>"uniform"</c>: uniform in [-0.05, 0.05]).</param>
    /// <param name="embeddingsRegularizer">Penalty on the table.</param>
    /// <param name="activityRegularizer">Penalty on the layer's output.</param>
    /// <param name="embeddingsConstraint">Projection of the table after each update.</param>
    /// <param name="maskZero">Whether index 0 is a padding value to be masked out downstream (then <paramref name="inputDim"/> should be vocabulary + 1).</param>
    /// <param name="inputShape">Keras 2 style input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name (default <c>embedding</c>, ...).</param>
    public Embedding(int inputDim, int outputDim, Initializer? embeddingsInitializer = null, Regularizer? embeddingsRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? embeddingsConstraint = null, bool maskZero = false,
        Shape? inputShape = null, string? name = null)
        : base(name, inputShape: inputShape)
    {
        if (inputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, $"Embedding: input_dim must be a positive integer, but received input_dim={inputDim}.");
        if (outputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim, $"Embedding: output_dim must be a positive integer, but received output_dim={outputDim}.");
        InputDim = inputDim;
        OutputDim = outputDim;
        embeddingsSettings = new WeightSettings("embeddings", embeddingsInitializer, "uniform", embeddingsRegularizer, embeddingsConstraint);
        ActivityRegularizer = activityRegularizer;
        MaskZero = maskZero;
    }

    /// <summary>Vocabulary size.</summary>
    public int InputDim { get; }
    /// <summary>Size of each embedding vector.</summary>
    public int OutputDim { get; }
    /// <summary>Initializer of the table.</summary>
    public Initializer EmbeddingsInitializer => embeddingsSettings.Initializer;
    /// <summary>Penalty on the table, or null.</summary>
    public Regularizer? EmbeddingsRegularizer => embeddingsSettings.Regularizer;
    /// <summary>Projection of the table after each update, or null.</summary>
    public Constraint? EmbeddingsConstraint => embeddingsSettings.Constraint;
    /// <summary>Whether index 0 produces a mask.</summary>
    public bool MaskZero { get; }

    /// <summary>The table <c>(input_dim, output_dim)</c>; null before building.</summary>
    public Parameter? Embeddings => embeddings;

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override void Build(Shape inputShape) =>
        embeddings = AddWeight(embeddingsSettings, [InputDim, OutputDim]);

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        var indices = x.dtype == ScalarType.Int64 ? x : x.to_type(ScalarType.Int64);
        if (indices.numel() > 0)
        {
            long min = indices.min().item<long>(), max = indices.max().item<long>();
            if (min < 0 || max >= InputDim)
                throw new ArgumentOutOfRangeException(nameof(x),
                    $"Layer \"{Name}\": indices must be in [0, {InputDim}) (input_dim={InputDim}), but received values from {min} to {max}. " +
                    "Set input_dim to the vocabulary size + 1 (index 0 included).");
        }
        var flat = indices.reshape(-1).to(embeddings!.device);
        return embeddings.index_select(0, flat).reshape([.. indices.shape, OutputDim]);
    }

    /// <summary>
    /// The padding mask of <paramref name="input"/> (Keras' <c>compute_mask</c>): <c>input != 0</c> as a boolean tensor
    /// of the input's shape when <see cref="MaskZero"/> is set, else null.
    /// </summary>
    public Tensor? ComputeMask(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MaskZero ? input.ne(0) : null;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => new([.. inputShape, OutputDim]);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["input_dim"] = InputDim;
        config["output_dim"] = OutputDim;
        WeightSettings.WriteConfig(config, [embeddingsSettings], WeightSettings.ActivityKey.Always, ActivityRegularizer);
        config["mask_zero"] = MaskZero;
        return config;
    }
}
