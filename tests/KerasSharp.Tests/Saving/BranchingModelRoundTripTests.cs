using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// A functional model with an Inception-style block (parallel 1x1, 3x3 and pooling branches concatenated) and a residual
/// connection round-trips through <c>.keras</c> and <c>.weights.h5</c>: identical predictions and identical continued
/// training (the optimizer state travels with the weights).
/// </summary>
[Collection(GlobalState.Name)]
public class BranchingModelRoundTripTests
{
    // A learning rate a float32 holds exactly: files store it as float32, as Keras does.
    private const double LearningRate = 1.0 / 128;

    private static Model Build(int seed)
    {
        Keras.Utils.SetRandomSeed(seed);
        var inputs = new Input([8, 8, 3]);
        var stem = new Conv2D(8, 3, padding: "same", activation: "relu").Apply(inputs);
        var b1 = new Conv2D(4, 1, activation: "relu").Apply(stem);
        var b2 = new Conv2D(4, 3, padding: "same", activation: "relu").Apply(new Conv2D(4, 1, activation: "relu").Apply(stem));
        var b3 = new Conv2D(4, 1, activation: "relu").Apply(new MaxPooling2D(3, strides: 1, padding: "same").Apply(stem));
        var mixed = new Concatenate().Apply([b1, b2, b3]);
        var residual = new Add().Apply([mixed, new Conv2D(12, 1).Apply(stem)]);
        var normed = new BatchNormalization().Apply(new Activation("relu").Apply(residual));
        var outputs = new Dense(3, activation: "softmax").Apply(new GlobalAveragePooling2D().Apply(normed));
        var model = new Model(inputs, outputs, name: "inception_residual");
        model.Compile(new Adam(learningRate: LearningRate), "categorical_crossentropy");
        return model;
    }

    private static (Tensor X, Tensor Y) Data()
    {
        var g = new TorchSharp.torch.Generator(5);
        var x = randn([24, 8, 8, 3], generator: g);
        var labels = randint(0, 3, [24], generator: g);
        return (x, nn.functional.one_hot(labels, 3).to_type(ScalarType.Float32));
    }

    private static Model Trained()
    {
        var (x, y) = Data();
        var model = Build(1);
        model.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0);
        return model;
    }

    private static void AssertSameFromNowOn(Model a, Model b)
    {
        var (x, y) = Data();
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
        Assert.Equal(a.Optimizer!.Iterations, b.Optimizer!.Iterations);
        var la = a.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0)["loss"];
        var lb = b.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0)["loss"];
        Assert.Equal(la, lb);
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void KerasFileRoundTripPredictsAndKeepsTrainingIdentically()
    {
        var a = Trained();
        var path = Path.Combine(SavingTestSupport.NewFolder(), "m.keras");
        a.Save(path);
        var b = Keras.Models.LoadModel(path);
        Assert.Equal(a.Layers.Select(l => l.GetType()), b.Layers.Select(l => l.GetType()));
        AssertSameFromNowOn(a, b);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void WeightsFileRoundTripPredictsAndKeepsTrainingIdentically()
    {
        var a = Trained();
        var path = Path.Combine(SavingTestSupport.NewFolder(), "m.weights.h5");
        a.SaveWeights(path);
        var b = Build(2);
        var (x, _) = Data();
        Assert.False(a.Predict(x, verbose: 0).allclose(b.Predict(x, verbose: 0)));
        b.LoadWeights(path);
        AssertSameFromNowOn(a, b);
    }
}
