namespace KerasSharp.Layers;

/// <summary>Reads the Keras call options the attention layers take (<see cref="ICallArgumentsLayer"/>).</summary>
internal static class AttentionCallOptions
{
    /// <summary>
    /// <c>return_attention_scores</c> and <c>use_causal_mask</c> from <paramref name="arguments"/> (false when absent);
    /// any other option is an error naming the layer, the option and what it takes.
    /// </summary>
    public static (bool ReturnScores, bool Causal) Read(Layer layer, IReadOnlyDictionary<string, object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        bool returnScores = false, causal = false;
        foreach (var (key, value) in arguments)
        {
            if (value is null) continue;
            bool flag = value is bool b ? b
                : throw new ArgumentException($"Layer \"{layer.Name}\": call option {key} must be a bool, but received {key}={value}.", nameof(arguments));
            switch (key)
            {
                case "return_attention_scores": returnScores = flag; break;
                case "use_causal_mask": causal = flag; break;
                default:
                    throw new ArgumentException($"Layer \"{layer.Name}\" ({layer.GetType().Name}) takes the call options return_attention_scores and use_causal_mask, but received {key}={value}.", nameof(arguments));
            }
        }
        return (returnScores, causal);
    }

    /// <summary>The options dictionary for <see cref="Layer.ApplyAll(IReadOnlyList{KerasTensor}, IReadOnlyDictionary{string, object?})"/> (only those that differ from Keras' defaults).</summary>
    public static Dictionary<string, object?> Of(bool returnScores, bool causal)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (returnScores) d["return_attention_scores"] = true;
        if (causal) d["use_causal_mask"] = true;
        return d;
    }
}
