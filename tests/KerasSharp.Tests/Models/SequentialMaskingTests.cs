using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

[Collection(GlobalState.Name)]

public class SequentialMaskingTests
{
    [Fact]
    public void EmbeddingMaskZeroMakesTheLstmSkipPadding()
    {
        Keras.Utils.SetRandomSeed(7);
        var model = new Sequential([new Embedding(10, 4, maskZero: true), new LSTM(3)]);
        var unpadded = tensor(new long[,] { { 3, 5, 2 } });
        var padded = tensor(new long[,] { { 0, 0, 3, 5, 2 } });   // Keras pads in front with 0
        // With the mask, the leading zeros are skipped: the final state equals the one of the unpadded sequence.
        TensorAssert.Close(model.Predict(unpadded, verbose: 0), model.Predict(padded, verbose: 0), 1e-6);
    }

    [Fact]
    public void WithoutMaskZeroPaddingChangesTheResult()
    {
        Keras.Utils.SetRandomSeed(7);
        var model = new Sequential([new Embedding(10, 4), new LSTM(3)]);
        var a = model.Predict(tensor(new long[,] { { 3, 5, 2 } }), verbose: 0);
        var b = model.Predict(tensor(new long[,] { { 0, 0, 3, 5, 2 } }), verbose: 0);
        Assert.True((a - b).abs().max().item<float>() > 1e-4);
    }
}
