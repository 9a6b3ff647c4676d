namespace KerasSharp.Layers;

/// <summary>
/// A built-in layer that can say whether, in inference, it computes each output row from the same input row alone, with
/// the same operations whatever the number of rows: then Predict and Evaluate may run several batches through it in one
/// pass (<see cref="Training.InferenceMerging"/>). Implementations answer true only for an object of exactly their own
/// type (a user's subclass may compute anything); a layer without this interface never takes that path.
/// </summary>
internal interface IRowWiseInference
{
    /// <summary>True when this layer, as configured, is row-wise in inference.</summary>
    bool RowWiseInInference { get; }

    /// <summary>True when <paramref name="layer"/> declares itself row-wise in inference.</summary>
    static bool Of(Layer layer) => layer is IRowWiseInference { RowWiseInInference: true };
}
