using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

[Collection(GlobalState.Name)]

public class BinaryCrossentropyTests
{
    [Fact]
    public void KerasDocExample()
    {
        // sample 1: -(ln 0.4 + ln 0.4)/2 = 0.916291; sample 2: -(ln 0.6 + ln 0.4)/2 = 0.713558; mean 0.814924
        var yt = T.F([0, 1, 0, 0], 2, 2); var yp = T.F([0.6f, 0.4f, 0.4f, 0.6f], 2, 2);
        TensorAssert.Close([0.916291, 0.713558], new BinaryCrossentropy().Call(yt, yp), 1e-5);
        TensorAssert.Close(0.814924, new BinaryCrossentropy().Compute(yt, yp), 1e-5);
    }

    [Fact]
    public void FromLogitsEqualsProbabilities()
    {
        // sigmoid(ln 4) = 0.8 -> -ln 0.8 = 0.2231436
        TensorAssert.Close(0.2231436, new BinaryCrossentropy().Compute(T.F([1], 1, 1), T.F([0.8f], 1, 1)), 1e-6);
        TensorAssert.Close(0.2231436, new BinaryCrossentropy(fromLogits: true).Compute(T.F([1], 1, 1), T.F([MathF.Log(4)], 1, 1)), 1e-6);
    }

    [Fact]
    public void LargeLogitsStayFinite() =>
        // stable form: max(x,0) - x t + log1p(exp(-|x|)) with x = -100, t = 1 -> 100
        TensorAssert.Close(100.0, new BinaryCrossentropy(fromLogits: true).Compute(T.F([1], 1, 1), T.F([-100], 1, 1)), 1e-4);

    [Fact]
    public void ClipsProbabilities() =>
        // p = 0 for a positive -> clipped to 1e-7 -> -ln(1e-7) = 16.118096
        TensorAssert.Close(16.118096, new BinaryCrossentropy().Compute(T.F([1], 1, 1), T.F([0], 1, 1)), 1e-4);

    [Fact]
    public void LabelSmoothing() =>
        // t = 1*(1-0.2) + 0.1 = 0.9: -(0.9 ln 0.8 + 0.1 ln 0.2) = 0.200829 + 0.160944 = 0.361773
        TensorAssert.Close(0.361773, new BinaryCrossentropy(labelSmoothing: 0.2).Compute(T.F([1], 1, 1), T.F([0.8f], 1, 1)), 1e-5);

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var c = new BinaryCrossentropy(fromLogits: true).GetConfig();
        Assert.Equal(true, c["from_logits"]);
        Assert.Equal(0.0, c["label_smoothing"]);
        Assert.Equal(-1, c["axis"]);
        Assert.Equal("binary_crossentropy", c["name"]);
    }
}

[Collection(GlobalState.Name)]

public class CategoricalCrossentropyTests
{
    [Fact]
    public void OneHotKnownValue() =>
        // -ln 0.8 = 0.2231436
        TensorAssert.Close(0.2231436, new CategoricalCrossentropy().Compute(T.F([0, 1, 0], 1, 3), T.F([0.1f, 0.8f, 0.1f], 1, 3)), 1e-6);

    [Fact]
    public void PredictionsAreRenormalised() =>
        // [0.2, 1.6, 0.2] / 2 = [0.1, 0.8, 0.1] -> -ln 0.8
        TensorAssert.Close(0.2231436, new CategoricalCrossentropy().Compute(T.F([0, 1, 0], 1, 3), T.F([0.2f, 1.6f, 0.2f], 1, 3)), 1e-6);

    [Fact]
    public void FromLogitsEqualsProbabilities()
    {
        // logits ln p: log_softmax(ln p) = ln p since p sums to 1
        var logits = T.F([MathF.Log(0.1f), MathF.Log(0.8f), MathF.Log(0.1f)], 1, 3);
        TensorAssert.Close(0.2231436, new CategoricalCrossentropy(fromLogits: true).Compute(T.F([0, 1, 0], 1, 3), logits), 1e-6);
        // shifted logits give the same loss
        TensorAssert.Close(0.2231436, new CategoricalCrossentropy(fromLogits: true).Compute(T.F([0, 1, 0], 1, 3), logits + 5), 1e-5);
    }

    [Theory]
    [InlineData(-1, new long[] { 6, 5 })]
    [InlineData(1, new long[] { 6, 5 })]
    [InlineData(1, new long[] { 4, 5, 3 })]
    [InlineData(-1, new long[] { 4, 3, 5 })]
    public void FromLogitsIsExactlyTheLogSoftmaxFormulaValuesAndGradients(long axis, long[] shape)
    {
        // Keras' formula -sum(t * log_softmax(z, axis), axis), written out op by op, against the loss (which may hand
        // the class-axis-1 case to LibTorch's cross_entropy): the same values and gradients, bit for bit.
        manual_seed(3);
        var z = (randn(shape) * 4).requires_grad_();
        var zRef = z.detach().clone().requires_grad_();
        var t = nn.functional.softmax(randn(shape), axis);
        var loss = new CategoricalCrossentropy(fromLogits: true, axis: (int)axis, reduction: "none").Call(t, z);
        var reference = -(t * nn.functional.log_softmax(zRef, axis)).sum([axis]);
        Assert.Equal(reference.shape, loss.shape);
        Assert.True(loss.equal(reference).all().item<bool>());
        var upstream = randn(reference.shape);
        loss.backward([upstream]);
        reference.backward([upstream]);
        Assert.True(z.grad!.equal(zRef.grad!).all().item<bool>());
    }

    [Fact]
    public void ZeroProbabilityForTrueClassIsClipped() =>
        // clipped to 1e-7: -ln(1e-7) = 16.118096
        TensorAssert.Close(16.118096, new CategoricalCrossentropy().Compute(T.F([0, 1, 0], 1, 3), T.F([0.5f, 0, 0.5f], 1, 3)), 1e-4);

    [Fact]
    public void LabelSmoothing() =>
        // s = 0.3, 3 classes: t = [0.1, 0.8, 0.1]: -(0.2 ln 0.1 + 0.8 ln 0.8) = 0.460517 + 0.178515 = 0.639032
        TensorAssert.Close(0.639032, new CategoricalCrossentropy(labelSmoothing: 0.3).Compute(T.F([0, 1, 0], 1, 3), T.F([0.1f, 0.8f, 0.1f], 1, 3)), 1e-5);

    [Fact]
    public void IntegerLabelsGiveAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy().Compute(tensor(new long[] { 1, 2 }), T.F([0.1f, 0.8f, 0.1f, 0.2f, 0.2f, 0.6f], 2, 3)));
        Assert.Contains("sparse_categorical_crossentropy", ex.Message);
        Assert.Contains("(2,)", ex.Message);
    }
}

[Collection(GlobalState.Name)]

public class SparseCategoricalCrossentropyTests
{
    private static readonly float[] Probs = [0.05f, 0.95f, 0f, 0.1f, 0.8f, 0.1f];

    [Fact]
    public void LabelShapesAndDtypes()
    {
        // -ln 0.95 = 0.051293, -ln 0.1 = 2.302585 -> mean 1.176939
        var yp = T.F(Probs, 2, 3);
        var loss = new SparseCategoricalCrossentropy();
        TensorAssert.Close([0.051293, 2.302585], loss.Call(tensor(new long[] { 1, 2 }), yp), 1e-5);
        TensorAssert.Close(1.176939, loss.Compute(tensor(new long[] { 1, 2 }).reshape(2, 1), yp), 1e-5);
        TensorAssert.Close(1.176939, loss.Compute(tensor(new int[] { 1, 2 }), yp), 1e-5);
        TensorAssert.Close(1.176939, loss.Compute(T.F([1, 2], 2, 1), yp), 1e-5);
    }

    [Fact]
    public void FromLogitsEqualsProbabilities()
    {
        var logits = T.F([0f, MathF.Log(4), 0f], 1, 3); // softmax = [1/6, 4/6, 1/6] -> -ln(2/3) = 0.405465
        TensorAssert.Close(0.405465, new SparseCategoricalCrossentropy(fromLogits: true).Compute(tensor(new long[] { 1 }), logits), 1e-5);
        TensorAssert.Close(0.405465, new SparseCategoricalCrossentropy().Compute(tensor(new long[] { 1 }), T.F([1 / 6f, 4 / 6f, 1 / 6f], 1, 3)), 1e-5);
    }

    [Fact]
    public void OutOfRangeLabelsNameTheLossRangeAndClasses()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Compute(tensor(new long[] { 1, 3 }), T.F(Probs, 2, 3)));
        Assert.Contains("sparse_categorical_crossentropy", ex.Message);
        Assert.Contains("[1, 3]", ex.Message);
        Assert.Contains("3 classes", ex.Message);
        Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Compute(tensor(new long[] { -1, 0 }), T.F(Probs, 2, 3)));
    }

    [Fact]
    public void IgnoreClassIsMaskedOutOfTheAverage()
    {
        // second label ignored: only -ln 0.95 counts, averaged over the 1 valid sample
        var loss = new SparseCategoricalCrossentropy(ignoreClass: -1);
        TensorAssert.Close(0.051293, loss.Compute(tensor(new long[] { 1, -1 }), T.F(Probs, 2, 3)), 1e-5);
        TensorAssert.Close([0.051293, 0.0], new SparseCategoricalCrossentropy(ignoreClass: -1, reduction: "none").Compute(tensor(new long[] { 1, -1 }), T.F(Probs, 2, 3)), 1e-5);
    }
}

[Collection(GlobalState.Name)]

public class SparseCategoricalCrossentropyAxisTests
{
    [Fact]
    public void ClassAxisOneForChannelsFirstPredictions()
    {
        // y_pred (1, 3, 2) with classes on axis 1: position 0 has [0.2, 0.3, 0.5], position 1 has [0.6, 0.3, 0.1];
        // labels (1, 2) = [2, 0] -> [-ln 0.5, -ln 0.6]
        var yPred = T.F([0.2f, 0.6f, 0.3f, 0.3f, 0.5f, 0.1f], 1, 3, 2);
        var labels = tensor(new long[] { 2, 0 }).reshape(1, 2);
        var loss = new SparseCategoricalCrossentropy(axis: 1, reduction: null);
        TensorAssert.Close([0.69314718, 0.51082562], loss.Compute(labels, yPred), 1e-6);
        // the same as classes last
        TensorAssert.Close([0.69314718, 0.51082562],
            new SparseCategoricalCrossentropy(reduction: "none").Compute(labels, yPred.transpose(1, 2)), 1e-6);
        // from logits along axis 1 equals log_softmax over that axis
        var logits = T.F([1, 0, 2, 0, 3, 1], 1, 3, 2);
        var expected = -nn.functional.log_softmax(logits, 1).gather(1, labels.unsqueeze(1)).squeeze(1);
        TensorAssert.Close(expected, new SparseCategoricalCrossentropy(fromLogits: true, axis: 1, reduction: "none").Compute(labels, logits), 1e-6);
    }

    [Fact]
    public void AxisShapeErrorsAndConfig()
    {
        var yPred = T.F([0.2f, 0.6f, 0.3f, 0.3f, 0.5f, 0.1f], 1, 3, 2);
        var wrong = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy(axis: 1).Call(tensor(new long[] { 1, 2, 0 }).reshape(1, 3), yPred));
        Assert.Contains("class axis 1", wrong.Message);
        Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy(axis: 3).Call(tensor(new long[] { 0 }), yPred));
        var config = Keras.Saving.Serialize(new SparseCategoricalCrossentropy(axis: 1));
        Assert.Equal("""{"name":"sparse_categorical_crossentropy","reduction":"sum_over_batch_size","from_logits":false,"ignore_class":null,"axis":1}""",
            config["config"]!.ToJsonString());
        Assert.Equal(1, ((SparseCategoricalCrossentropy)Keras.Saving.Deserialize<Loss>(config)).Axis);
    }
}
