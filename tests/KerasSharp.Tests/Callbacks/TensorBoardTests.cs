using KerasSharp.Tests.TestSupport;
using System.Buffers.Binary;
using System.Text;
using KerasSharp.Callbacks;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class TensorBoardTests
{
    private sealed record Value(string Tag, long Step, float? Scalar, double? HistogramCount, string? Text = null, string? Plugin = null);

    // Reads a TF record file, checking both masked CRC32Cs of every record, and decodes the Event protos.
    private static (string? FileVersion, List<Value> Values) ReadEvents(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string? version = null;
        var values = new List<Value>();
        int pos = 0;
        while (pos < bytes.Length)
        {
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(pos));
            Assert.Equal(MaskedCrc(bytes.AsSpan(pos, 8)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 8)));
            var data = bytes.AsSpan(pos + 12, (int)length);
            Assert.Equal(MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 12 + (int)length)));
            pos += 12 + (int)length + 4;
            long step = 0;
            byte[]? summary = null;
            foreach (var (field, wire, v, payload) in Fields(data.ToArray()))
            {
                if (field == 2) step = (long)v;
                if (field == 3) version = Encoding.UTF8.GetString(payload!);
                if (field == 5) summary = payload;
            }
            if (summary is null) continue;
            foreach (var (_, _, _, valueBytes) in Fields(summary))
            {
                string tag = "";
                float? scalar = null;
                double? count = null;
                string? text = null, plugin = null;
                foreach (var (f, w, raw, p) in Fields(valueBytes!))
                {
                    if (f == 1) tag = Encoding.UTF8.GetString(p!);
                    if (f == 2 && w == 5) scalar = BitConverter.Int32BitsToSingle((int)raw);
                    if (f == 5)
                        foreach (var (hf, _, hraw, _) in Fields(p!))
                            if (hf == 3) count = BitConverter.Int64BitsToDouble((long)hraw);
                    if (f == 8) // TensorProto: dtype 7 (string), string_val
                        foreach (var (tf, _, traw, tp) in Fields(p!))
                        {
                            if (tf == 1) Assert.Equal(7UL, traw);
                            if (tf == 8) text = Encoding.UTF8.GetString(tp!);
                        }
                    if (f == 9) // SummaryMetadata.plugin_data.plugin_name
                        foreach (var (mf, _, _, mp) in Fields(p!))
                            if (mf == 1)
                                foreach (var (pf, _, _, pp) in Fields(mp!))
                                    if (pf == 1) plugin = Encoding.UTF8.GetString(pp!);
                }
                values.Add(new Value(tag, step, scalar, count, text, plugin));
            }
        }
        return (version, values);
    }

    private static IEnumerable<(int Field, int Wire, ulong Raw, byte[]? Payload)> Fields(byte[] data)
    {
        int i = 0;
        ulong Varint()
        {
            ulong result = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = data[i++];
                result |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return result;
            }
        }
        var list = new List<(int, int, ulong, byte[]?)>();
        while (i < data.Length)
        {
            ulong key = Varint();
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: list.Add((field, wire, Varint(), null)); break;
                case 1: list.Add((field, wire, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(i)), null)); i += 8; break;
                case 5: list.Add((field, wire, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i)), null)); i += 4; break;
                case 2:
                    int n = (int)Varint();
                    list.Add((field, wire, 0, data.AsSpan(i, n).ToArray()));
                    i += n;
                    break;
                default: throw new InvalidDataException($"wire type {wire}");
            }
        }
        return list;
    }

    // CRC-32C computed bit by bit (independent of the library's table), masked as TensorFlow does.
    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        crc ^= 0xFFFFFFFF;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    }

    [Fact]
    public void Crc32CKnownValue() =>
        // RFC 3720 test vector: CRC-32C of "123456789" is 0xE3069283.
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void WritesTrainAndValidationEventFilesWithEpochScalarsAndHistograms()
    {
        var dir = TempDir();
        var (x, y) = SampleData(8);
        var tb = new TensorBoard(logDir: dir, histogramFreq: 1);
        var model = TinyModel(learningRate: 0.1, metrics: ["mae"]);
        var h = model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, validationSplit: 0.25, callbacks: [tb]);

        Assert.StartsWith(Path.Combine(dir, "train", "events.out.tfevents."), tb.TrainEventFile);
        Assert.StartsWith(Path.Combine(dir, "validation", "events.out.tfevents."), tb.ValidationEventFile);
        var (version, train) = ReadEvents(tb.TrainEventFile!);
        Assert.Equal("brain.Event:2", version);
        for (int e = 0; e < 2; e++)
        {
            Assert.Equal((float)h["loss"][e], train.Single(v => v.Tag == "epoch_loss" && v.Step == e).Scalar);
            Assert.Equal((float)h["mae"][e], train.Single(v => v.Tag == "epoch_mae" && v.Step == e).Scalar);
            Assert.Equal(0.1f, train.Single(v => v.Tag == "epoch_learning_rate" && v.Step == e).Scalar);
        }
        // Dense(1) on 2 inputs: kernel (2, 1) -> 2 values, bias (1) -> 1 value; one histogram per epoch, tagged as
        // Keras' _log_weights does: weight.name + "/histogram".
        Assert.Equal([2.0, 2.0], train.Where(v => v.Tag == "kernel/histogram").Select(v => v.HistogramCount!.Value));
        Assert.Equal([1.0, 1.0], train.Where(v => v.Tag == "bias/histogram").Select(v => v.HistogramCount!.Value));

        var (_, val) = ReadEvents(tb.ValidationEventFile!);
        Assert.Equal((float)h["val_loss"][1], val.Single(v => v.Tag == "epoch_loss" && v.Step == 1).Scalar);
        // 6 training samples in batches of 4: 2 optimizer steps per epoch, so the iteration steps are 2 and 4.
        var byIteration = val.Where(v => v.Tag == "evaluation_loss_vs_iterations").ToList();
        Assert.Equal([2L, 4L], byIteration.Select(v => v.Step));
        Assert.Equal((float)h["val_loss"][1], byIteration[1].Scalar);
        Assert.DoesNotContain(val, v => v.Tag.StartsWith("epoch_val_", StringComparison.Ordinal));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void UpdateFreqBatchesWritesBatchScalarsAtTheGlobalBatchStep()
    {
        var dir = TempDir();
        var (x, y) = SampleData(8);
        var tb = new TensorBoard(logDir: dir, updateFreq: 3);
        TinyModel().Fit(x, y, batchSize: 2, epochs: 2, verbose: 0, callbacks: [tb]);
        var (_, train) = ReadEvents(tb.TrainEventFile!);
        // 8 global batches: written after batches 3 and 6.
        Assert.Equal([3L, 6L], train.Where(v => v.Tag == "batch_loss").Select(v => v.Step));
        Assert.Null(tb.ValidationEventFile);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void WriteGraphRecordsTheModelJsonForTheGraphsTab()
    {
        var dir = TempDir();
        var (x, y) = SampleData(8);
        var model = TinyModel();
        var tb = new TensorBoard(logDir: dir);
        model.Fit(x, y, batchSize: 4, epochs: 1, verbose: 0, callbacks: [tb]);
        var (_, train) = ReadEvents(tb.TrainEventFile!);
        // Keras' keras_model_summary: tag "keras", plugin "graph_keras_model", the model's to_json() at step 0.
        var graph = train.Single(v => v.Tag == "keras");
        Assert.Equal(0, graph.Step);
        Assert.Equal("graph_keras_model", graph.Plugin);
        var json = System.Text.Json.Nodes.JsonNode.Parse(graph.Text!)!;
        Assert.Equal("Sequential", (string?)json["class_name"]);
        Assert.Equal(model.Layers.Count, json["config"]!["layers"]!.AsArray().Count(l => (string?)l!["class_name"] != "InputLayer"));

        var quiet = new TensorBoard(logDir: TempDir(), writeGraph: false);
        TinyModel().Fit(x, y, batchSize: 4, epochs: 1, verbose: 0, callbacks: [quiet]);
        Assert.DoesNotContain(ReadEvents(quiet.TrainEventFile!).Values, v => v.Tag == "keras");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void BatchStepsPerSecondFollowsTheBatchUpdates()
    {
        var dir = TempDir();
        var (x, y) = SampleData(8);
        var tb = new TensorBoard(logDir: dir, updateFreq: 2, writeStepsPerSecond: true);
        TinyModel().Fit(x, y, batchSize: 2, epochs: 1, verbose: 0, callbacks: [tb]);
        var (_, train) = ReadEvents(tb.TrainEventFile!);
        var rates = train.Where(v => v.Tag == "batch_steps_per_second").ToList();
        Assert.Equal([2L, 4L], rates.Select(v => v.Step)); // 4 batches, every 2nd
        Assert.All(rates, v => Assert.True(v.Scalar > 0));
        Assert.Single(train, v => v.Tag == "epoch_steps_per_second");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void EvaluateWithTheCallbackWritesEvaluationScalarsAtTheOptimizerIterations()
    {
        var dir = TempDir();
        var (x, y) = SampleData(8);
        var model = TinyModel();
        model.Fit(x, y, batchSize: 4, epochs: 1, verbose: 0); // 2 optimizer steps
        var tb = new TensorBoard(logDir: dir);
        var result = model.Evaluate(x, y, batchSize: 4, verbose: 0, callbacks: [tb]);
        Assert.NotNull(tb.ValidationEventFile);
        var (_, val) = ReadEvents(tb.ValidationEventFile!);
        var loss = val.Single(v => v.Tag == "evaluation_loss_vs_iterations");
        Assert.Equal(2L, loss.Step);
        Assert.Equal((float)result["loss"], loss.Scalar);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void EmbeddingsFreqWritesTheProjectorConfigAndWeightCheckpoints()
    {
        var dir = TempDir();
        var model = Keras.Sequential().Add(Keras.Input(new Shape(3))).Add(Keras.Embedding(10, 4, name: "words"))
            .Add(Keras.GlobalAveragePooling1D()).Add(Keras.Dense(1));
        model.Compile("sgd", "mse");
        var x = TorchSharp.torch.randint(0, 10, [8, 3]).to_type(TorchSharp.torch.ScalarType.Float32);
        var y = TorchSharp.torch.rand(8, 1);
        var tb = new TensorBoard(logDir: dir, embeddingsFreq: 2, embeddingsMetadata: new Dictionary<string, string> { ["words"] = "vocab.tsv" });
        model.Fit(x, y, batchSize: 4, epochs: 3, verbose: 0, callbacks: [tb]);
        // Keras' _configure_embeddings and _log_embeddings: the config names the Embedding's tensor and metadata;
        // weights are saved at epochs 0 and 2 (epoch % 2 == 0).
        Assert.Equal("embeddings {\n  tensor_name: \"layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE\"\n  metadata_path: \"vocab.tsv\"\n}\n",
            File.ReadAllText(Path.Combine(dir, "projector_config.pbtxt")));
        Assert.Equal(["keras_embedding.ckpt-0.weights.h5", "keras_embedding.ckpt-2.weights.h5"],
            Directory.GetFiles(Path.Combine(dir, "train"), "*.weights.h5").Select(Path.GetFileName).Order());
        var unknown = new TensorBoard(logDir: TempDir(), embeddingsFreq: 1, embeddingsMetadata: new Dictionary<string, string> { ["nope"] = "v.tsv" });
        Assert.Contains("nope", Assert.Throws<ArgumentException>(() => model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [unknown])).Message);
        Assert.Equal("embeddingsMetadata", Assert.Throws<ArgumentException>(() => new TensorBoard(embeddingsMetadata: 42)).ParamName);
        Directory.Delete(dir, true);
    }
}
