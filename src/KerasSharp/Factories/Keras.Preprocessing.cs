using KerasSharp.Layers;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>A <see cref="Layers.Rescaling"/> layer: <c>Rescaling(1.0 / 255)</c>.</summary>
    public static Rescaling Rescaling(double scale, double offset = 0.0, string? name = null) => new(scale, offset, name);

    /// <summary>A <see cref="Layers.RandomRotation"/> layer: <c>RandomRotation(0.1)</c>.</summary>
    public static RandomRotation RandomRotation(FactorRange factor, string fillMode = "reflect", string interpolation = "bilinear",
        int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(factor, fillMode, interpolation, seed, fillValue, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomZoom"/> layer: <c>RandomZoom(0.1)</c>.</summary>
    public static RandomZoom RandomZoom(FactorRange heightFactor, FactorRange? widthFactor = null, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(heightFactor, widthFactor, fillMode, interpolation, seed, fillValue, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomTranslation"/> layer: <c>RandomTranslation(0.1, 0.1)</c>.</summary>
    public static RandomTranslation RandomTranslation(FactorRange heightFactor, FactorRange widthFactor, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(heightFactor, widthFactor, fillMode, interpolation, seed, fillValue, dataFormat, name);

    /// <summary>A <see cref="Layers.Normalization"/> layer: <c>Normalization()</c> then <c>.Adapt(x)</c>, or <c>Normalization(mean: [3.0], variance: [2.0])</c>.</summary>
    public static Normalization Normalization(int? axis = -1, double[]? mean = null, double[]? variance = null, bool invert = false,
        string? name = null) => new(axis, mean, variance, invert, name);

    /// <summary>A <see cref="Layers.Resizing"/> layer: <c>Resizing(224, 224)</c>.</summary>
    public static Resizing Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false,
        bool padToAspectRatio = false, string fillMode = "constant", double fillValue = 0.0, string? dataFormat = null, string? name = null) =>
        new(height, width, interpolation, cropToAspectRatio, padToAspectRatio, fillMode, fillValue, dataFormat, name);

    /// <summary>A <see cref="Layers.CenterCrop"/> layer: <c>CenterCrop(224, 224)</c>.</summary>
    public static CenterCrop CenterCrop(int height, int width, string? dataFormat = null, string? name = null) =>
        new(height, width, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomFlip"/> layer: <c>RandomFlip("horizontal")</c>.</summary>
    public static RandomFlip RandomFlip(string mode = "horizontal_and_vertical", int? seed = null, string? dataFormat = null,
        string? name = null) => new(mode, seed, dataFormat, name);

    /// <summary>A <see cref="Layers.RandomContrast"/> layer: <c>RandomContrast(0.2)</c>.</summary>
    public static RandomContrast RandomContrast(FactorRange factor, double[]? valueRange = null, int? seed = null, string? name = null) =>
        new(factor, valueRange, seed, name);

    /// <summary>A <see cref="Layers.TextVectorization"/> layer: <c>TextVectorization(maxTokens: 20000, outputSequenceLength: 200)</c> then <c>.Adapt(texts)</c>.</summary>
    public static TextVectorization TextVectorization(int? maxTokens = null, string? standardize = "lower_and_strip_punctuation",
        string? split = "whitespace", object? ngrams = null, string outputMode = "int", int? outputSequenceLength = null,
        bool padToMaxTokens = false, IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, bool sparse = false,
        bool ragged = false, string encoding = "utf-8", string? name = null, Func<string, string>? customStandardize = null,
        Func<string, IEnumerable<string>>? customSplit = null) =>
        new(maxTokens, standardize, split, ngrams, outputMode, outputSequenceLength, padToMaxTokens, vocabulary, idfWeights, sparse, ragged,
            encoding, name, customStandardize, customSplit);

    /// <summary>A <see cref="Layers.StringLookup"/> layer: <c>StringLookup(vocabulary: ["a", "b", "c", "d"])</c>.</summary>
    public static StringLookup StringLookup(int? maxTokens = null, int numOovIndices = 1, string? maskToken = null, string? oovToken = "[UNK]",
        IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, bool invert = false, string outputMode = "int",
        bool padToMaxTokens = false, bool sparse = false, string encoding = "utf-8", string? name = null) =>
        new(maxTokens, numOovIndices, maskToken, oovToken, vocabulary, idfWeights, invert, outputMode, padToMaxTokens, sparse, encoding, name);

    /// <summary>An <see cref="Layers.IntegerLookup"/> layer: <c>IntegerLookup(vocabulary: [12, 36, 1138, 42])</c>.</summary>
    public static IntegerLookup IntegerLookup(int? maxTokens = null, int numOovIndices = 1, long? maskToken = null, long? oovToken = -1,
        IEnumerable<long>? vocabulary = null, string vocabularyDtype = "int64", IEnumerable<double>? idfWeights = null, bool invert = false,
        string outputMode = "int", bool sparse = false, bool padToMaxTokens = false, string oovMethod = "floormod", string? name = null) =>
        new(maxTokens, numOovIndices, maskToken, oovToken, vocabulary, vocabularyDtype, idfWeights, invert, outputMode, sparse, padToMaxTokens,
            oovMethod, name);

    /// <summary>A <see cref="Layers.CategoryEncoding"/> layer: <c>CategoryEncoding(numTokens: 4, outputMode: "one_hot")</c>.</summary>
    public static CategoryEncoding CategoryEncoding(int? numTokens = null, string outputMode = "multi_hot", bool sparse = false, string? name = null) =>
        new(numTokens, outputMode, sparse, name);

    /// <summary>A <see cref="Layers.Hashing"/> layer: <c>Hashing(numBins: 3)</c>, <c>Hashing(numBins: 3, salt: 133)</c>.</summary>
    public static Hashing Hashing(int? numBins, object? maskValue = null, HashingSalt? salt = null, string outputMode = "int", bool sparse = false,
        string? dtype = null, string? name = null) => new(numBins, maskValue, salt, outputMode, sparse, dtype, name);

    /// <summary>A <see cref="Layers.Discretization"/> layer: <c>Discretization(binBoundaries: [0.0, 1.0, 2.0])</c>, or <c>Discretization(numBins: 4)</c> then <c>.Adapt(x)</c>.</summary>
    public static Discretization Discretization(double[]? binBoundaries = null, int? numBins = null, double epsilon = 0.01, string outputMode = "int",
        bool sparse = false, string? dtype = null, string? name = null) => new(binBoundaries, numBins, epsilon, outputMode, sparse, dtype, name);
}
