using System.IO.Compression;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>A custom layer registered by attribute: multiplies by a factor.</summary>
[RegisterSerializable("my_pkg")]
[Collection(GlobalState.Name)]
public sealed class ScaleBy : Layer
{
    /// <summary>Creates the layer.</summary>
    public ScaleBy(double factor, string? name = null) : base(name) => Factor = factor;

    /// <summary>The factor.</summary>
    public double Factor { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x * Factor;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["factor"] = Factor;
        return c;
    }
}

/// <summary>A custom layer with its own FromConfig, registered in code.</summary>
[Collection(GlobalState.Name)]
public sealed class Shift : Layer
{
    /// <summary>Creates the layer.</summary>
    public Shift(double amount, string? name = null) : base(name) => Amount = amount;

    /// <summary>The amount added.</summary>
    public double Amount { get; }

    /// <summary>Counts FromConfig calls (to show the override is used).</summary>
    public static int FromConfigCalls;

    /// <summary>Custom deserialization: the config stores the amount under "delta".</summary>
    public static Shift FromConfig(JsonObject config)
    {
        FromConfigCalls++;
        return new Shift((double)config["delta"]!, (string?)config["name"]);
    }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x + Amount;

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["delta"] = Amount;
        return c;
    }
}

[Collection(GlobalState.Name)]

public class CustomClassTests
{
    [Fact]
    public void RegisteredCustomLayersSaveWithRegisteredNamesAndLoad()
    {
        Assert.Equal("tests>Shift", Keras.Saving.RegisterSerializable<Shift>("tests"));
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "custom.keras");
        var model = new Sequential([new Input(2), new ScaleBy(3), new Shift(1)]);
        model.Save(path);

        using (var zip = ZipFile.OpenRead(path))
        {
            var layers = JsonNode.Parse(zip.GetEntry("config.json")!.Open())!["config"]!["layers"]!.AsArray();
            Assert.Equal("my_pkg>ScaleBy", (string?)layers[1]!["registered_name"]);
            Assert.Equal("ScaleBy", (string?)layers[1]!["class_name"]);
            Assert.Equal("tests>Shift", (string?)layers[2]!["registered_name"]);
        }
        int calls = Shift.FromConfigCalls;
        var loaded = Keras.Models.LoadModel(path);
        Assert.Equal(3.0, Assert.IsType<ScaleBy>(loaded.Layers[0]).Factor);
        Assert.Equal(1.0, Assert.IsType<Shift>(loaded.Layers[1]).Amount);
        Assert.True(Shift.FromConfigCalls > calls);
        // (2 * 3) + 1 = 7
        TensorAssert.Close([7.0, 7.0], loaded.Predict(full(1, 2, 2.0f), verbose: 0));
    }
}
