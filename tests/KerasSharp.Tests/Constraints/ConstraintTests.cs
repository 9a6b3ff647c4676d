using KerasSharp.Constraints;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Constraints;

[Collection(GlobalState.Name)]

public class ConstraintTests
{
    [Fact]
    public void MaxNormRescalesColumnsWhoseNormExceedsTheLimit()
    {
        // Dense kernel (in=2, out=2); axis 0: column norms 5 and 0.5. Column 0 scaled to norm 2: (3, 4) * 2 / (5 + 1e-7).
        var w = tensor(new float[,] { { 3, 0.3f }, { 4, 0.4f } });
        var r = new MaxNorm(2).Call(w);
        TensorAssert.Close([1.2, 0.3, 1.6, 0.4], r, 1e-5);
    }

    [Fact]
    public void UnitNormAndNonNegAndMinMaxNorm()
    {
        TensorAssert.Close([0.6, 0.8], new UnitNorm().Call(tensor(new float[] { 3, 4 })), 1e-6);
        TensorAssert.Close([0, 2, 0], new NonNeg().Call(tensor(new float[] { -1, 2, -3 })));
        // norm 5 clipped to [0, 1] -> 1
        TensorAssert.Close([0.6, 0.8], new MinMaxNorm().Call(tensor(new float[] { 3, 4 })), 1e-6);
        // rate 0.5: desired = 0.5 * 1 + 0.5 * 5 = 3
        TensorAssert.Close([1.8, 2.4], new MinMaxNorm(rate: 0.5).Call(tensor(new float[] { 3, 4 })), 1e-5);
    }

    [Theory]
    [InlineData("max_norm", typeof(MaxNorm))]
    [InlineData("MaxNorm", typeof(MaxNorm))]
    [InlineData("non_neg", typeof(NonNeg))]
    [InlineData("NonNeg", typeof(NonNeg))]
    [InlineData("unit_norm", typeof(UnitNorm))]
    [InlineData("UnitNorm", typeof(UnitNorm))]
    [InlineData("min_max_norm", typeof(MinMaxNorm))]
    [InlineData("MinMaxNorm", typeof(MinMaxNorm))]
    public void NamesResolve(string name, Type type) => Assert.IsType(type, ConstraintRegistry.Get(name));

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxNorm(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxNorm(rate: 2));
        Assert.Contains("max_norm", Assert.Throws<ArgumentException>(() => ConstraintRegistry.Get("maxnorm")).Message);
    }

    [Fact]
    public void ConstraintIsAppliedAfterEveryOptimizerUpdate()
    {
        Keras.Utils.SetRandomSeed(1);
        var dense = new Dense(3, kernelConstraint: new NonNeg(), biasConstraint: new MaxNorm(0.1));
        var model = new Sequential([new Input(4), dense]);
        model.Compile(new SGD(learningRate: 0.5), "mse");
        var x = randn(16, 4);
        var y = -x.sum([1L], keepdim: true).expand(16, 3) * 5;
        model.TrainOnBatch(x, y);
        Assert.True(dense.Kernel!.min().item<float>() >= 0);
        Assert.True(dense.Bias!.norm().item<float>() <= 0.1 + 1e-6);
    }

    [Fact]
    public void ConstraintAlsoAppliesInAHandWrittenLoopWithAKerasOptimizer()
    {
        var dense = new Dense(2, kernelInitializer: "ones", kernelConstraint: new NonNeg());
        var model = new Sequential([new Input(2), dense]);
        var opt = new SGD(learningRate: 10);
        var loss = dense.Apply(tensor(new float[,] { { 1, 1 } })).sum();
        loss.backward();
        opt.Apply(model.TrainableWeights);
        // 1 - 10 * 1 = -9 -> clipped to 0
        TensorAssert.Close([0, 0, 0, 0], dense.Kernel!);
    }
}
