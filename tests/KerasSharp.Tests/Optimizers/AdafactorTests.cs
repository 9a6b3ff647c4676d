using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Golden values from keras/src/optimizers/adafactor_test.py.</summary>
public class AdafactorTests
{
    private static Adafactor KerasTestOptimizer() => new(learningRate: 0.5, beta2Decay: -0.65, epsilon1: 1e-15,
        epsilon2: 1e-4, clipThreshold: 0.9, relativeStep: false);

    [Fact]
    public void SingleStep1DMatchesKeras() =>
        KerasOptimizerTestCases.SingleStep(new Adafactor(learningRate: 0.5), [-0.3693, 0.6307, 1.6307, 2.6307]);

    [Fact]
    public void SingleStep2DFactorsTheSecondMomentAsKeras()
    {
        var opt = new Adafactor(learningRate: 0.5);
        var w = Param32([1f, 2f, 3f, 4f], 2, 2);
        StepAll(opt, [w], [[1f, 6f, 7f, 2f]]);
        TensorAssert.Close([0.7007, -0.0081, 1.2492, 3.4407], w, 1e-4);
        // r: shape of w without its last axis, c: without its second-to-last; then the full velocity
        var s = opt.StateTensors;
        Assert.Equal(3, s.Count);
        TensorAssert.HasShape([2], s[0]);
        TensorAssert.HasShape([2], s[1]);
        TensorAssert.HasShape([2, 2], s[2]);
        TensorAssert.Close([(1 + 36) / 2.0, (49 + 4) / 2.0], s[0], 1e-4); // beta_2_t = 0 on step 1: mean(g^2, -1)
        TensorAssert.Close([(1 + 49) / 2.0, (36 + 4) / 2.0], s[1], 1e-4); // mean(g^2, -2)
    }

    [Fact]
    public void GoldenMatchesKeras() =>
        KerasOptimizerTestCases.Golden(KerasTestOptimizer(),
        [
            [0.55, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55],
            [0.3031, 0.3026, 0.3025, 0.3024, 0.3024, 0.3024, 0.3024, 0.3024, 0.3024, 0.3024],
            [0.1671, 0.1665, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663],
            [0.0923, 0.0916, 0.0915, 0.0914, 0.0914, 0.0914, 0.0914, 0.0914, 0.0914, 0.0914],
            [0.0554, 0.0548, 0.0546, 0.0546, 0.0546, 0.0546, 0.0546, 0.0545, 0.0545, 0.0545],
        ]);

    [Fact]
    public void WeightDecayAndExclusionsMatchKeras() =>
        KerasOptimizerTestCases.WeightDecay(() => new Adafactor(learningRate: 1.0, weightDecay: 0.004));

    [Fact]
    public void SmallVariablesGetScalarPlaceholdersAsKerasBuildsThem()
    {
        var opt = new Adafactor();
        var vector = Param([1.0, 2.0]);
        var matrix = Param32([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        StepAll(opt, [vector, matrix], [[1f, 1f], [1f, 1f, 1f, 1f, 1f, 1f]]);
        var s = opt.StateTensors;
        Assert.Equal(6, s.Count);
        // vector: r and c are float32 scalars (Keras' backend.Variable(0)), velocity like the variable
        Assert.Equal((0, ScalarType.Float32), (s[0].dim(), s[0].dtype));
        Assert.Equal((0, ScalarType.Float32), (s[1].dim(), s[1].dtype));
        Assert.Equal((ScalarType.Float64, 2L), (s[2].dtype, s[2].numel()));
        TensorAssert.HasShape([2], s[3]);
        TensorAssert.HasShape([3], s[4]);
        TensorAssert.HasShape([2, 3], s[5]);
    }

    [Fact]
    public void DefaultsAndConfigMatchKeras()
    {
        var opt = new Adafactor();
        Assert.Equal((0.001, -0.8, 1e-30, 1e-3, 1.0, true, "adafactor"),
            (opt.LearningRate, opt.Beta2Decay, opt.Epsilon1, opt.Epsilon2, opt.ClipThreshold, opt.RelativeStep, opt.Name));
        var config = opt.GetConfig();
        Assert.Equal(-0.8, config["beta_2_decay"]);
        Assert.Equal(1e-30, config["epsilon_1"]);
        Assert.Equal(1e-3, config["epsilon_2"]);
        Assert.Equal(1.0, config["clip_threshold"]);
        Assert.Equal(true, config["relative_step"]);
        Assert.IsType<Adafactor>(OptimizerRegistry.Get("adafactor"));
        KerasOptimizerTestCases.ConfigRoundTrip(KerasTestOptimizer());
    }
}
