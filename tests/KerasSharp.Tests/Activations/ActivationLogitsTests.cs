using KerasSharp.Activations;
using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Activations;

/// <summary>Keras' <c>_keras_logits</c> (TensorFlow backend): cross-entropy of a softmax/sigmoid output uses its logits.</summary>
[Collection(GlobalState.Name)]
public class ActivationLogitsTests
{
    private static Tensor F(float[] data, params long[] shape) => tensor(data).reshape(shape);

    // Logits [100, 0] with the true class 1: the probability formula clips p = e^-100 to 1e-7 and gives -ln(1e-7) = 16.118;
    // from the logits the loss is logsumexp(100, 0) - 0 = 100.
    private static Tensor SaturatedLogits() => F([100, 0], 1, 2);

    [Fact]
    public void SoftmaxOutputUsesLogitsInCategoricalCrossentropy()
    {
        var logits = SaturatedLogits();
        var probs = ActivationFunctions.Softmax(logits);
        TensorAssert.Close(100.0, new CategoricalCrossentropy().Compute(F([0, 1], 1, 2), probs), 1e-4);
        TensorAssert.Close(100.0, new SparseCategoricalCrossentropy().Compute(tensor(new long[] { 1 }), probs), 1e-4);
    }

    [Fact]
    public void PlainProbabilitiesKeepTheClippedFormula()
    {
        // Same values, but not produced by softmax: Keras' probability formula with the 1e-7 clip.
        var probs = ActivationFunctions.Softmax(SaturatedLogits()).clone();
        TensorAssert.Close(-Math.Log(1e-7), new CategoricalCrossentropy().Compute(F([0, 1], 1, 2), probs), 1e-3);
    }

    [Fact]
    public void SoftmaxOverAnotherAxisIsNotTreatedAsLogits()
    {
        var logits = F([100, 0, 0, 100], 2, 2);
        var probsOverAxis0 = ActivationFunctions.Softmax(logits, axis: 0);
        // Rows of softmax over axis 0 are [1, e^-100] and [e^-100, 1]: renormalised per row and clipped, as Keras does.
        var loss = new CategoricalCrossentropy().Compute(F([0, 1, 1, 0], 2, 2), probsOverAxis0);
        TensorAssert.Close(-Math.Log(1e-7), loss, 1e-3);
    }

    [Fact]
    public void SigmoidOutputUsesLogitsInBinaryCrossentropy()
    {
        var probs = ActivationFunctions.Sigmoid(F([-100], 1, 1));
        TensorAssert.Close(100.0, new BinaryCrossentropy().Compute(F([1], 1, 1), probs), 1e-4);
    }

    [Fact]
    public void GradientDoesNotVanishOnASaturatedSoftmax()
    {
        // d/dz of CE from logits = softmax(z) - t = [1, -1]; the clipped probability formula would give 0.
        var z = F([100, 0], 1, 2).requires_grad_(true);
        var loss = new CategoricalCrossentropy().Compute(F([0, 1], 1, 2), ActivationFunctions.Softmax(z));
        loss.backward();
        TensorAssert.Close([1.0, -1.0], z.grad!.reshape(-1), 1e-5);
    }

    [Fact]
    public void ModelWithSoftmaxOutputEvaluatesFromLogitsAndMetricAgrees()
    {
        var model = Sequential().Add(Dense(2, "softmax", inputShape: [1], kernelInitializer: "zeros", biasInitializer: "zeros"));
        model.Compile("sgd", "categorical_crossentropy", metrics: ["categorical_crossentropy"]);
        // Bias [100, 0]: every prediction is softmax([100, 0]); target class 1 -> loss 100 for each sample.
        using (no_grad()) model.Layers[0].Weights[1].copy_(tensor(new float[] { 100, 0 }));
        var x = zeros(4, 1);
        var y = F([0, 1, 0, 1, 0, 1, 0, 1], 4, 2);
        var result = model.Evaluate(x, y, verbose: 0);
        Assert.Equal(100.0, result["loss"], 3);
        Assert.Equal(100.0, result["categorical_crossentropy"], 3);
    }

    [Fact]
    public void LinksLiveInTheCallingThreadsContextNotInAProcessWideTable()
    {
        // An output computed on another thread is plain probabilities here (Keras' torch-backend formula, clipped at 1e-7);
        // on its own thread it keeps its logits.
        Tensor? probs = null;
        double onItsThread = 0;
        var worker = new Thread(() =>
        {
            probs = ActivationFunctions.Softmax(SaturatedLogits());
            onItsThread = new CategoricalCrossentropy().Compute(F([0, 1], 1, 2), probs).item<float>();
        });
        worker.Start();
        worker.Join();
        Assert.Equal(100.0, onItsThread, 3);
        TensorAssert.Close(-Math.Log(1e-7), new CategoricalCrossentropy().Compute(F([0, 1], 1, 2), probs!), 1e-3);
    }
}
