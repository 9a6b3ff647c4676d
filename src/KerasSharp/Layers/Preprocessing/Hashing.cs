using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Hashing</c>: hashes strings or integers into <c>num_bins</c> bins, with TensorFlow's functions as Keras
/// uses them: FarmHash's <c>Fingerprint64</c> modulo the bins (<c>tf.strings.to_hash_bucket_fast</c>), or with a
/// <c>salt</c>, SipHash-2-4 keyed by the salt (<c>tf.strings.to_hash_bucket_strong</c>). Integers are hashed as their
/// decimal text, floats first truncated to integers. With a <c>mask_value</c>, bin 0 is reserved for it and the others
/// hash into bins 1..num_bins-1. <c>output_mode</c> <c>"int"</c> returns the bins (int64, or int32 with
/// <c>dtype: "int32"</c>); <c>"one_hot"</c>, <c>"multi_hot"</c> and <c>"count"</c> encode them as
/// <see cref="CategoryEncoding"/> does. Strings go through <see cref="Apply(string[])"/> and
/// <see cref="Apply(string[,])"/>; integer tensors through <see cref="Layer.Apply(Tensor, bool?)"/>, also inside a model.
/// </summary>
public class Hashing : Layer
{
    private static readonly string[] Modes = ["int", "one_hot", "multi_hot", "count"];

    /// <summary>Creates a Hashing layer.</summary>
    /// <param name="numBins">Number of bins (at least 1), the mask bin included.</param>
    /// <param name="maskValue">A value (string or integer) that goes to bin 0, or null for none.</param>
    /// <param name="salt">SipHash key (one integer or a pair); null for FarmHash.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c>.</param>
    /// <param name="sparse">Keras' sparse output; KerasSharp has dense tensors only, so it must be false.</param>
    /// <param name="dtype">Output dtype: <c>"int64"</c> (default) or <c>"int32"</c> for <c>"int"</c>; <c>"float32"</c> (default) or <c>"float64"</c> otherwise.</param>
    /// <param name="name">Layer name.</param>
    public Hashing(int? numBins, object? maskValue = null, HashingSalt? salt = null, string outputMode = "int", bool sparse = false,
        string? dtype = null, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(outputMode);
        if (numBins is null || numBins <= 0)
            throw new ArgumentOutOfRangeException(nameof(numBins), numBins,
                $"The `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: num_bins={(numBins?.ToString(CultureInfo.InvariantCulture) ?? "None")}.");
        dtype ??= outputMode == "int" ? "int64" : "float32";
        if (outputMode == "int" && dtype is not ("int32" or "int64"))
            throw new ArgumentException($"When `output_mode=\"int\"`, `dtype` should be an integer type, 'int32' or 'in64'. Received: dtype={dtype}", nameof(dtype));
        if (!Modes.Contains(outputMode))
            throw new ArgumentException($"Invalid value for argument `output_mode`. Expected one of ('int', 'one_hot', 'multi_hot', 'count'). Received: output_mode={outputMode}", nameof(outputMode));
        if (outputMode != "int" && dtype is not ("float32" or "float64"))
            throw new ArgumentException($"Hashing: with output_mode=\"{outputMode}\", `dtype` must be 'float32' or 'float64'. Received: dtype={dtype}", nameof(dtype));
        if (sparse && outputMode == "int")
            throw new ArgumentException($"`sparse` may only be true if `output_mode` is \"one_hot\", \"multi_hot\", or \"count\". Received: sparse=True and output_mode={outputMode}", nameof(sparse));
        if (sparse)
            throw new ArgumentException("Hashing: `sparse=True` needs sparse tensors, which KerasSharp does not have; received sparse=true.", nameof(sparse));
        MaskValue = maskValue switch
        {
            null or string or long => maskValue,
            int i => (long)i,
            short or sbyte or byte or ushort or uint => Convert.ToInt64(maskValue, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"Hashing: `mask_value` must be a string, an integer or null, but received a {maskValue.GetType().Name} ({maskValue}).", nameof(maskValue)),
        };
        NumBins = numBins.Value;
        Salt = salt;
        OutputMode = outputMode;
        Dtype = dtype;
    }

    /// <summary>Rebuilds the layer from Keras' config (<c>num_bins</c>, <c>salt</c>, <c>mask_value</c>, <c>output_mode</c>, <c>sparse</c>, <c>dtype</c> and the common keys).</summary>
    /// <exception cref="InvalidDataException">A key Keras' Hashing does not have, or a value of the wrong type.</exception>
    public static Hashing FromConfig(JsonObject config)
    {
        int? numBins = null;
        object? maskValue = null;
        HashingSalt? salt = null;
        string outputMode = "int";
        bool sparse = false;
        var common = PreprocessingConfig.Read(config, nameof(Hashing), (key, value) =>
        {
            switch (key)
            {
                case "num_bins": numBins = PreprocessingConfig.Get<int?>(value); return true;
                case "salt":
                    if (value is null) salt = null;
                    else if (value is JsonArray) salt = (HashingSalt)PreprocessingConfig.Get<long[]>(value);
                    else salt = PreprocessingConfig.Get<long>(value);
                    return true;
                case "mask_value":
                    maskValue = value is null ? null
                        : Saving.ConfigJson.IsString(value, out var s) ? s : PreprocessingConfig.Get<long>(value);
                    return true;
                case "output_mode": outputMode = PreprocessingConfig.Get<string>(value); return true;
                case "sparse": sparse = PreprocessingConfig.Get<bool>(value); return true;
                default: return false;
            }
        });
        var layer = new Hashing(numBins, maskValue, salt, outputMode, sparse, common.Dtype, common.Name);
        if (common.Trainable is bool t) layer.Trainable = t;
        return layer;
    }

    /// <summary>The number of bins.</summary>
    public int NumBins { get; }
    /// <summary>The value sent to bin 0 (a string or a long), or null.</summary>
    public object? MaskValue { get; }
    /// <summary>The SipHash key, or null for FarmHash.</summary>
    public HashingSalt? Salt { get; }
    /// <summary>The output mode.</summary>
    public string OutputMode { get; }
    /// <summary>The output dtype name.</summary>
    public string Dtype { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <summary>Hashes a rank-1 batch of strings: shape <c>(n)</c> in, bins of shape <c>(n)</c> (or encoded) out.</summary>
    public Tensor Apply(string[] inputs) => HashStrings(StringBatch.From(inputs, nameof(inputs)));

    /// <summary>Hashes a rank-2 batch of strings (Keras' <c>[["A"], ["B"]]</c>).</summary>
    public Tensor Apply(string[,] inputs) => HashStrings(StringBatch.From(inputs, nameof(inputs)));

    private Tensor HashStrings(StringBatch batch)
    {
        if (MaskValue is long)
            throw new ArgumentException($"Layer \"{Name}\" (Hashing) has the integer mask_value {MaskValue}, which cannot be compared with string inputs.");
        var bins = new long[batch.Values.Length];
        for (int i = 0; i < bins.Length; i++)
            bins[i] = Bin(batch.Values[i], MaskValue is string m && batch.Values[i] == m);
        return Finish(tensor(bins).reshape(batch.Shape));
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        if (MaskValue is string)
            throw new ArgumentException($"Layer \"{Name}\" (Hashing) has the string mask_value \"{MaskValue}\", which cannot be compared with numeric inputs.");
        if (x.dtype == ScalarType.Bool || x.is_complex())
            throw new ArgumentException($"Layer \"{Name}\" (Hashing) hashes strings, integers or floats, but received a tensor of dtype {x.dtype}.");
        // Keras normalises floats to int64 (truncation) and hashes the decimal text of the integers.
        var ints = x.to_type(ScalarType.Int64).cpu().contiguous();
        var values = ints.data<long>().ToArray();
        var bins = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
            bins[i] = Bin(values[i].ToString(CultureInfo.InvariantCulture), MaskValue is long m && values[i] == m);
        return Finish(tensor(bins, device: x.device).reshape(x.shape));
    }

    // The bin of one value (Keras' _hash_values_to_bins): the mask bin 0 is reserved when a mask value is set and num_bins > 1.
    private long Bin(string text, bool masked)
    {
        bool reserve = MaskValue is not null && NumBins > 1;
        if (reserve && masked) return 0;
        long bins = reserve ? NumBins - 1 : NumBins;
        var bytes = Encoding.UTF8.GetBytes(text);
        long bin = Salt is HashingSalt s
            ? StringHashing.StrongBucket(bytes, bins, unchecked((ulong)s.First), unchecked((ulong)s.Second))
            : StringHashing.FastBucket(bytes, bins);
        return reserve ? bin + 1 : bin;
    }

    private Tensor Finish(Tensor bins)
    {
        if (OutputMode == "int") return Dtype == "int32" ? bins.to_type(ScalarType.Int32) : bins;
        var encoded = CategoricalEncoding.Encode(bins, OutputMode, NumBins);
        return Dtype == "float64" ? encoded.to_type(ScalarType.Float64) : encoded;
    }

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        OutputMode == "int" ? inputShape : CategoricalEncoding.OutputShape(inputShape, OutputMode, NumBins);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["dtype"] = Dtype;
        config["num_bins"] = NumBins;
        config["salt"] = Salt is HashingSalt s ? new List<long> { s.First, s.Second } : null;
        config["mask_value"] = MaskValue;
        config["output_mode"] = OutputMode;
        config["sparse"] = false;
        return config;
    }
}
