using System.Reflection;
using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using KerasSharp.Regularizers;

namespace KerasSharp.Tests.Layers;

/// <summary>
/// Keras' <c>from_config(get_config())</c> round trip (keras/src/testing/test_case.py, <c>run_layer_test</c>'s
/// "test serialization"), for every public layer class: each serializes to Keras' <c>{class_name, config}</c>, and
/// deserializing gives a layer of the same class whose config serializes to the same JSON. Each case sets arguments
/// away from their defaults, so a key dropped or misread on either side shows. A new layer class fails
/// <see cref="EveryPublicLayerClassHasARoundTripCase"/> until it gets a case here.
/// </summary>
[Collection(GlobalState.Name)]
public class LayerConfigRoundTripTests
{
    // Layers whose config cannot rebuild them by design: their argument is .NET code (Keras refuses a Lambda's Python
    // code in safe mode as well); their own tests cover FromConfig with the code supplied.
    private static readonly HashSet<Type> CodeCarrying = [typeof(Lambda), typeof(TorchModuleLayer)];

    private static readonly Dictionary<Type, Func<Layer>> Cases = new[]
    {
        // Core
        C(() => new Dense(3, activation: "relu", useBias: false, kernelInitializer: "he_normal", kernelRegularizer: new L2(0.02), kernelConstraint: "non_neg")),
        C(() => new EinsumDense("ab,bc->ac", new Shape(4), activation: "tanh", biasAxes: "c")),
        C(() => new Embedding(20, 4, embeddingsInitializer: "glorot_uniform", maskZero: true)),
        C(() => new Activation("softplus")),
        C(() => new Identity()),
        C(() => new Masking(maskValue: -1.0)),
        C(() => new Input(new Shape(5, 3), name: "probe_input")),
        // Activation layers
        C(() => new ELU(alpha: 0.5)),
        C(() => new LeakyReLU(negativeSlope: 0.2)),
        C(() => new PReLU(alphaInitializer: "ones", sharedAxes: 1)),
        C(() => new ReLU(maxValue: 6.0, negativeSlope: 0.1, threshold: 0.5)),
        C(() => new Softmax(axis: 1)),
        // Convolution
        C(() => new Conv1D(4, 3, strides: 2, padding: "same", dilationRate: 1, activation: "relu")),
        C(() => new Conv2D(4, (3, 2), strides: (2, 1), padding: "same", useBias: false, kernelInitializer: "lecun_normal")),
        C(() => new Conv3D(2, 2, padding: "valid", dataFormat: "channels_first")),
        C(() => new Conv1DTranspose(3, 2, strides: 2)),
        C(() => new Conv2DTranspose(3, (2, 3), strides: (2, 2), padding: "same")),
        C(() => new Conv3DTranspose(2, 2, strides: 2)),
        C(() => new DepthwiseConv1D(3, depthMultiplier: 2)),
        C(() => new DepthwiseConv2D((3, 3), depthMultiplier: 2, padding: "same")),
        C(() => new SeparableConv1D(4, 3, depthMultiplier: 2)),
        C(() => new SeparableConv2D(4, (3, 3), depthMultiplier: 2, padding: "same")),
        // Pooling
        C(() => new MaxPooling1D(poolSize: 3, strides: 1, padding: "same")),
        C(() => new MaxPooling2D(poolSize: (3, 3), strides: (1, 1))),
        C(() => new MaxPooling3D(poolSize: 2, padding: "same")),
        C(() => new AveragePooling1D(poolSize: 3)),
        C(() => new AveragePooling2D(poolSize: (2, 3), padding: "same")),
        C(() => new AveragePooling3D(poolSize: 2)),
        C(() => new GlobalAveragePooling1D(keepdims: true)),
        C(() => new GlobalAveragePooling2D(dataFormat: "channels_first")),
        C(() => new GlobalAveragePooling3D(keepdims: true)),
        C(() => new GlobalMaxPooling1D(keepdims: true)),
        C(() => new GlobalMaxPooling2D(keepdims: true)),
        C(() => new GlobalMaxPooling3D(dataFormat: "channels_first")),
        // Normalization
        C(() => new BatchNormalization(axis: 1, momentum: 0.9, epsilon: 1e-5, center: false)),
        C(() => new LayerNormalization(epsilon: 1e-5, scale: false)),
        C(() => new GroupNormalization(groups: 2, epsilon: 1e-4)),
        C(() => new UnitNormalization(axis: 1)),
        C(() => new RMSNormalization(epsilon: 1e-5)),
        // Regularization
        C(() => new Dropout(0.3, seed: 4)),
        C(() => new SpatialDropout1D(0.2)),
        C(() => new SpatialDropout2D(0.2, dataFormat: "channels_first")),
        C(() => new SpatialDropout3D(0.2)),
        C(() => new GaussianDropout(0.1, seed: 1)),
        C(() => new GaussianNoise(0.5, seed: 2)),
        C(() => new AlphaDropout(0.1)),
        C(() => new ActivityRegularization(l1: 0.01, l2: 0.02)),
        // Reshaping
        C(() => new Flatten(dataFormat: "channels_first")),
        C(() => new Reshape(new IntTuple(2, -1))),
        C(() => new Permute((2, 1))),
        C(() => new RepeatVector(3)),
        C(() => new Cropping1D((1, 2))),
        C(() => new Cropping2D(((1, 0), (0, 2)))),
        C(() => new Cropping3D(1)),
        C(() => new ZeroPadding1D((1, 2))),
        C(() => new ZeroPadding2D(((1, 0), (0, 2)))),
        C(() => new ZeroPadding3D(1)),
        C(() => new UpSampling1D(size: 3)),
        C(() => new UpSampling2D(size: (2, 3), interpolation: "bilinear")),
        C(() => new UpSampling3D(size: 2)),
        // Merging
        C(() => new Add()),
        C(() => new Subtract()),
        C(() => new Multiply()),
        C(() => new Average()),
        C(() => new Maximum()),
        C(() => new Minimum()),
        C(() => new Concatenate(axis: 1)),
        C(() => new Dot(axes: 1, normalize: true)),
        // Attention
        C(() => new KerasSharp.Layers.Attention(useScale: true, scoreMode: "concat", dropout: 0.1)),
        C(() => new AdditiveAttention(useScale: false, dropout: 0.2)),
        C(() => new MultiHeadAttention(2, 4, valueDim: 3, dropout: 0.1, useBias: false, outputShape: new Shape(6))),
        // Recurrent
        C(() => new SimpleRNN(4, activation: "relu", returnSequences: true, dropout: 0.1)),
        C(() => new LSTM(4, unitForgetBias: false, returnState: true, goBackwards: true)),
        C(() => new GRU(4, resetAfter: false, returnSequences: true)),
        C(() => new SimpleRNNCell(3, useBias: false)),
        C(() => new LSTMCell(3, recurrentActivation: "hard_sigmoid")),
        C(() => new GRUCell(3, resetAfter: false)),
        C(() => new RNN(new LSTMCell(3), returnSequences: true, goBackwards: true)),
        C(() => new Bidirectional(new GRU(3, returnSequences: true), mergeMode: "sum")),
        C(() => new TimeDistributed(new Dense(2, activation: "relu"))),
        // Preprocessing
        C(() => new Rescaling(1.0 / 255, offset: -0.5)),
        C(() => new Resizing(8, 6, interpolation: "nearest", cropToAspectRatio: true)),
        C(() => new CenterCrop(4, 5)),
        C(() => new RandomFlip(mode: "horizontal", seed: 3)),
        C(() => new RandomRotation(0.2, fillMode: "constant", seed: 3)),
        C(() => new RandomZoom(0.3, widthFactor: (-0.2, 0.1), seed: 5)),
        C(() => new RandomTranslation(0.1, 0.2, fillMode: "nearest")),
        C(() => new RandomContrast(0.4, seed: 6)),
        C(() => new KerasSharp.Layers.Normalization(axis: -1, mean: [1.0, 2.0], variance: [4.0, 9.0])),
        C(() => new Discretization(binBoundaries: [0.0, 1.5, 3.0], outputMode: "one_hot")),
        C(() => new CategoryEncoding(numTokens: 5, outputMode: "count")),
        C(() => new Hashing(7, salt: 42L)),
        C(() => new StringLookup(vocabulary: ["a", "b", "c"], numOovIndices: 2, maskToken: "")),
        C(() => new IntegerLookup(vocabulary: [7L, 8L, 9L], outputMode: "multi_hot")),
        C(() => new TextVectorization(maxTokens: 20, outputSequenceLength: 6, vocabulary: ["the", "cat", "sat"], split: "whitespace")),
    }.ToDictionary(c => c.Type, c => c.Make);

    private static (Type Type, Func<Layer> Make) C<T>(Func<T> make) where T : Layer => (typeof(T), () => make());

    public static TheoryData<string> LayerNames() => new(Cases.Keys.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));

    [Fact]
    public void EveryPublicLayerClassHasARoundTripCase()
    {
        var layerTypes = typeof(Layer).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(Layer).IsAssignableFrom(t) && !typeof(Model).IsAssignableFrom(t))
            .Where(t => !CodeCarrying.Contains(t))
            .Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(layerTypes, Cases.Keys.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void FromConfigOfGetConfigGivesTheSameLayerConfig(string className)
    {
        LayerTest.AssertConfigRoundTrip(Cases.Single(c => c.Key.Name == className).Value());
    }
}
