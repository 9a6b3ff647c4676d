using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// Keras' layer.input / layer.output, model.get_layer and the "feature extraction" recipe of the Sequential and
/// functional API guides (keras.io/guides/sequential_model, "Feature extraction with a Sequential model").
/// </summary>
public class FeatureExtractionTests
{
    [Fact]
    public void SequentialWithAnInputExposesEveryLayerOutputForFeatureExtraction()
    {
        // The guide: feature_extractor = keras.Model(inputs=initial_model.inputs,
        //                                            outputs=[layer.output for layer in initial_model.layers])
        var initial = new Sequential([Input(6), Dense(5, "relu", name: "fe_a"), Dense(4, "tanh", name: "fe_b"), Dense(3, name: "fe_c")]);
        var extractor = new Model(initial.Inputs, initial.Layers.Select(l => l.Output));
        Assert.Equal(3, extractor.OutputCount);

        var x = randn(7, 6);
        var outs = extractor.PredictAll(x, verbose: 0);
        var h1 = initial.Layers[0].Apply(x);
        var h2 = initial.Layers[1].Apply(h1);
        var h3 = initial.Layers[2].Apply(h2);
        TensorAssert.Close(h1, outs[0], 1e-6);
        TensorAssert.Close(h2, outs[1], 1e-6);
        TensorAssert.Close(h3, outs[2], 1e-6);
        Assert.Equal(new Shape([null, 4]), initial.GetLayer("fe_b").Output.Shape);
        Assert.Same(initial.Inputs[0], initial.Layers[0].Input);
    }

    [Fact]
    public void IntermediateLayerOfAFunctionalModelByName()
    {
        // The guide: keras.Model(inputs=initial_model.inputs,
        //                        outputs=initial_model.get_layer(name="my_intermediate_layer").output)
        var inputs = Input(5);
        var h = Dense(4, "relu", name: "my_intermediate_layer").Apply(inputs);
        var outputs = Dense(2).Apply(h);
        var model = new Model(inputs, outputs);
        var partial = new Model(model.Inputs, model.GetLayer("my_intermediate_layer").Output);

        var x = randn(3, 5);
        TensorAssert.Close(model.GetLayer("my_intermediate_layer").Apply(x), partial.Predict(x, verbose: 0), 1e-6);
        Assert.Same(model.Input, inputs.Output);
        Assert.Same(model.Output, outputs);
        Assert.Same(model.GetLayer(-1), model.Layers[^1]);
    }

    [Fact]
    public void SequentialWithoutAnInputGetsItsSymbolicGraphWhenBuilt()
    {
        var seq = new Sequential([Dense(3, name: "late_a"), Dense(2, name: "late_b")]);
        Assert.Empty(seq.Inputs);
        var ex = Assert.Throws<InvalidOperationException>(() => seq.Layers[0].Output);
        Assert.Equal("The layer late_a has never been called and thus has no defined output.", ex.Message);

        seq.Predict(randn(2, 4), verbose: 0);   // builds for (None, 4), as Keras' build creates an InputLayer
        Assert.Equal(new Shape([null, 4]), seq.Input.Shape);
        Assert.Equal(new Shape([null, 2]), seq.Output.Shape);
        var x = randn(3, 4);
        TensorAssert.Close(seq.Layers[0].Apply(x), new Model(seq.Inputs, seq.Layers[0].Output).Predict(x, verbose: 0), 1e-6);

        seq.Add(Dense(5, name: "late_c"));
        Assert.Equal(new Shape([null, 5]), seq.Output.Shape);
        seq.Pop();
        Assert.Equal(new Shape([null, 2]), seq.Output.Shape);
    }

    [Fact]
    public void SequentialStartingWithABuiltModelBuildsAtOnce()
    {
        // Keras' Sequential._maybe_rebuild builds from the first layer's input_shape when it is a functional model.
        var fresh = Input(6, name: "pretrained_in");
        var pretrained = new Model(fresh, Dense(4, name: "pretrained_dense").Apply(fresh));
        var model = new Sequential([pretrained, Dense(2, name: "head")]);
        Assert.True(model.Built);
        Assert.Equal(new Shape([null, 6]), model.InputShape);
        Assert.Equal(4 * 6 + 4 + 4 * 2 + 2, model.CountParams());
    }

    [Fact]
    public void GetLayerErrorsAreKerasMessages()
    {
        var model = new Sequential([Input(3), Dense(2, name: "only_dense")]);
        var byName = Assert.Throws<ArgumentException>(() => model.GetLayer("nope"));
        Assert.StartsWith("No such layer: nope. Existing layers are: ['only_dense'].", byName.Message);
        var byIndex = Assert.Throws<ArgumentOutOfRangeException>(() => model.GetLayer(3));
        Assert.StartsWith("Was asked to retrieve layer at index 3 but model only has 1 layers.", byIndex.Message);
    }

    [Fact]
    public void LayerCalledTwiceReportsItsFirstCallAndSeveralTensorsNeedTheList()
    {
        var a = Input(3, name: "twice_a");
        var b = Input(3, name: "twice_b");
        var shared = Dense(2, name: "shared_dense");
        var first = shared.Apply(a);
        shared.Apply(b);
        Assert.Same(first, shared.Output);          // Keras: the first call's tensor
        Assert.Same(a.Output, shared.Input);
        var concat = Concatenate().Apply([a, b]);
        var ex = Assert.Throws<InvalidOperationException>(() => concat.Layer.Input);
        Assert.Contains("2 input tensors; use InputTensors", ex.Message);
        Assert.Equal(2, concat.Layer.InputTensors.Count);
    }
}
