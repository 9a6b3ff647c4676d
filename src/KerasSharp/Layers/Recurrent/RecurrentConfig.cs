using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>Builds the config of LSTM/GRU/SimpleRNN as Keras does: the RNN keys without <c>cell</c>, plus the cell's arguments.</summary>
internal static class RecurrentConfig
{
    public static Dictionary<string, object?> Flatten(Dictionary<string, object?> rnnConfig, RecurrentCell cell, Regularizer? activityRegularizer)
    {
        rnnConfig.Remove("cell");
        cell.AddCellConfig(rnnConfig, ofLayer: true, activityRegularizer);
        return rnnConfig;
    }
}
