using KerasSharp.Tests.TestSupport;
using KerasSharp.Metrics;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// Keras' <c>MeanMetricWrapper(fn, name)</c>: the running mean of <c>fn(y_true, y_pred)</c>; and a user's subclass that
/// overrides <c>update_state</c> is updated through its override in Fit and Evaluate, as in Keras (the loops' faster
/// update forms apply to KerasSharp's own update only).
/// </summary>
[Collection(GlobalState.Name)]
public class MeanMetricWrapperTests
{
    private sealed class CountingWrapper() : MeanMetricWrapper((t, p) => (t - p).abs(), "counted_mae")
    {
        public int Updates;

        public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
        {
            Updates++;
            base.UpdateState(yTrue, yPred, sampleWeight);
        }
    }

    [Fact]
    public void WrapsAFunctionAsTheRunningMeanOfItsValues()
    {
        var metric = new MeanMetricWrapper((t, p) => (t - p).square(), "sq");
        metric.UpdateState(tensor(new float[] { 0, 0 }), tensor(new float[] { 1, 3 }));    // 1, 9
        metric.UpdateState(tensor(new float[] { 0 }), tensor(new float[] { 2 }));          // 4
        Assert.Equal(14.0 / 3, metric.Result(), 6);
    }

    [Fact]
    public void ASubclassOverridingUpdateStateIsUpdatedThroughItInFitAndEvaluate()
    {
        Keras.Utils.SetRandomSeed(3);
        var metric = new CountingWrapper();
        var model = Sequential().Add(Input(2)).Add(Dense(1));
        model.Compile("sgd", "mse", metrics: [metric]);
        var x = randn(40, 2, generator: manual_seed(1));
        var y = randn(40, 1, generator: manual_seed(2));
        var history = model.Fit(x, y, batchSize: 10, epochs: 1, verbose: 0);
        Assert.Equal(4, metric.Updates);
        Assert.True(history["counted_mae"][0] > 0);
        metric.Updates = 0;
        var scores = model.Evaluate(x, y, batchSize: 10, verbose: 0);
        Assert.Equal(4, metric.Updates);
        var mae = (model.Predict(x) - y).abs().mean().item<float>();
        Assert.Equal(mae, scores["counted_mae"], 5);
    }
}
