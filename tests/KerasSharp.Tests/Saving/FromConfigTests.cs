using System.Text.Json.Nodes;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;

namespace KerasSharp.Tests.Saving;

public class FromConfigTests
{
    private static void RoundTrips<T>(T original) where T : class
    {
        var serialized = Keras.Saving.Serialize(original);
        var again = Keras.Saving.Deserialize<T>(serialized);
        Assert.Equal(original.GetType(), again.GetType());
        Assert.True(JsonNode.DeepEquals(serialized, Keras.Saving.Serialize(again)),
            $"{original.GetType().Name}: {serialized.ToJsonString()} != {Keras.Saving.Serialize(again).ToJsonString()}");
    }

    [Fact]
    public void InitializersRoundTrip()
    {
        foreach (var name in InitializerRegistry.Names) RoundTrips(InitializerRegistry.Get(name));
        RoundTrips<Initializer>(new VarianceScaling(2.0, "fan_out", "untruncated_normal", seed: 5));
        RoundTrips<Initializer>(new Constant(0.25));
        RoundTrips<Initializer>(new RandomUniform(-0.5, 0.5, seed: 1));
    }

    [Fact]
    public void OptimizersRoundTripIncludingSchedules()
    {
        foreach (var name in OptimizerRegistry.Names) RoundTrips(OptimizerRegistry.Get(name));
        RoundTrips<Optimizer>(new Adam(new ExponentialDecay(0.1, 10, 0.5)));
        RoundTrips<Optimizer>(new SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, clipnorm: 1.0));
    }

    [Fact]
    public void SchedulesRoundTrip()
    {
        RoundTrips<LearningRateSchedule>(new ExponentialDecay(0.1, 10, 0.5, staircase: true));
        RoundTrips<LearningRateSchedule>(new InverseTimeDecay(0.1, 10, 0.5));
        RoundTrips<LearningRateSchedule>(new PolynomialDecay(0.1, 100));
        RoundTrips<LearningRateSchedule>(new CosineDecay(0.1, 100));
        RoundTrips<LearningRateSchedule>(new CosineDecayRestarts(0.1, 100));
        RoundTrips<LearningRateSchedule>(new PiecewiseConstantDecay([10, 20], [0.1, 0.01, 0.001]));
    }

    [Fact]
    public void LossesRoundTrip()
    {
        foreach (var name in LossRegistry.Names.Where(n => char.IsUpper(n[0]) && n.Length > 4))
            RoundTrips(LossRegistry.Get(name));
        RoundTrips<Loss>(new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1));
    }

    [Fact]
    public void MetricsRoundTrip()
    {
        var failures = new List<string>();
        foreach (var name in MetricRegistry.Names.Where(n => char.IsUpper(n[0]) && n != "Accuracy"))
        {
            try { RoundTrips(MetricRegistry.Get(name)); }
            catch (Exception e) { failures.Add($"{name}: {e.Message}"); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void RegularizersAndConstraintsRoundTrip()
    {
        RoundTrips<Regularizer>(new L1(0.1));
        RoundTrips<Regularizer>(new L2(0.2));
        RoundTrips<Regularizer>(new L1L2(0.1, 0.2));
        RoundTrips<Constraint>(new MaxNorm(3, [0]));
        RoundTrips<Constraint>(new NonNeg());
        RoundTrips<Constraint>(new UnitNorm());
        RoundTrips<Constraint>(new MinMaxNorm(0.5, 2.0));
        Assert.IsType<L2>(Keras.Saving.Deserialize<Regularizer>(JsonValue.Create("l2")));
    }

    [Fact]
    public void KerasAdamConfigWithKeras3OnlyKeysAtTheirDefaultsLoads()
    {
        // compile_config.optimizer of the Keras 3.5 fixture.
        var config = JsonNode.Parse("""
            {"name": "adam", "learning_rate": 1.000000082740371e-07, "weight_decay": null, "clipnorm": null, "global_clipnorm": null,
             "clipvalue": null, "use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": null, "loss_scale_factor": null,
             "gradient_accumulation_steps": null, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": false}
            """)!.AsObject();
        var adam = Assert.IsType<Adam>(Keras.Saving.FromConfig<Optimizer>("Adam", config));
        Assert.Equal(1.000000082740371e-07, adam.LearningRate);
        Assert.Equal((0.9, 0.999, 1e-7, false), (adam.Beta1, adam.Beta2, adam.Epsilon, adam.Amsgrad));

        config["loss_scale_factor"] = 128.0;
        var e = Assert.Throws<InvalidDataException>(() => Keras.Saving.FromConfig<Optimizer>("Adam", config));
        Assert.Contains("'loss_scale_factor'", e.Message);
    }

    [Fact]
    public void AdamWithSchedulePicksTheScheduleConstructor()
    {
        var config = JsonNode.Parse("""
            {"name": "adam", "learning_rate": {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay",
              "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": false, "name": "ExponentialDecay"},
              "registered_name": null}}
            """)!.AsObject();
        var adam = Assert.IsType<Adam>(Keras.Saving.FromConfig<Optimizer>("Adam", config));
        var schedule = Assert.IsType<ExponentialDecay>(adam.Schedule);
        Assert.Equal((0.1, 10L, 0.5), (schedule.InitialLearningRate, schedule.DecaySteps, schedule.DecayRate));
    }

    [Fact]
    public void UnknownClassOrNameIsNamed()
    {
        var e1 = Assert.Throws<InvalidDataException>(() => Keras.Saving.FromConfig<Optimizer>("Shampoo", []));
        Assert.Contains("'Shampoo'", e1.Message);
        var e2 = Assert.Throws<InvalidDataException>(() => Keras.Saving.Deserialize<Initializer>(JsonValue.Create("shiny")));
        Assert.Contains("'shiny'", e2.Message);
    }
}
