using KerasSharp.Optimizers;

using KerasSharp.Tests.TestSupport;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Behaviour shared by every optimizer (clipping, weight decay, iterations, schedules), shown on SGD/Adam.</summary>
[Collection(GlobalState.Name)]
public class OptimizerTests
{
    [Fact]
    public void ClipnormScalesEachGradientToTheNorm()
    {
        var opt = new SGD(learningRate: 1.0, clipnorm: 1.0);
        var w = Param(W0);
        Step(opt, w, [3.0, 4.0]);      // ||g|| = 5 -> g * 1/5 = [0.6, 0.8]
        TensorAssert.Close([0.4, -2.8], w, 1e-12);
        Step(opt, w, [0.3, 0.4]);      // ||g|| = 0.5 <= 1: unchanged
        TensorAssert.Close([0.1, -3.2], w, 1e-12);
    }

    [Fact]
    public void ClipvalueClampsEachElement()
    {
        var opt = new SGD(learningRate: 1.0, clipvalue: 0.5);
        var w = Param(W0);
        Step(opt, w, [3.0, -0.2]);     // -> [0.5, -0.2]
        TensorAssert.Close([0.5, -1.8], w, 1e-12);
    }

    [Fact]
    public void GlobalClipnormScalesAllGradientsTogetherWhileClipnormIsPerVariable()
    {
        static (Tensor a, Tensor b) Run(Optimizer opt)
        {
            var a = Param([1.0, -2.0]);
            var b = Param([0.0]);
            using var scope = NewDisposeScope();
            (a * tensor(new[] { 3.0, 0.0 }, dtype: ScalarType.Float64)).sum().add((b * 4.0).sum()).backward();
            opt.Apply([a, b]);
            return (a, b);
        }
        // Global norm sqrt(3^2 + 4^2) = 5 -> every gradient * 1/5: a.grad = [0.6, 0], b.grad = [0.8]
        var (ga, gb) = Run(new SGD(learningRate: 1.0, globalClipnorm: 1.0));
        TensorAssert.Close([0.4, -2.0], ga, 1e-12);
        TensorAssert.Close([-0.8], gb, 1e-12);
        // Per variable: a.grad = [3, 0] / 3 = [1, 0], b.grad = [4] / 4 = [1]
        var (ca, cb) = Run(new SGD(learningRate: 1.0, clipnorm: 1.0));
        TensorAssert.Close([0.0, -2.0], ca, 1e-12);
        TensorAssert.Close([-1.0], cb, 1e-12);
    }

    [Fact]
    public void ClipnormAndGlobalClipnormTogetherThrow()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Adam(clipnorm: 1.0, globalClipnorm: 1.0));
        Assert.Contains("clipnorm", ex.Message);
    }

    [Fact]
    public void WeightDecayShrinksWeightsBeforeTheUpdate()
    {
        var opt = new SGD(learningRate: 0.1, weightDecay: 0.5);
        var w = Param(W0);
        Step(opt, w, G1);
        // w = w - w * 0.5 * 0.1 = [0.95, -1.9]; then w -= 0.1 * g -> [0.9, -1.8]
        TensorAssert.Close([0.9, -1.8], w, 1e-12);
        Assert.Equal(0.5, opt.GetConfig()["weight_decay"]);
    }

    [Fact]
    public void IterationsCountUpdates()
    {
        var opt = new Adam();
        var w = Param(W0);
        Assert.Equal(0, opt.Iterations);
        Step(opt, w, G1);
        Assert.Equal(1, opt.Iterations);
        Step(opt, w, G2);
        Assert.Equal(2, opt.Iterations);
    }

    [Fact]
    public void GradientsAreZeroedAfterApply()
    {
        var opt = new Adam();
        var w = Param(W0);
        Step(opt, w, G1);
        Assert.NotNull(w.grad);
        TensorAssert.Close([0.0, 0.0], w.grad!, 0);
    }

    [Fact]
    public void ApplyingToADifferentVariableListThrows()
    {
        var opt = new Adam();
        Step(opt, Param(W0), G1);
        var ex = Assert.Throws<InvalidOperationException>(() => Step(opt, Param(W0), G1));
        Assert.Contains("different list", ex.Message);
    }

    [Fact]
    public void ApplyingToADifferentListWithEqualValuesThrows()
    {
        // Variables are matched by identity, not by value: a list of other tensors holding the same numbers is still a
        // different list (a learning rate of 0 leaves the first variable's values equal to the second's).
        var opt = new SGD(learningRate: 0.0);
        Step(opt, Param(W0), G1);
        var ex = Assert.Throws<InvalidOperationException>(() => Step(opt, Param(W0), G1));
        Assert.Contains("different list", ex.Message);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adam_amsgrad")]
    [InlineData("rmsprop")]
    [InlineData("rmsprop_centered_momentum")]
    public void UpdatingSeveralVariablesTogetherMatchesUpdatingEachAlone(string kind)
    {
        // With the scratch buffer the optimizer shares one buffer between variables for their temporaries; each variable's
        // update must still be exactly the one it gets from an optimizer of its own using fresh temporaries.
        static Optimizer Make(string kind) => kind switch
        {
            "adam" => new Adam(learningRate: 0.1),
            "adam_amsgrad" => new Adam(learningRate: 0.1, amsgrad: true),
            "rmsprop" => new RMSprop(learningRate: 0.1),
            _ => new RMSprop(learningRate: 0.1, momentum: 0.5, centered: true),
        };
        long[][] shapes = [[3, 4], [2], [4, 3, 2]];
        manual_seed(7);
        var init = shapes.Select(s => randn(s, dtype: ScalarType.Float32)).ToArray();
        var grads = Enumerable.Range(0, 3).Select(_ => shapes.Select(s => randn(s, dtype: ScalarType.Float32)).ToArray()).ToArray();
        var together = init.Select(t => new TorchSharp.Modules.Parameter(t.clone())).ToArray();
        var alone = init.Select(t => new TorchSharp.Modules.Parameter(t.clone())).ToArray();
        var shared = Make(kind);
        var own = alone.Select(_ => Make(kind)).ToArray();
        try
        {
            foreach (var g in grads)
            {
                for (int i = 0; i < shapes.Length; i++) { together[i].grad = g[i].clone(); alone[i].grad = g[i].clone(); }
                Optimizer.TemporariesInScratch = true;
                shared.Apply(together);
                Optimizer.TemporariesInScratch = false;
                for (int i = 0; i < shapes.Length; i++) own[i].Apply([alone[i]]);
            }
        }
        finally
        {
            Optimizer.TemporariesInScratch = null;
        }
        for (int i = 0; i < shapes.Length; i++)
        {
            Assert.True(together[i].equal(alone[i]).all().item<bool>(), $"variable {i} differs");
            Assert.False(together[i].equal(init[i]).all().item<bool>(), $"variable {i} was not updated");
        }
    }

    [Fact]
    public void ScheduleIsEvaluatedAtEachStep()
    {
        // ExponentialDecay(0.1, 1, 0.5): lr(step) = 0.1 * 0.5^step -> 0.1 at step 0, 0.05 at step 1.
        var opt = new SGD(learningRate: new ExponentialDecay(0.1, decaySteps: 1, decayRate: 0.5));
        var w = Param(W0);
        Assert.Equal(0.1, opt.LearningRate, 15);
        Step(opt, w, G1);
        Assert.Equal(0.05, opt.LearningRate, 15);
        Step(opt, w, G2);
        Assert.Equal(0.025, opt.LearningRate, 15);
        // [1 - 0.1*0.5 - 0.05*0.2, -2 + 0.1*1 - 0.05*0.3] = [0.94, -1.915]
        TensorAssert.Close([0.94, -1.915], w, 1e-12);
    }

    [Fact]
    public void EveryOptimizerTakesAScheduleUnderTheSameArgumentName()
    {
        var schedule = new ExponentialDecay(0.1, decaySteps: 1000, decayRate: 0.96);
        Optimizer[] all =
        [
            new SGD(learningRate: schedule), new Adam(learningRate: schedule), new AdamW(learningRate: schedule),
            new RMSprop(learningRate: schedule), new Adagrad(learningRate: schedule),
            new Adadelta(learningRate: schedule), new Adamax(learningRate: schedule), new Nadam(learningRate: schedule),
        ];
        Assert.All(all, o => Assert.Same(schedule, o.Schedule));
        Assert.All(all, o => Assert.Equal(0.1, o.LearningRate, 15));
        Assert.Throws<ArgumentNullException>(() => new Adam(learningRate: (LearningRateSchedule)null!));
    }

    [Fact]
    public void AdamWithLearningRateAsUsersTypeIt()
    {
        var opt = new Adam(learningRate: 1e-4);
        Assert.Equal(1e-4, opt.LearningRate);
        opt.LearningRate = 5e-4;
        Assert.Equal(5e-4, opt.LearningRate);
    }

    [Fact]
    public void NegativeLearningRateThrows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(learningRate: -1));
        Assert.Equal("learningRate", ex.ParamName);
    }

    [Fact]
    public void ParametersWithoutGradientAreSkipped()
    {
        var opt = new Adam(learningRate: 0.1);
        var a = Param(W0);
        var b = Param([5.0]);
        using (var scope = NewDisposeScope())
        {
            (a * tensor(G1, dtype: ScalarType.Float64)).sum().backward();
            opt.Apply([a, b]);
        }
        TensorAssert.Close([5.0], b, 0);
        Assert.Equal(1, opt.Iterations);
    }
}

[Collection(GlobalState.Name)]

public class OptimizerRegistryTests
{
    [Theory]
    [InlineData("sgd", typeof(SGD))]
    [InlineData("adam", typeof(Adam))]
    [InlineData("adamw", typeof(AdamW))]
    [InlineData("rmsprop", typeof(RMSprop))]
    [InlineData("adagrad", typeof(Adagrad))]
    [InlineData("adadelta", typeof(Adadelta))]
    [InlineData("adamax", typeof(Adamax))]
    [InlineData("nadam", typeof(Nadam))]
    [InlineData("adafactor", typeof(Adafactor))]
    [InlineData("ftrl", typeof(Ftrl))]
    [InlineData("lamb", typeof(Lamb))]
    [InlineData("lion", typeof(Lion))]
    // Keras lower-cases the identifier, so its class names resolve as well.
    [InlineData("SGD", typeof(SGD))]
    [InlineData("Adam", typeof(Adam))]
    [InlineData("AdamW", typeof(AdamW))]
    [InlineData("RMSprop", typeof(RMSprop))]
    [InlineData("Adagrad", typeof(Adagrad))]
    [InlineData("Adadelta", typeof(Adadelta))]
    [InlineData("Adamax", typeof(Adamax))]
    [InlineData("Nadam", typeof(Nadam))]
    [InlineData("Lion", typeof(Lion))]
    [InlineData("ADAM", typeof(Adam))]
    public void NameResolvesToTheOptimizer(string name, Type expected)
    {
        var opt = OptimizerRegistry.Get(name);
        Assert.IsType(expected, opt);
        Assert.NotSame(opt, OptimizerRegistry.Get(name));
    }

    [Fact]
    public void EveryListedNameResolves()
    {
        Assert.Equal(12, OptimizerRegistry.Names.Count);
        foreach (var name in OptimizerRegistry.Names)
            Assert.NotNull(OptimizerRegistry.Get(name));
    }

    [Fact]
    public void UnknownNameListsValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => OptimizerRegistry.Get("adamm"));
        Assert.Contains("adamm", ex.Message);
        foreach (var name in OptimizerRegistry.Names)
            Assert.Contains(name, ex.Message);
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void StringConvertsImplicitly()
    {
        Optimizer opt = "rmsprop";
        Assert.IsType<RMSprop>(opt);
    }
}
