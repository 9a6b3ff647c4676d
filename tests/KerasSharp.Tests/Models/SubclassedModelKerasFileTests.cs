using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// A subclassed model whose class is registered and overrides <c>GetConfig</c> saves to and loads from a <c>.keras</c>
/// file as Keras saves such a model: its class, its config and build_config, its weights at attribute paths, and its
/// optimizer; the reloaded model predicts and keeps training identically.
/// </summary>
public class SubclassedModelKerasFileTests
{
    /// <summary>Two Dense layers with a residual connection; <c>units</c> is its constructor argument.</summary>
    [RegisterSerializable("KerasSharpTests")]
    public sealed class ResidualMlp : Model
    {
        private readonly Dense hidden;
        private readonly Dense output;

        public ResidualMlp(int units = 6, string? name = null) : base(name)
        {
            Units = units;
            hidden = new Dense(units, activation: "tanh");
            output = new Dense(3);
        }

        public int Units { get; }

        public override Tensor Call(Tensor x, bool training) => output.Apply(hidden.Apply(x) + x.narrow(1, 0, Units));

        public override Dictionary<string, object?> GetConfig()
        {
            var config = base.GetConfig();
            config["units"] = Units;
            return config;
        }
    }

    private static (Tensor X, Tensor Y) Data()
    {
        var g = new Generator(3);
        return (randn([32, 8], generator: g), randn([32, 3], generator: g));
    }

    [Fact]
    public void RegisteredSubclassRoundTripsThroughAKerasFileAndKeepsTrainingIdentically()
    {
        var (x, y) = Data();
        var a = new ResidualMlp(units: 6);
        a.Compile(new Adam(learningRate: 1.0 / 128), "mse");
        a.Fit(x, y, batchSize: 8, epochs: 1, shuffle: false, verbose: 0);
        var path = Path.Combine(Path.GetTempPath(), "kerassharp-subclass-" + Guid.NewGuid().ToString("N") + ".keras");
        a.Save(path);

        var b = Assert.IsType<ResidualMlp>(Keras.Models.LoadModel(path));
        Assert.Equal(6, b.Units);
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
        Assert.Equal(a.Optimizer!.Iterations, b.Optimizer!.Iterations);
        var la = a.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0)["loss"];
        var lb = b.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0)["loss"];
        Assert.Equal(la, lb);
        File.Delete(path);
    }

    [Fact]
    public void UnregisteredSubclassSaveSaysHowToMakeItSaveable()
    {
        var model = new UnregisteredNet();
        model.Predict(ones(2, 4), verbose: 0);
        var ex = Assert.Throws<InvalidOperationException>(() => model.Save(Path.Combine(Path.GetTempPath(), "never.keras")));
        Assert.Contains("RegisterSerializable", ex.Message);
        Assert.Contains("GetConfig", ex.Message);
    }

    private sealed class UnregisteredNet : Model
    {
        private readonly Dense dense = new(2);
        public override Tensor Call(Tensor x, bool training) => dense.Apply(x);
    }
}
