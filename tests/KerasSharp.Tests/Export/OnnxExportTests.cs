using KerasSharp.Tests.TestSupport;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace KerasSharp.Tests.Export;

/// <summary>model.ExportOnnx, checked by running the file in ONNX Runtime against Predict.</summary>
[Collection(GlobalState.Name)]
public class OnnxExportTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ks-onnx").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // Exports, runs every input through ONNX Runtime and compares each output with Predict within 1e-5 (+1e-5 relative).
    private void AssertOnnxMatchesPredict(Model model, params Tensor[] xs)
    {
        var path = Path.Combine(dir, model.Name + ".onnx");
        model.ExportOnnx(path);
        using var session = new InferenceSession(path);
        var names = session.InputMetadata.Keys.ToList();
        Assert.Equal(xs.Length, names.Count);
        var feeds = names.Select((n, i) => NamedOnnxValue.CreateFromTensor(n,
            new DenseTensor<float>(xs[i].to_type(ScalarType.Float32).contiguous().data<float>().ToArray(), xs[i].shape.Select(d => (int)d).ToArray()))).ToList();
        using var results = session.Run(feeds);
        var expected = xs.Length == 1 && model.OutputCount == 1 ? [model.Predict(xs[0], verbose: 0)] : model.PredictAll(xs, verbose: 0);
        Assert.Equal(expected.Count, results.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            var got = results.ElementAt(k).AsTensor<float>();
            Assert.Equal(expected[k].shape, got.Dimensions.ToArray().Select(d => (long)d).ToArray());
            var want = expected[k].contiguous().data<float>().ToArray();
            var have = got.ToArray();
            for (int i = 0; i < want.Length; i++)
                Assert.True(Math.Abs(want[i] - have[i]) <= 1e-5 + 1e-5 * Math.Abs(want[i]), $"output {k}[{i}]: Predict {want[i]}, ONNX {have[i]}");
        }
    }

    [Fact]
    public void DenseStackWithNormalizationAndDropout()
    {
        Keras.Utils.SetRandomSeed(1);
        var model = Sequential().Add(Input(6)).Add(Dense(16, "relu")).Add(BatchNormalization()).Add(Dropout(0.5))
            .Add(Dense(8, "gelu")).Add(LayerNormalization()).Add(Dense(3, "softmax"));
        model.Compile("adam", "categorical_crossentropy");
        model.Fit(torch.randn(32, 6), Keras.Utils.ToCategorical(torch.randint(0, 3, [32]), 3), epochs: 2, verbose: 0); // moving statistics move
        AssertOnnxMatchesPredict(model, torch.randn(5, 6));
    }

    [Fact]
    public void Convnet2D()
    {
        Keras.Utils.SetRandomSeed(2);
        var model = Sequential().Add(Input(new Shape(12, 10, 3)))
            .Add(Conv2D(4, 3, activation: "relu", padding: "same")).Add(MaxPooling2D(2))
            .Add(Conv2D(6, (3, 2), strides: 2, padding: "valid", activation: "silu")).Add(AveragePooling2D(2, padding: "same"))
            .Add(Flatten()).Add(Dense(5));
        AssertOnnxMatchesPredict(model, torch.randn(3, 12, 10, 3));
        var pooled = Sequential().Add(Input(new Shape(9, 9, 2))).Add(Conv2D(3, 3, dilationRate: 2)).Add(GlobalAveragePooling2D());
        AssertOnnxMatchesPredict(pooled, torch.randn(2, 9, 9, 2));
    }

    [Fact]
    public void Conv1DAndGlobalMaxPooling()
    {
        Keras.Utils.SetRandomSeed(3);
        var model = Sequential().Add(Input(new Shape(20, 4))).Add(Conv1D(5, 3, activation: "tanh", padding: "same"))
            .Add(MaxPooling1D(2)).Add(GlobalMaxPooling1D()).Add(Dense(2, "sigmoid"));
        AssertOnnxMatchesPredict(model, torch.randn(4, 20, 4));
    }

    [Fact]
    public void FunctionalModelWithTwoInputsMergesAndEmbedding()
    {
        Keras.Utils.SetRandomSeed(4);
        var tokens = Input(new Shape(7), name: "tokens");
        var features = Input(new Shape(3), name: "features");
        var e = GlobalAveragePooling1D().Apply(Embedding(20, 4).Apply(tokens));
        var f = Dense(4, "elu").Apply(features);
        var sum = Add().Apply([e, f]);
        var both = Concatenate().Apply([sum, Multiply().Apply([e, f]), Subtract().Apply([e, f]), Average().Apply([e, f])]);
        var y1 = Dense(2, "softmax", name: "class").Apply(both);
        var y2 = Dense(1, name: "value").Apply(Maximum().Apply([e, f]));
        var model = new Model([tokens, features], [y1, y2]);
        AssertOnnxMatchesPredict(model, torch.randint(0, 20, [3, 7]).to_type(ScalarType.Float32), torch.randn(3, 3));
    }

    [Theory]
    [InlineData("selu")]
    [InlineData("softplus")]
    [InlineData("softsign")]
    [InlineData("leaky_relu")]
    [InlineData("relu6")]
    [InlineData("hard_sigmoid")]
    [InlineData("exponential")]
    [InlineData("log_softmax")]
    public void Activations(string activation)
    {
        Keras.Utils.SetRandomSeed(5);
        var model = Sequential().Add(Input(4)).Add(Dense(6, activation)).Add(Activation("tanh")).Add(ReLU(maxValue: 0.5)).Add(LeakyReLU(0.1)).Add(Softmax());
        AssertOnnxMatchesPredict(model, torch.randn(3, 4) * 2);
    }

    [Fact]
    public void NestedSequentialAndReshape()
    {
        Keras.Utils.SetRandomSeed(6);
        var inner = Sequential().Add(Input(8)).Add(Dense(12, "relu"));
        var model = Sequential().Add(Input(8)).Add(inner).Add(Reshape(new[] { 3, 4 })).Add(Dense(2));
        AssertOnnxMatchesPredict(model, torch.randn(2, 8));
    }

    [Fact]
    public void RecurrentLayers()
    {
        Keras.Utils.SetRandomSeed(7);
        var x = torch.randn(3, 6, 4);
        AssertOnnxMatchesPredict(Sequential().Add(Input(new Shape(6, 4))).Add(LSTM(5, returnSequences: true)).Add(LSTM(3)), x);
        AssertOnnxMatchesPredict(Sequential().Add(Input(new Shape(6, 4))).Add(GRU(5, returnSequences: true)).Add(GRU(3, resetAfter: false)), x);
        AssertOnnxMatchesPredict(Sequential().Add(Input(new Shape(6, 4))).Add(SimpleRNN(5)), x);
        AssertOnnxMatchesPredict(Sequential().Add(Input(new Shape(6, 4))).Add(Bidirectional(LSTM(5, returnSequences: true))).Add(Bidirectional(GRU(2))), x);
        var input = Input(new Shape(6, 4));
        var states = LSTM(3, returnState: true).ApplyAll([input]);
        AssertOnnxMatchesPredict(new Model([input], states), x);
    }

    [Fact]
    public void MultiHeadAttentionBlock()
    {
        // A transformer block: self-attention (causal, with scores), cross-attention, residuals, LayerNormalization, FFN.
        Keras.Utils.SetRandomSeed(8);
        var x = Input(new Shape(5, 8), name: "tokens");
        var context = Input(new Shape(3, 6), name: "context");
        var self = MultiHeadAttention(numHeads: 2, keyDim: 4, name: "self_attention").ApplyAll(x, x, returnAttentionScores: true, useCausalMask: true);
        var h = LayerNormalization().Apply(Add().Apply([x, self[0]]));
        var cross = MultiHeadAttention(numHeads: 3, keyDim: 2, valueDim: 5, name: "cross_attention").ApplyAll(h, context);
        var h2 = LayerNormalization().Apply(Add().Apply([h, cross[0]]));
        var y = Dense(8).Apply(Dense(16, "gelu").Apply(h2));
        var model = new Model([x, context], [y, self[1]]);
        AssertOnnxMatchesPredict(model, torch.randn(2, 5, 8), torch.randn(2, 3, 6));
    }

    [Fact]
    public void UnsupportedLayersAreNamedAndNothingIsWritten()
    {
        var model = Sequential().Add(Input(new Shape(5, 3))).Add(LSTM(4, goBackwards: true)).Add(Dense(1));
        var path = Path.Combine(dir, "lstm.onnx");
        var ex = Assert.Throws<NotSupportedException>(() => model.ExportOnnx(path));
        Assert.Contains("\"" + model.Layers[0].Name + "\" with go_backwards", ex.Message);
        Assert.False(File.Exists(path));
        var conv3d = Sequential().Add(Input(new Shape(4, 4, 4, 1))).Add(Conv3D(2, 2));
        var ex3 = Assert.Throws<NotSupportedException>(() => conv3d.ExportOnnx(path));
        Assert.Contains("(Conv3D) has no ONNX converter. Supported: Dense", ex3.Message);
        Assert.Empty(Directory.GetFiles(dir));
    }
}
