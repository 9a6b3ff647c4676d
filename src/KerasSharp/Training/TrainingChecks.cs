using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Training;

/// <summary>
/// The argument checks Fit, Evaluate and Predict share (each throws before any state changes, naming the argument, what
/// was expected and what was received), Keras' <c>class_weight</c> conversion, and the callback parameters of a run.
/// </summary>
internal static class TrainingChecks
{
    /// <summary>Checks the counts every loop takes.</summary>
    public static void CheckCommon(int batchSize, int epochs, int verbose, int initialEpoch, int validationFreq)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be > 0, but received {batchSize}.");
        if (epochs < 0)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"epochs must be >= 0, but received {epochs}.");
        if (verbose is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, $"verbose must be 0, 1 or 2, but received {verbose}.");
        if (initialEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(initialEpoch), initialEpoch, $"initialEpoch must be >= 0, but received {initialEpoch}.");
        if (validationFreq < 1)
            throw new ArgumentOutOfRangeException(nameof(validationFreq), validationFreq, $"validationFreq must be >= 1, but received {validationFreq}.");
    }

    /// <summary>Checks an optional positive count (stepsPerEpoch, validationSteps, validationBatchSize).</summary>
    public static void CheckPositive(int? value, string name)
    {
        if (value is <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0, but received {value}.");
    }

    /// <summary>
    /// Keras' reading of <c>steps</c> for Evaluate and Predict: a positive count limits the batches; null, 0 or a negative
    /// count runs over all the data (Keras' epoch iterator treats 0 as "not given" and a negative count as "until the data
    /// runs out").
    /// </summary>
    public static int? StepLimit(int? steps) => steps is > 0 ? steps : null;

    /// <summary>Checks classWeight before anything runs: class indices >= 0, weights finite as float32.</summary>
    public static void CheckClassWeight(IReadOnlyDictionary<int, double> classWeight)
    {
        foreach (var (k, v) in classWeight)
        {
            if (k < 0)
                throw new ArgumentException($"classWeight keys must be class indices >= 0, but received {k}.", nameof(classWeight));
            if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
                throw new ArgumentException(
                    $"classWeight must map each class to a finite weight, but class {k} has weight {Guard.Fmt(v)}.", nameof(classWeight));
        }
    }

    /// <summary>
    /// Keras' <c>class_weight_to_sample_weights</c>: each sample's label (argmax of one-hot targets, else the rounded
    /// value) weighted by <c>classWeight[label]</c>, or 1 for a label with no entry. A key that no label matches is
    /// unused, as in Keras. The lookup is a binary search over the sorted keys, so its cost does not depend on the key
    /// values (a key of <see cref="int.MaxValue"/> allocates nothing).
    /// </summary>
    public static Tensor ClassWeightsToSampleWeights(Tensor y, IReadOnlyDictionary<int, double> classWeight)
    {
        using var scope = NewDisposeScope();
        var labels = y.dim() > 1 && y.size(-1) != 1 ? y.argmax(-1) : (y.dim() > 1 ? y.squeeze(-1) : y);
        labels = labels.to_type(ScalarType.Float64).round().contiguous();
        if (labels.numel() == 0 || classWeight.Count == 0)
            return ones(labels.shape, ScalarType.Float32, y.device).MoveToOuterDisposeScope();
        var ordered = classWeight.OrderBy(kv => kv.Key).ToArray();
        var keys = tensor(ordered.Select(kv => (double)kv.Key).ToArray(), device: y.device);
        var weights = tensor(ordered.Select(kv => (float)kv.Value).ToArray(), device: y.device);
        var at = searchsorted(keys, labels).clamp_max(ordered.Length - 1);
        var matched = keys.take(at).eq(labels);
        return where(matched, weights.take(at), ones_like(weights.take(at))).MoveToOuterDisposeScope();
    }

    /// <summary>The product of the sample weights (if any) and the class weights.</summary>
    public static Tensor CombineWeights(Tensor? sampleWeight, Tensor classWeights) =>
        sampleWeight is null ? classWeights : sampleWeight.to_type(ScalarType.Float32).to(classWeights.device) * classWeights;

    /// <summary>The one target tensor class weights read, or an error for a model with several outputs.</summary>
    public static Tensor SingleTarget(Model model, IReadOnlyList<Tensor>? ys, string argument)
    {
        if (ys is null)
            throw new ArgumentException($"{argument} needs targets y to weigh the samples by class, but y is null.", argument);
        return ys.Count == 1
            ? ys[0]
            : throw new ArgumentException($"{argument} is only supported for models with one output; model \"{model.Name}\" has {ys.Count}. Use sampleWeight instead.", argument);
    }

    /// <summary>
    /// Refuses data that is not real numbers (complex, quantized): the layers compute in float32, and a cast would drop
    /// the imaginary part silently.
    /// </summary>
    public static void CheckReal(Tensor t, string what, string argument)
    {
        var dtype = t.dtype;
        if (t.is_floating_point() || dtype is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8
            or ScalarType.Byte or ScalarType.Bool)
            return;
        throw new ArgumentException(
            $"{what} must hold real numbers (a floating-point, integer or bool dtype), but received a tensor of dtype {dtype}.", argument);
    }

    /// <summary>The callback parameters of Evaluate and Predict.</summary>
    public static Dictionary<string, object?> RunParams(int verbose, int epochs, int? steps) =>
        new() { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps };

    /// <summary>Fit's parameters also say whether and how often validation runs (monitoring callbacks need it to tell a
    /// missing val_ key from an epoch without validation).</summary>
    public static Dictionary<string, object?> FitParams(int verbose, int epochs, int? steps, bool doValidation, int validationFreq)
    {
        var p = RunParams(verbose, epochs, steps);
        p["do_validation"] = doValidation;
        p["validation_freq"] = validationFreq;
        return p;
    }
}
