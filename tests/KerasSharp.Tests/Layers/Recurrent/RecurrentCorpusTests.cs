using System.IO.Compression;
using KerasSharp.Layers;
using KerasSharp.Saving;
using KerasSharp.Tests.Conformance;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Recurrent;

/// <summary>
/// The recurrent layers run one by one on weights and inputs of the Keras reference corpus, independently of model
/// loading: returned states, initial states passed as extra inputs, GRU/SimpleRNN state outputs.
/// </summary>
public class RecurrentCorpusTests
{
    /// <summary>
    /// <c>rnn_return_state</c>: <c>_, h, c = LSTM(5, return_state=True)(enc)</c>; <c>s = LSTM(5, return_sequences=True)(dec,
    /// initial_state=[h, c])</c>; <c>g_seq, g_h = GRU(3, return_sequences=True, return_state=True)(s)</c>;
    /// <c>r_out, r_h = SimpleRNN(2, return_state=True)(g_seq)</c>; outputs TimeDistributed(Dense(2))(g_seq), g_h, c, r_out + r_h.
    /// </summary>
    [KerasReferenceTheory]
    [InlineData("3.5.0")]
    [InlineData("3.15.1")]
    public void RnnReturnStateLayerByLayerReproducesKeras(string version)
    {
        var entry = KerasReference.Model(version, "rnn_return_state");
        var io = Npz.Load(KerasReference.PathOf((string)entry["files"]!["io"]!));
        var weights = ReadWeights(KerasReference.PathOf((string)entry["files"]!["keras"]!));

        var encoder = new LSTM(5, returnState: true);
        var decoder = new LSTM(5, returnSequences: true);
        var gru = new GRU(3, returnSequences: true, returnState: true);
        var rnn = new SimpleRNN(2, returnState: true);
        var dense = new Dense(2);
        var head = new TimeDistributed(dense);
        encoder.EnsureBuilt([null, 6, 3]);
        decoder.EnsureBuilt([null, 4, 2]);
        gru.EnsureBuilt([null, 4, 5]);
        rnn.EnsureBuilt([null, 4, 3]);
        head.EnsureBuilt([null, 4, 3]);
        Assign(encoder.Cell, weights, "layers/lstm/cell");
        Assign(decoder.Cell, weights, "layers/lstm_1/cell");
        Assign(gru.Cell, weights, "layers/gru/cell");
        Assign(rnn.Cell, weights, "layers/simple_rnn/cell");
        Assign(dense, weights, "layers/time_distributed/layer");

        var enc = encoder.ApplyAll([io["x0"]]);
        Assert.Equal(3, enc.Count);
        var s = decoder.ApplyAll([io["x1"], enc[1], enc[2]]);
        Assert.Single(s);
        var g = gru.ApplyAll([s[0]]);
        Assert.Equal(2, g.Count);
        var r = rnn.ApplyAll([g[0]]);
        Assert.Equal(2, r.Count);

        LoadAndPredictTests.AssertClose(io["y0"], head.Apply(g[0]), $"{version} y0 (TimeDistributed(Dense) of the GRU sequence)");
        LoadAndPredictTests.AssertClose(io["y1"], g[1], $"{version} y1 (GRU state)");
        LoadAndPredictTests.AssertClose(io["y2"], enc[2], $"{version} y2 (encoder LSTM carry state c)");
        LoadAndPredictTests.AssertClose(io["y3"], r[0] + r[1], $"{version} y3 (SimpleRNN output + state)");
        // SimpleRNN without return_sequences: its output is its final state.
        TensorAssert.Close(r[0], r[1], 0);
    }

    /// <summary>The datasets of a <c>.keras</c> file's <c>model.weights.h5</c>, by path.</summary>
    private static Func<string, Tensor> ReadWeights(string kerasFile)
    {
        var ms = new MemoryStream();
        using (var zip = ZipFile.OpenRead(kerasFile))
        using (var s = zip.GetEntry("model.weights.h5")!.Open())
            s.CopyTo(ms);
        ms.Position = 0;
        var h5 = H5File.Open(ms, false);
        return path => H5Tensors.ReadTensor(h5.Dataset(path), path);
    }

    private static void Assign(Layer layer, Func<string, Tensor> weights, string path)
    {
        using var _ = no_grad();
        var own = layer.OwnWeights;
        for (int i = 0; i < own.Count; i++)
        {
            var value = weights($"{path}/vars/{i}");
            Assert.Equal(value.shape, own[i].Value.shape);
            own[i].Value.copy_(value);
        }
    }
}
