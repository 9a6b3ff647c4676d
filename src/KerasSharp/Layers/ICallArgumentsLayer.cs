using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// A layer whose Keras call takes options besides its input tensors: Keras' keyword arguments such as
/// <c>return_attention_scores=True</c> or <c>use_causal_mask=True</c>, and tensors passed by keyword
/// (<c>mha(query, value, key=k)</c>). A functional graph records the options with each call, replays them when it
/// runs, and writes them to the call's <c>kwargs</c> when the model is saved; loading a Keras file rebuilds them.
/// </summary>
/// <remarks>
/// Options are keyed by Keras' snake_case names; values are <c>bool</c>, <c>long</c>, <c>double</c> or <c>string</c>.
/// A call without options runs through <see cref="Layer.ApplyAll(IReadOnlyList{Tensor}, bool?)"/> as for any layer.
/// </remarks>
public interface ICallArgumentsLayer
{
    /// <summary>
    /// Keras' names of the call's tensor parameters, in the order of the layer's inputs, when Keras passes the tensors
    /// as separate arguments (MultiHeadAttention: <c>query</c>, <c>value</c>, <c>key</c>); empty when Keras passes the
    /// inputs as one list (<c>attention([query, value, key])</c>).
    /// </summary>
    IReadOnlyList<string> CallTensorParameters { get; }

    /// <summary>Runs the layer on <paramref name="inputs"/> with the call options <paramref name="arguments"/>.</summary>
    /// <exception cref="ArgumentException">An option the layer does not know, or a value of the wrong type.</exception>
    IReadOnlyList<Tensor> ApplyWithArguments(IReadOnlyList<Tensor> inputs, IReadOnlyDictionary<string, object?> arguments, bool training = false);

    /// <summary>The shapes of the outputs of a call with <paramref name="arguments"/> (e.g. a second output, the attention scores).</summary>
    IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes, IReadOnlyDictionary<string, object?> arguments);
}
