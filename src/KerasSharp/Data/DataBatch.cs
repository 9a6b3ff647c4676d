using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// One batch of a stream or of a <see cref="PyDataset"/> (what Keras' datasets and <c>PyDataset.__getitem__</c> yield:
/// <c>x</c>, <c>(x, y)</c> or <c>(x, y, sample_weight)</c>). <see cref="X"/> and <see cref="Y"/> take the forms Fit
/// takes: a tensor or .NET array, a list with one per model input (output), or a dictionary keyed by input (output) name.
/// A tuple of tensors converts implicitly: <c>yield return (x, y);</c>, <c>return (x, y, weights);</c>.
/// </summary>
public sealed class DataBatch
{
    /// <summary>A batch of inputs, optional targets and optional per-sample weights.</summary>
    /// <param name="x">The inputs (required).</param>
    /// <param name="y">The targets, or null (Predict, or a model whose step needs none).</param>
    /// <param name="sampleWeight">One weight per sample, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public DataBatch(object x, object? y = null, object? sampleWeight = null)
    {
        X = x ?? throw new ArgumentNullException(nameof(x), "A batch needs inputs: x is null.");
        Y = y;
        SampleWeight = sampleWeight;
    }

    /// <summary>The inputs.</summary>
    public object X { get; }

    /// <summary>The targets, or null.</summary>
    public object? Y { get; }

    /// <summary>The per-sample weights, or null.</summary>
    public object? SampleWeight { get; }

    /// <summary>Inputs only (a Predict batch).</summary>
    public static implicit operator DataBatch(Tensor x) => new(x);

    /// <summary>Inputs and targets.</summary>
    public static implicit operator DataBatch((Tensor X, Tensor Y) batch) => new(batch.X, batch.Y);

    /// <summary>Inputs, targets and per-sample weights.</summary>
    public static implicit operator DataBatch((Tensor X, Tensor Y, Tensor SampleWeight) batch) => new(batch.X, batch.Y, batch.SampleWeight);

    /// <summary>Several inputs and several targets, in model order.</summary>
    public static implicit operator DataBatch((Tensor[] X, Tensor[] Y) batch) => new(batch.X, batch.Y);
}
