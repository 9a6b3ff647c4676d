using KerasSharp.Layers;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>Temporary folders, small models and the shared Keras fixture for the saving tests.</summary>
internal static class SavingTestSupport
{
    /// <summary>A new empty folder under the temp directory.</summary>
    public static string NewFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-saving-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Input(4, 3) -> Flatten -> Dense(8, relu) -> Dropout(0.25) -> Dense(3) -> Activation(softmax), Adam, categorical cross-entropy.</summary>
    public static Sequential SmallModel(bool compile = true)
    {
        Keras.Utils.SetRandomSeed(7);
        var model = new Sequential([new Input([4, 3]), new Flatten(), new Dense(8, activation: "relu"), new Dropout(0.25),
            new Dense(3), new Activation("softmax")]);
        if (compile)
            model.Compile(new Adam(learningRate: 0.01), "categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    /// <summary>A fixed batch (x: (6, 4, 3), one-hot y: (6, 3)).</summary>
    public static (Tensor X, Tensor Y) Batch()
    {
        var g = new TorchSharp.torch.Generator(42);
        var x = randn([6, 4, 3], generator: g);
        var labels = tensor(new long[] { 0, 1, 2, 1, 0, 2 });
        return (x, nn.functional.one_hot(labels, 3).to_type(ScalarType.Float32));
    }

    /// <summary>Path of the Keras 3.5 fixture: the first <c>shared/fixtures/keras</c> folder above the repository root, or null.</summary>
    public static string? FixturePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "KerasSharp", "KerasSharp.csproj")))
            dir = dir.Parent;
        for (var up = dir?.Parent; up is not null; up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", "fixtures", "keras", "digit_recognizer_cnn.keras");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A test that needs the shared Keras fixture; skipped, saying why, when <c>../shared</c> is absent.</summary>
public sealed class KerasFixtureFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when the fixture cannot be found.</summary>
    public KerasFixtureFactAttribute()
    {
        if (SavingTestSupport.FixturePath() is null)
            Skip = "The Keras fixture ../shared/fixtures/keras/digit_recognizer_cnn.keras is absent (a clone outside the workspace has no ../shared).";
    }
}
