using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>Every bad call fails before any training step and leaves the weights unchanged.</summary>
[Collection(GlobalState.Name)]
public class BadInputTests
{
    private static (Sequential Model, float[] Before) Compiled(string loss = "mse", int outputs = 1)
    {
        Keras.Utils.SetRandomSeed(0);
        var model = Sequential().Add(Input(4)).Add(Dense(3, "relu", name: "hidden")).Add(Dense(outputs, name: "out"));
        model.Compile("sgd", loss);
        return (model, Snapshot(model));
    }

    private static float[] Snapshot(Model m) => m.Weights.SelectMany(w => w.data<float>().ToArray()).ToArray();

    private static TException FailsAndKeepsWeights<TException>(Sequential model, float[] before, Action action) where TException : Exception
    {
        var ex = Assert.Throws<TException>(action);
        Assert.Equal(before, Snapshot(model));
        return ex;
    }

    [Fact]
    public void FitBeforeCompileSaysCompileFirst()
    {
        var model = Sequential().Add(Input(2)).Add(Dense(1));
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(ones(4, 2), ones(4, 1)));
        Assert.Contains("Compile()", ex.Message);
    }

    [Fact]
    public void DifferentSampleCountsNameBothCounts()
    {
        var (m, w) = Compiled();
        var ex = FailsAndKeepsWeights<ArgumentException>(m, w, () => m.Fit(ones(10, 4), ones(9, 1), verbose: 0));
        Assert.Contains("x has 10 samples but y has 9", ex.Message);
    }

    [Fact]
    public void WrongFeatureSizeNamesLayerExpectedAndReceivedShape()
    {
        var (m, w) = Compiled();
        var ex = FailsAndKeepsWeights<ArgumentException>(m, w, () => m.Fit(ones(8, 5), ones(8, 1), verbose: 0));
        Assert.Contains($"layer \"{m.InputLayer!.Name}\"", ex.Message);
        Assert.Contains("expected shape=(None, 4), found shape=(8, 5)", ex.Message);

        // Keras 2 style (no Input): the first Dense names itself.
        var m2 = Sequential().Add(Dense(3, inputShape: [4], name: "first")).Add(Dense(1));
        m2.Compile("sgd", "mse");
        var ex2 = Assert.Throws<ArgumentException>(() => m2.Fit(ones(8, 5), ones(8, 1), verbose: 0));
        Assert.Equal("Input 0 of layer \"first\" is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape (8, 5)", ex2.Message);
    }

    [Fact]
    public void SparseLabelsOutOfRangeFailBeforeTheFirstStepEvenInALaterBatch()
    {
        var (m, w) = Compiled("sparse_categorical_crossentropy", outputs: 3);
        var y = zeros(100, ScalarType.Int64);
        y[99] = tensor(3L); // only the last batch has a bad label
        var ex = FailsAndKeepsWeights<ArgumentException>(m, w, () => m.Fit(ones(100, 4), y, batchSize: 10, verbose: 0));
        Assert.Contains("3 classes", ex.Message);
        Assert.Contains("[0, 3]", ex.Message);
    }

    [Fact]
    public void NaNOrInfInInputsNameTheArgument()
    {
        var (m, w) = Compiled();
        var x = ones(6, 4);
        x[2, 1] = tensor(float.NaN);
        var ex = FailsAndKeepsWeights<ArgumentException>(m, w, () => m.Fit(x, ones(6, 1), verbose: 0));
        Assert.Equal("x", ex.ParamName);
        var y = ones(6, 1);
        y[0, 0] = tensor(float.PositiveInfinity);
        var ey = FailsAndKeepsWeights<ArgumentException>(m, w, () => m.Fit(ones(6, 4), y, verbose: 0));
        Assert.Equal("y", ey.ParamName);
    }

    [Fact]
    public void NaNInEvaluateOrPredictInputsGivesNaNResultsAsInKeras()
    {
        // Only training data is scanned up front (a NaN would corrupt the weights); Evaluate and Predict, like Keras,
        // pass non-finite values through to the results, and only the affected sample is affected.
        var (m, w) = Compiled();
        var x = ones(6, 4);
        x[2, 1] = tensor(float.NaN);
        var p = m.Predict(x, batchSize: 4, verbose: 0);
        Assert.True(float.IsNaN(p[2, 0].item<float>()));
        Assert.Equal(5, p.isfinite().sum().item<long>());
        Assert.True(double.IsNaN(m.Evaluate(x, ones(6, 1), verbose: 0)["loss"]));
        Assert.False(double.IsNaN(m.Evaluate(ones(6, 4), ones(6, 1), verbose: 0)["loss"]));
        Assert.Equal(w, Snapshot(m));
    }

    [Theory]
    [InlineData(0, 1, 0.0, "batchSize")]
    [InlineData(-3, 1, 0.0, "batchSize")]
    [InlineData(32, -1, 0.0, "epochs")]
    [InlineData(32, 1, 1.0, "validationSplit")]
    [InlineData(32, 1, -0.1, "validationSplit")]
    public void OutOfRangeArgumentsNameTheArgument(int batchSize, int epochs, double split, string param)
    {
        var (m, w) = Compiled();
        var ex = FailsAndKeepsWeights<ArgumentOutOfRangeException>(m, w,
            () => m.Fit(ones(8, 4), ones(8, 1), batchSize: batchSize, epochs: epochs, validationSplit: split, verbose: 0));
        Assert.Equal(param, ex.ParamName);
        Assert.Contains("but received", ex.Message);
    }

    [Fact]
    public void NonNumericArrayTypeIsRejectedWithTheAcceptedTypes()
    {
        var (m, w) = Compiled();
        var ex = FailsAndKeepsWeights<ArgumentException>(m, w, () => m.Fit(new[] { "a", "b" }, new float[] { 1, 2 }, verbose: 0));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("String[]", ex.Message);
    }

    [Fact]
    public void TargetShapeThatDoesNotMatchTheOutputIsRejected()
    {
        var (m, w) = Compiled(outputs: 3);
        var ex = FailsAndKeepsWeights<ArgumentException>(m, w, () => m.Fit(ones(8, 4), ones(8, 5), verbose: 0));
        Assert.Contains("incompatible", ex.Message);
    }

    [Fact]
    public void UnknownNamesInCompileListValidNames()
    {
        var model = Sequential().Add(Input(2)).Add(Dense(1));
        var eo = Assert.Throws<ArgumentException>(() => model.Compile("adamm", "mse"));
        Assert.Contains("adam", eo.Message);
        var el = Assert.Throws<ArgumentException>(() => model.Compile("adam", "msee"));
        Assert.Contains("mean_squared_error", el.Message);
        var em = Assert.Throws<ArgumentException>(() => model.Compile("adam", "mse", metrics: ["acuracy"]));
        Assert.Contains("accuracy", em.Message);
    }
}
