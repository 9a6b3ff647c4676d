using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>Empty batches, ill-shaped sample weights, steps &lt;= 0, non-finite streamed batches, bad class weights and
/// complex data: each refused with a clear exception before any step, the weights unchanged.</summary>
[Collection(GlobalState.Name)]
public class InputValidationTests
{
    private static Sequential Compiled(string loss = "mse", int outputs = 1)
    {
        Keras.Utils.SetRandomSeed(0);
        var model = Sequential().Add(Input(4)).Add(Dense(3, "relu", name: "hidden")).Add(Dense(outputs, name: "out"));
        model.Compile("sgd", loss);
        model.Predict(zeros(1, 4), verbose: 0); // built, so that the snapshot holds every weight
        return model;
    }

    private static float[] Snapshot(Model m) => m.Weights.SelectMany(w => w.data<float>().ToArray()).ToArray();

    private static TException Refused<TException>(Model model, Action action) where TException : Exception
    {
        var before = Snapshot(model);
        var ex = Assert.Throws<TException>(action);
        Assert.Equal(before, Snapshot(model));
        return ex;
    }

    [Fact]
    public void TrainOnBatchAndTestOnBatchWithNoSamplesSayXHasNoSamples()
    {
        var m = Compiled();
        var ex = Refused<ArgumentException>(m, () => m.TrainOnBatch(zeros(0, 4), zeros(0, 1)));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("x has no samples: TrainOnBatch", ex.Message);
        var et = Refused<ArgumentException>(m, () => m.TestOnBatch(zeros(0, 4), zeros(0, 1)));
        Assert.Equal("x", et.ParamName);
        Assert.Contains("x has no samples: TestOnBatch", et.Message);
    }

    [Fact]
    public void EmptyValidationDataIsRefusedBeforeTraining()
    {
        var m = Compiled();
        var ex = Refused<ArgumentException>(m, () => m.Fit(ones(8, 4), ones(8, 1), verbose: 0, validationData: (zeros(0, 4), zeros(0, 1))));
        Assert.Equal("validationData", ex.ParamName);
        Assert.Contains("validationData has no samples", ex.Message);
    }

    [Fact]
    public void SampleWeightWithAnExtraAxisNamesBothShapesEvenWhenItWouldBroadcast()
    {
        // Targets (3, 3) and weights (3, 3): LibTorch would broadcast the (3,) loss values to (3, 3) silently.
        var m = Compiled(outputs: 3);
        foreach (int n in new[] { 3, 5 })
        {
            var x = ones(n, 4);
            var y = ones(n, 3);
            var w = ones(n, 3);
            foreach (var call in new Action[]
                     {
                         () => m.Fit(x, y, sampleWeight: w, verbose: 0),
                         () => m.TrainOnBatch(x, y, sampleWeight: w),
                         () => m.TestOnBatch(x, y, sampleWeight: w),
                         () => m.Evaluate(x, y, sampleWeight: w, verbose: 0),
                     })
            {
                var ex = Refused<ArgumentException>(m, call);
                Assert.Equal("sampleWeight", ex.ParamName);
                Assert.Contains($"sampleWeight has shape ({n}, 3)", ex.Message);
                Assert.Contains($"(shape ({n},))", ex.Message);
                Assert.Contains("loss 'mse'", ex.Message);
                Assert.Contains("(None,) or (None, 1)", ex.Message);
            }
        }
    }

    [Fact]
    public void SampleWeightPerSampleOrWithATrailingOneIsAccepted()
    {
        var m = Compiled(outputs: 3);
        var x = ones(6, 4);
        var y = ones(6, 3);
        var a = m.TestOnBatch(x, y, sampleWeight: full(6, 2.0f))["loss"];
        var b = m.TestOnBatch(x, y, sampleWeight: full(6, 1, 2.0f))["loss"];
        Assert.Equal(a, b);
        m.Fit(x, y, sampleWeight: full(6, 1, 2.0f), verbose: 0);
    }

    [Fact]
    public void EvaluateWithStepsZeroOrNegativeEvaluatesAllTheDataAsKeras()
    {
        var m = Compiled();
        Keras.Utils.SetRandomSeed(1);
        var x = randn(10, 4);
        var y = randn(10, 1);
        var all = m.Evaluate(x, y, batchSize: 3, verbose: 0)["loss"];
        Assert.NotEqual(0.0, all);
        Assert.Equal(all, m.Evaluate(x, y, batchSize: 3, verbose: 0, steps: 0)["loss"]);
        Assert.Equal(all, m.Evaluate(x, y, batchSize: 3, verbose: 0, steps: -1)["loss"]);
        Assert.NotEqual(all, m.Evaluate(x, y, batchSize: 3, verbose: 0, steps: 1)["loss"]);
        var batches = Enumerable.Range(0, 4).Select(i => (x.narrow(0, i * 3, Math.Min(3, 10 - i * 3)), y.narrow(0, i * 3, Math.Min(3, 10 - i * 3)))).ToArray();
        Assert.Equal(all, m.Evaluate(batches, verbose: 0, steps: 0)["loss"], 6);
        Assert.Equal(10, m.Predict(x, batchSize: 3, verbose: 0, steps: 0).shape[0]);
    }

    [Fact]
    public void NaNInAStreamedBatchIsRefusedBeforeThatStepAsInMemoryFitDoes()
    {
        var m = Compiled();
        var bad = ones(4, 4);
        bad[2, 1] = tensor(float.NaN);
        var ex = Refused<ArgumentException>(m, () => m.Fit(new[] { (bad, ones(4, 1)), (ones(4, 4), ones(4, 1)) }, verbose: 0));
        Assert.Equal("data", ex.ParamName);
        Assert.Contains("Batch 0 of data: x contains non-finite values", ex.Message);
        Assert.Contains("NaN in sample 2", ex.Message);

        var badY = ones(4, 1);
        badY[3, 0] = tensor(float.PositiveInfinity);
        var ey = Assert.Throws<ArgumentException>(() => m.Fit(new[] { (ones(4, 4), ones(4, 1)), (ones(4, 4), badY) }, verbose: 0));
        Assert.Contains("Batch 1 of data: y contains non-finite values", ey.Message);
        Assert.All(Snapshot(m), v => Assert.True(float.IsFinite(v))); // the first batch trained, the bad one did not
    }

    [Fact]
    public void NonFiniteClassWeightNamesClassWeight()
    {
        var m = Compiled("sparse_categorical_crossentropy", outputs: 3);
        var y = tensor(new long[] { 0, 1, 2, 1 });
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, 1e300 })
        {
            var cw = new Dictionary<int, double> { [0] = 1, [1] = bad };
            var ex = Refused<ArgumentException>(m, () => m.Fit(ones(4, 4), y, classWeight: cw, verbose: 0));
            Assert.Equal("classWeight", ex.ParamName);
            Assert.Contains("class 1 has weight", ex.Message);
            Assert.Equal("classWeight", Refused<ArgumentException>(m, () => m.TrainOnBatch(ones(4, 4), y, classWeight: cw)).ParamName);
            Assert.Equal("classWeight", Refused<ArgumentException>(m, () => m.Fit(new[] { (ones(4, 4), y) }, classWeight: cw, verbose: 0)).ParamName);
        }
    }

    [Fact]
    public void HugeClassWeightKeysAllocateNothingAndKeysNoLabelMatchesAreUnusedAsKeras()
    {
        var y = tensor(new long[] { 0, 1, 2, 1 });
        var x = ones(4, 4);
        var plain = Compiled("sparse_categorical_crossentropy", outputs: 3);
        var expected = plain.TrainOnBatch(x, y, classWeight: new Dictionary<int, double> { [1] = 3 })["loss"];
        var huge = Compiled("sparse_categorical_crossentropy", outputs: 3);
        long before = GC.GetTotalAllocatedBytes();
        var loss = huge.TrainOnBatch(x, y, classWeight: new Dictionary<int, double> { [1] = 3, [int.MaxValue] = 5, [7] = 9 })["loss"];
        Assert.True(GC.GetTotalAllocatedBytes() - before < 50_000_000);
        Assert.Equal(expected, loss);
        Assert.Equal(Snapshot(plain), Snapshot(huge));
    }

    [Fact]
    public void ClassWeightWeighsEachSampleByItsLabel()
    {
        var x = ones(4, 4);
        var y = tensor(new long[] { 0, 1, 2, 1 });
        var a = Compiled("sparse_categorical_crossentropy", outputs: 3);
        var b = Compiled("sparse_categorical_crossentropy", outputs: 3);
        var withClassWeight = a.TestOnBatch(x, y, sampleWeight: tensor(new float[] { 1, 3, 0.5f, 3 }))["loss"];
        b.TrainOnBatch(x, y, classWeight: new Dictionary<int, double> { [1] = 3, [2] = 0.5 });
        a.TrainOnBatch(x, y, sampleWeight: tensor(new float[] { 1, 3, 0.5f, 3 }));
        Assert.Equal(Snapshot(a), Snapshot(b));
        Assert.True(withClassWeight > 0);
    }

    [Fact]
    public void ComplexDataIsRefusedNamingTheArgumentAndTheDtype()
    {
        var m = Compiled();
        var cx = complex(ones(4, 4), zeros(4, 4));
        Assert.Equal(ScalarType.ComplexFloat32, cx.dtype);
        foreach (var call in new Action[]
                 {
                     () => m.Fit(cx, ones(4, 1), verbose: 0),
                     () => m.Evaluate(cx, ones(4, 1), verbose: 0),
                     () => m.Predict(cx, verbose: 0),
                     () => m.TrainOnBatch(cx, ones(4, 1)),
                 })
        {
            var ex = Refused<ArgumentException>(m, call);
            Assert.Equal("x", ex.ParamName);
            Assert.Contains("x must hold real numbers", ex.Message);
            Assert.Contains("ComplexFloat32", ex.Message);
        }
        var ey = Refused<ArgumentException>(m, () => m.Fit(ones(4, 4), complex(ones(4, 1), zeros(4, 1)), verbose: 0));
        Assert.Equal("y", ey.ParamName);
        var es = Refused<ArgumentException>(m, () => m.Fit(new[] { (cx, ones(4, 1)) }, verbose: 0));
        Assert.Equal("data", es.ParamName);
        Assert.Contains("Batch 0: x must hold real numbers", es.Message);
        var ev = Refused<ArgumentException>(m, () => m.Fit(ones(4, 4), ones(4, 1), verbose: 0, validationData: (cx, ones(4, 1))));
        Assert.Equal("validationData", ev.ParamName);
    }

    [Fact]
    public void EmptyStreamedBatchIsRefused()
    {
        var m = Compiled();
        var ex = Refused<ArgumentException>(m, () => m.Fit(new[] { (zeros(0, 4), zeros(0, 1)) }, verbose: 0));
        Assert.Contains("Batch 0 has no samples", ex.Message);
    }
}
