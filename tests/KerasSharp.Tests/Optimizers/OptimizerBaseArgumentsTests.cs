using System.IO.Compression;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static KerasSharp.Tests.Optimizers.OptimizerTestHelpers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Keras' base optimizer arguments every optimizer takes: use_ema, ema_momentum, ema_overwrite_frequency,
/// gradient_accumulation_steps, and exclude_from_weight_decay (keras/src/optimizers/base_optimizer.py).</summary>
[Collection(GlobalState.Name)]
public class OptimizerBaseArgumentsTests
{
    private static readonly float[] Start = [3f, 4f, 5f, 6f];
    private static readonly float[] Ones = [1f, 1f, 1f, 1f];

    [Fact]
    public void EmaMatchesKerasTest()
    {
        // optimizer_test.py test_ema
        var v = Param32(Start, 2, 2);
        var opt = new SGD(learningRate: 1.0, useEma: true, emaMomentum: 0.9, emaOverwriteFrequency: 3);
        StepAll(opt, [v], [Ones]);
        TensorAssert.Close([2, 3, 4, 5], v);
        TensorAssert.Close([2, 3, 4, 5], opt.MovingAverages[0]); // initialized after the first step
        StepAll(opt, [v], [Ones]);
        TensorAssert.Close([1, 2, 3, 4], v);
        TensorAssert.Close([1.9, 2.9, 3.9, 4.9], opt.MovingAverages[0]);
        StepAll(opt, [v], [Ones]);
        // the variables were overwritten with the average
        TensorAssert.Close([1.71, 2.71, 3.71, 4.71], v);
        TensorAssert.Close([1.71, 2.71, 3.71, 4.71], opt.MovingAverages[0]);
    }

    [Fact]
    public void EmaWithFitOverwritesTheWeightsAtTheEndAsKerasTest()
    {
        // optimizer_test.py test_ema_with_model_fit: w = 1 -> 0.9 -> 0.81; average 0.9 -> 0.9 * 0.9 + 0.1 * 0.81 = 0.891
        var optimizer = new SGD(learningRate: 0.1, useEma: true, emaMomentum: 0.9);
        var model = new Sequential([new Input([1]), new Dense(2, useBias: false, kernelInitializer: "ones")]);
        model.Compile(optimizer, "mse");
        model.Fit(new float[,] { { 1f } }, new float[,] { { 0f, 0f } }, batchSize: 1, epochs: 2, verbose: 0);
        TensorAssert.Close([0.891, 0.891], optimizer.MovingAverages[0], 1e-5);
        TensorAssert.Close([0.891, 0.891], model.TrainableWeights[0], 1e-5);
    }

    [Fact]
    public void FinalizeVariableValuesWithoutEmaChangesNothingAndWithEmaNeedsTheBuiltList()
    {
        var w = Param(W0);
        new SGD().FinalizeVariableValues([w]);
        TensorAssert.Close(W0, w, 0);
        var ema = new SGD(useEma: true);
        var ex = Assert.Throws<InvalidOperationException>(() => ema.FinalizeVariableValues([w]));
        Assert.Contains("does not match", ex.Message);
    }

    [Fact]
    public void GradientAccumulationMatchesKerasTest()
    {
        // optimizer_test.py test_gradient_accumulation; Keras' optimizer.iterations counts updates (calls // steps)
        var v = Param32([1f, 2f, 3f, 4f], 2, 2);
        var opt = new SGD(learningRate: 1.0, gradientAccumulationSteps: 3);
        Assert.Equal(3, opt.GradientAccumulationSteps);
        StepAll(opt, [v], [Ones]);
        TensorAssert.Close([1, 2, 3, 4], v);
        TensorAssert.Close([1, 1, 1, 1], opt.AccumulatedGradients[0]);
        Assert.Equal((1L, 0L), (opt.RawIterations, opt.Iterations));
        StepAll(opt, [v], [Ones]);
        TensorAssert.Close([1, 2, 3, 4], v);
        TensorAssert.Close([2, 2, 2, 2], opt.AccumulatedGradients[0]);
        Assert.Equal((2L, 0L), (opt.RawIterations, opt.Iterations));
        StepAll(opt, [v], [Ones]);
        TensorAssert.Close([0, 1, 2, 3], v);
        TensorAssert.Close([0, 0, 0, 0], opt.AccumulatedGradients[0]);
        Assert.Equal((3L, 1L), (opt.RawIterations, opt.Iterations));
        StepAll(opt, [v], [Ones]);
        TensorAssert.Close([0, 1, 2, 3], v);
        TensorAssert.Close([1, 1, 1, 1], opt.AccumulatedGradients[0]);
        Assert.Equal((4L, 1L), (opt.RawIterations, opt.Iterations));
    }

    [Fact]
    public void GradientAccumulationUpdatesWithTheMeanGradientAndCountsUpdatesForTheStep()
    {
        // Adam every 2 calls on (g1 + g2) / 2 equals plain Adam on that mean: its bias correction uses t = iterations + 1.
        var accumulating = new Adam(learningRate: 0.1, gradientAccumulationSteps: 2);
        var a = Param(W0);
        Step(accumulating, a, G1);
        Step(accumulating, a, G2);
        Step(accumulating, a, G2);
        Step(accumulating, a, G1);
        var plain = new Adam(learningRate: 0.1);
        var b = Param(W0);
        var mean = G1.Zip(G2, (x, y) => (x + y) / 2).ToArray();
        Step(plain, b, mean);
        Step(plain, b, mean);
        TensorAssert.Close(b, a, 1e-12);
        Assert.Equal(2, accumulating.Iterations);
    }

    [Fact]
    public void GradientAccumulationSchedulesCountEveryCallAsKeras()
    {
        // base_optimizer.py: "Learning rate schedules will look at "real" iterations value (optimizer steps)".
        var opt = new SGD(learningRate: new PiecewiseConstantDecay([0], [1.0, 0.5]), gradientAccumulationSteps: 2);
        var w = Param(W0);
        Step(opt, w, G1);
        Step(opt, w, G1);  // update at call 2, lr = schedule(1) = 0.5
        TensorAssert.Close([1 - 0.5 * 0.5, -2 + 0.5 * 1.0], w, 1e-12);
    }

    [Fact]
    public void ExcludeFromWeightDecayByNameIsARegexSearchInTheVariablesKerasName()
    {
        static (Tensor Kernel, Tensor Bias) Run(Action<Optimizer> exclude)
        {
            var dense = new Dense(1);
            dense.Apply(zeros(1, 1));
            using (no_grad())
            {
                dense.Kernel!.fill_(2f);
                dense.Bias!.fill_(2f);
            }
            // Zero gradients: Adam's own step is 0, so only the decay w *= 1 - lr * wd = 0.9 moves a variable.
            var opt = new AdamW(learningRate: 1.0, weightDecay: 0.1);
            exclude(opt);
            StepAll(opt, [dense.Kernel!, dense.Bias!], [[0f], [0f]]);
            return (dense.Kernel!, dense.Bias!);
        }

        var (k, b) = Run(_ => { });
        TensorAssert.Close(1.8, k, 1e-6);
        TensorAssert.Close(1.8, b, 1e-6);
        (k, b) = Run(o => o.ExcludeFromWeightDecay(varNames: ["bias"]));
        TensorAssert.Close(1.8, k, 1e-6);
        TensorAssert.Close(2.0, b, 1e-6);
        (k, b) = Run(o => o.ExcludeFromWeightDecay(varNames: ["^ker.el$", "nothing"]));
        TensorAssert.Close(2.0, k, 1e-6);
        TensorAssert.Close(1.8, b, 1e-6);
        // a later call replaces the earlier exclusions, as Keras' does
        (k, b) = Run(o => { o.ExcludeFromWeightDecay(varNames: ["bias"]); o.ExcludeFromWeightDecay(varNames: ["kernel"]); });
        TensorAssert.Close(2.0, k, 1e-6);
        TensorAssert.Close(1.8, b, 1e-6);
    }

    [Fact]
    public void ExcludeFromWeightDecayBadPatternThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AdamW().ExcludeFromWeightDecay(varNames: ["("]));
        Assert.Equal("varNames", ex.ParamName);
    }

    [Fact]
    public void ConfigCarriesTheBaseArgumentsAndRoundTrips()
    {
        var opt = new Nadam(useEma: true, emaMomentum: 0.95, emaOverwriteFrequency: 10, gradientAccumulationSteps: 4);
        var config = opt.GetConfig();
        Assert.Equal(true, config["use_ema"]);
        Assert.Equal(0.95, config["ema_momentum"]);
        Assert.Equal(10, config["ema_overwrite_frequency"]);
        Assert.Equal(4, config["gradient_accumulation_steps"]);
        Assert.Null(config["loss_scale_factor"]);
        var defaults = new Adam().GetConfig();
        Assert.Equal((false, 0.99, null, null), (defaults["use_ema"], defaults["ema_momentum"], defaults["ema_overwrite_frequency"], defaults["gradient_accumulation_steps"]));
        KerasOptimizerTestCases.ConfigRoundTrip(opt);
        var again = Keras.Saving.Deserialize<Optimizer>(Keras.Saving.Serialize(opt));
        Assert.Equal((true, 0.95, 10, 4), (again.UseEma, again.EmaMomentum, again.EmaOverwriteFrequency, again.GradientAccumulationSteps));
    }

    [Fact]
    public void InvalidBaseArgumentsThrowAsKeras()
    {
        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(gradientAccumulationSteps: 1));
        Assert.Equal("gradientAccumulationSteps", steps.ParamName);
        Assert.Contains("must be an integer >= 2, but received 1", steps.Message);
        var momentum = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(useEma: true, emaMomentum: 1.5));
        Assert.Equal("emaMomentum", momentum.ParamName);
        var frequency = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(useEma: true, emaOverwriteFrequency: -1));
        Assert.Equal("emaOverwriteFrequency", frequency.ParamName);
        // Keras checks the EMA arguments only when use_ema is set
        Assert.Equal(1.5, new Adam(emaMomentum: 1.5).EmaMomentum);
        var clips = Assert.Throws<ArgumentException>(() => new SGD(clipnorm: 0.1, clipvalue: 0.1));
        Assert.Contains("Only one of clipnorm, clipvalue and globalClipnorm can be set", clips.Message);
    }

    [Fact]
    public void EmaAndAccumulatorsAreSavedBeforeTheSlotsAndRestored()
    {
        // Keras' build: every "average", then every "gradient_accumulator", then the optimizer's own slots.
        Keras.Utils.SetRandomSeed(3);
        var model = new Sequential([new Input([2]), new Dense(3), new Dense(1)]);
        var opt = new SGD(learningRate: 0.1, momentum: 0.9, useEma: true, gradientAccumulationSteps: 2);
        model.Compile(opt, "mse");
        var x = new float[,] { { 1f, 2f }, { -1f, 0.5f }, { 0f, 1f } };
        var y = new float[,] { { 1f }, { 0f }, { 2f } };
        model.Fit(x, y, batchSize: 1, epochs: 1, verbose: 0, shuffle: false);
        Assert.Equal((3L, 1L), (opt.RawIterations, opt.Iterations));
        var weights = model.TrainableWeights;
        var expected = opt.MovingAverages.Concat(opt.AccumulatedGradients).Concat(opt.StateTensors).ToArray();
        Assert.Equal(3 * weights.Count, expected.Length);

        var dir = Directory.CreateTempSubdirectory("kerassharp-ema").FullName;
        var path = Path.Combine(dir, "m.keras");
        model.Save(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            var bytes = new MemoryStream();
            using (var es = zip.GetEntry("model.weights.h5")!.Open()) es.CopyTo(bytes);
            bytes.Position = 0;
            using var h5 = H5File.Open(bytes, false);
            Assert.Equal(3L, h5.Dataset("optimizer/vars/0").Read<long>()); // Keras saves _iterations, every call
            for (int i = 0; i < expected.Length; i++)
                TensorAssert.Close(expected[i].reshape(-1), tensor(h5.Dataset($"optimizer/vars/{i + 2}").Read<float[]>()), 0);
        }
        var loaded = Keras.Models.LoadModel(path);
        var restored = loaded.Optimizer!;
        Assert.Equal((true, 2, 3L, 1L), (restored.UseEma, restored.GradientAccumulationSteps, restored.RawIterations, restored.Iterations));
        for (int i = 0; i < weights.Count; i++)
        {
            TensorAssert.Close(opt.MovingAverages[i], restored.MovingAverages[i], 0);
            TensorAssert.Close(opt.AccumulatedGradients[i], restored.AccumulatedGradients[i], 0);
        }
        Directory.Delete(dir, true);
    }
}
