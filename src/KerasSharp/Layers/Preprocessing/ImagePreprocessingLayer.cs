using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Base of the image preprocessing and augmentation layers (Keras' <c>BaseImagePreprocessingLayer</c>): inputs are a
/// batch of images (rank 4) or one image (rank 3) in <see cref="DataFormat"/> (<c>channels_last</c> by default,
/// <c>(..., height, width, channels)</c>). Subclasses work on a rank-4 NCHW tensor in <see cref="TransformImages"/>;
/// this base converts from and to the caller's layout. Random layers draw their parameters from
/// <see cref="Uniform(long, double, double)"/>, seeded by <see cref="Seed"/> when one is given.
/// </summary>
public abstract class ImagePreprocessingLayer : Layer
{
    private Generator? generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="dataFormat"><c>"channels_last"</c> (default when null) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's own random stream; null uses the global stream (<see cref="Keras.Utils.SetRandomSeed"/>).</param>
    /// <param name="name">Layer name.</param>
    protected ImagePreprocessingLayer(string? dataFormat, int? seed, string? name) : base(name)
    {
        dataFormat ??= "channels_last";
        if (dataFormat is not ("channels_last" or "channels_first"))
            throw new ArgumentException(
                $"{GetType().Name}: 'dataFormat' must be \"channels_last\" or \"channels_first\", but received \"{dataFormat}\".", nameof(dataFormat));
        DataFormat = dataFormat;
        Seed = seed;
    }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string DataFormat { get; }

    /// <summary>The seed given at construction, or null.</summary>
    public int? Seed { get; }

    /// <summary>
    /// Transforms a batch of images in NCHW layout (batch, channels, height, width) and returns NCHW.
    /// <paramref name="training"/> is the flag the layer was called with.
    /// </summary>
    protected abstract Tensor TransformImages(Tensor images, bool training);

    /// <summary>Keras' <c>BaseImagePreprocessingLayer.call(data, training=True)</c>: called directly with no
    /// <c>training</c> and outside any model call, an augmentation layer augments.</summary>
    protected override bool DefaultTraining => true;

    /// <summary>Whether the layer changes its input outside training (false for augmentation layers).</summary>
    protected virtual bool ActiveInInference => true;

    /// <inheritdoc />
    protected sealed override Tensor Call(Tensor x, bool training)
    {
        if (x.dim() is not (3 or 4))
            throw new ArgumentException(
                $"Layer \"{Name}\" ({GetType().Name}) expects images of rank 3 (one image) or 4 (a batch), but received input with shape ({string.Join(", ", x.shape)}).", nameof(x));
        if (!training && !ActiveInInference)
            return x;
        bool unbatched = x.dim() == 3;
        var batch = unbatched ? x.unsqueeze(0) : x;
        var nchw = DataFormat == "channels_last" ? batch.permute(0, 3, 1, 2) : batch;
        var y = TransformImages(nchw, training);
        if (DataFormat == "channels_last") y = y.permute(0, 2, 3, 1);
        return unbatched ? y.squeeze(0) : y;
    }

    /// <summary>Height and width axes of an input of <paramref name="rank"/> (3 or 4) in <see cref="DataFormat"/>.</summary>
    protected (int Height, int Width) SpatialAxes(int rank)
    {
        int offset = rank == 4 ? 1 : 0;
        return DataFormat == "channels_last" ? (offset, offset + 1) : (offset + 1, offset + 2);
    }

    /// <summary><paramref name="inputShape"/> (rank 3 or 4) with its height and width set to <paramref name="height"/> and
    /// <paramref name="width"/>: the output shape of a layer that produces images of a fixed size.</summary>
    private protected Shape WithImageSize(Shape inputShape, int height, int width)
    {
        var (h, w) = SpatialAxes(inputShape.Rank);
        var dims = inputShape.ToList();
        dims[h] = height;
        dims[w] = width;
        return new Shape([.. dims]);
    }

    /// <summary>
    /// <paramref name="count"/> values drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>) as float32 on the
    /// CPU, from the layer's seeded stream when <see cref="Seed"/> is set.
    /// </summary>
    protected Tensor Uniform(long count, double low, double high)
    {
        if (Seed is int s && generator is null)
            generator = new Generator(unchecked((ulong)s));
        var u = rand([count], ScalarType.Float32, CPU, false, generator);
        return high == low ? u.zero_().add_(low) : u.mul_(high - low).add_(low);
    }

    /// <summary>Checks a string argument against Keras' accepted values.</summary>
    private protected void CheckChoice(string value, string argument, params string[] valid)
    {
        if (!valid.Contains(value))
            throw new ArgumentException(
                $"{GetType().Name}: unknown '{argument}' \"{value}\"; expected one of {string.Join(", ", valid.Select(v => $"\"{v}\""))}.", argument);
    }

    /// <summary>Checks the <c>fill_mode</c> and <c>interpolation</c> arguments of the affine augmentations
    /// (<see cref="RandomRotation"/>, <see cref="RandomTranslation"/>, <see cref="RandomZoom"/>) against Keras' accepted values.</summary>
    private protected void CheckAffineOptions(string fillMode, string interpolation)
    {
        CheckChoice(fillMode, nameof(fillMode), "reflect", "wrap", "constant", "nearest");
        CheckChoice(interpolation, nameof(interpolation), "nearest", "bilinear");
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
