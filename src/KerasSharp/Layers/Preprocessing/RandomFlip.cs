using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>RandomFlip</c>: during training flips each image with probability 1/2, left-right
/// (<c>"horizontal"</c>), top-bottom (<c>"vertical"</c>) or both (<c>"horizontal_and_vertical"</c>, the default; as in
/// Keras 3 one draw per image decides both flips). Identity in inference.
/// </summary>
public class RandomFlip : ImagePreprocessingLayer
{
    /// <summary>Creates a RandomFlip layer.</summary>
    /// <param name="mode"><c>"horizontal"</c>, <c>"vertical"</c> or <c>"horizontal_and_vertical"</c> (default).</param>
    /// <param name="seed">Seed of the layer's random stream.</param>
    /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">Layer name.</param>
    public RandomFlip(string mode = "horizontal_and_vertical", int? seed = null, string? dataFormat = null, string? name = null)
        : base(dataFormat, seed, name)
    {
        CheckChoice(mode, nameof(mode), "horizontal", "vertical", "horizontal_and_vertical");
        Mode = mode;
    }

    /// <summary>Which flips are applied.</summary>
    public string Mode { get; }

    /// <inheritdoc />
    protected override bool ActiveInInference => false;

    /// <inheritdoc />
    protected override Tensor TransformImages(Tensor images, bool training)
    {
        using var scope = NewDisposeScope();
        var flips = Uniform(images.shape[0], 0, 1).le(0.5).view(-1, 1, 1, 1).to(images.device);
        var y = images;
        if (Mode is "horizontal" or "horizontal_and_vertical")
            y = where(flips, y.flip(3), y);
        if (Mode is "vertical" or "horizontal_and_vertical")
            y = where(flips, y.flip(2), y);
        return y.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["seed"] = Seed;
        config["mode"] = Mode;
        config["data_format"] = DataFormat;
        return config;
    }
}
