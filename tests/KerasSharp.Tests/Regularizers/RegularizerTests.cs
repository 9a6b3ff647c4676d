using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularizers;

[Collection(GlobalState.Name)]

public class RegularizerTests
{
    private static readonly Tensor W = tensor(new float[] { 1, -2, 3, -0.5f });

    [Fact]
    public void L1IsFactorTimesSumOfAbsoluteValues() =>
        // 0.01 * (1 + 2 + 3 + 0.5) = 0.065
        TensorAssert.Close(0.065, new L1().Call(W), 1e-7);

    [Fact]
    public void L2IsFactorTimesSumOfSquaresWithoutOneHalf() =>
        // 0.01 * (1 + 4 + 9 + 0.25) = 0.1425
        TensorAssert.Close(0.1425, new L2().Call(W), 1e-7);

    [Fact]
    public void L1L2AddsBothAndDefaultsToZero()
    {
        // 0.1 * 6.5 + 0.2 * 14.25 = 3.5
        TensorAssert.Close(3.5, new L1L2(l1: 0.1, l2: 0.2).Call(W), 1e-6);
        TensorAssert.Close(0.0, new L1L2().Call(W));
    }

    [Theory]
    [InlineData("l1", typeof(L1))]
    [InlineData("L1", typeof(L1))]
    [InlineData("l2", typeof(L2))]
    [InlineData("L2", typeof(L2))]
    [InlineData("l1_l2", typeof(L1L2))]
    [InlineData("L1L2", typeof(L1L2))]
    public void NamesResolve(string name, Type type) => Assert.IsType(type, RegularizerRegistry.Get(name));

    [Fact]
    public void UnknownNameAndNegativeFactorAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => RegularizerRegistry.Get("l3"));
        Assert.Contains("l1_l2", ex.Message);
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => new L2(-1));
        Assert.Contains("-1", ex2.Message);
    }

    [Fact]
    public void ConfigUsesKerasKeys() => Assert.Equal(0.2, new L1L2(0.1, 0.2).GetConfig()["l2"]);

    [Fact]
    public void KernelRegularizerPenaltyIsAddedToTheLossAsKerasDoes()
    {
        var model = new Sequential([new Input(2), new Dense(1, useBias: false, kernelInitializer: "ones", kernelRegularizer: new L2(0.1))]);
        model.Compile(new SGD(learningRate: 0.0), "mse");
        var x = tensor(new float[,] { { 1, 2 } });
        var y = tensor(new float[,] { { 1 } });
        // prediction 3, mse (3 - 1)^2 = 4, penalty 0.1 * (1 + 1) = 0.2
        Assert.Equal(4.2, model.Evaluate(x, y, verbose: 0)["loss"], 5);
        Assert.Equal(4.2, model.TrainOnBatch(x, y)["loss"], 5);
        TensorAssert.Close(0.2, model.Losses.Single(), 1e-6);
    }

    [Fact]
    public void ActivityRegularizerPenalisesTheOutput()
    {
        var model = new Sequential([new Input(2), new Dense(1, useBias: false, kernelInitializer: "ones", activityRegularizer: new L1(0.5))]);
        model.Compile(new SGD(learningRate: 0.0), "mse");
        var x = tensor(new float[,] { { 1, 2 }, { -1, 0 } });
        var y = tensor(new float[,] { { 3 }, { -1 } });
        // predictions 3 and -1 equal the targets: loss is only 0.5 * (|3| + |-1|) = 2
        Assert.Equal(2.0, model.Evaluate(x, y, batchSize: 2, verbose: 0)["loss"], 5);
    }

    [Fact]
    public void L2RegularizationShrinksWeightsComparedToNone()
    {
        Keras.Utils.SetRandomSeed(3);
        var x = randn(64, 4);
        var y = x.sum([1L], keepdim: true) * 3;
        double Norm(Regularizer? r)
        {
            Keras.Utils.SetRandomSeed(4);
            var dense = new Dense(1, kernelRegularizer: r);
            var model = new Sequential([new Input(4), dense]);
            model.Compile(new Adam(learningRate: 0.05), "mse");
            model.Fit(x, y, epochs: 40, verbose: 0);
            return dense.Kernel!.norm().item<float>();
        }
        Assert.True(Norm(new L2(1.0)) < Norm(null) * 0.8);
    }
}
