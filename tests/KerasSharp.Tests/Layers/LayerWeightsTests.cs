using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>Keras' layer.get_weights() / set_weights() and variable.name / variable.path.</summary>
public class LayerWeightsTests
{
    [Fact]
    public void GetWeightsAndSetWeightsRoundTripInKerasOrder()
    {
        var dense = Dense(3, name: "gw_dense");
        dense.EnsureBuilt([null, 2]);
        var w = dense.GetWeights();
        Assert.Equal(2, w.Count);
        Assert.Equal(new long[] { 2, 3 }, w[0].shape);   // kernel (in, out)
        Assert.Equal(new long[] { 3 }, w[1].shape);      // bias

        var kernel = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        var bias = tensor(new float[] { 1, 2, 3 });
        dense.SetWeights([kernel, bias]);
        // x @ kernel + bias, computed by hand: [1, 1] -> [0+3, 1+4, 2+5] + [1, 2, 3] = [4, 7, 10]
        TensorAssert.Close(new float[] { 4, 7, 10 }, dense.Apply(ones(1, 2)).reshape(3));
        w[0].fill_(99);   // copies: the layer does not change
        TensorAssert.Close(kernel, dense.GetWeights()[0], 0);
    }

    [Fact]
    public void SetWeightsChecksCountAndShapesBeforeChangingAnything()
    {
        var dense = Dense(3, name: "sw_dense");
        dense.EnsureBuilt([null, 2]);
        var before = dense.GetWeights();
        var count = Assert.Throws<ArgumentException>(() => dense.SetWeights([zeros(2, 3)]));
        Assert.StartsWith("You called SetWeights(weights) on layer \"sw_dense\" with a weight list of length 1, but the layer was expecting 2 weights.", count.Message);
        var shape = Assert.Throws<ArgumentException>(() => dense.SetWeights([zeros(2, 3), zeros(4)]));
        Assert.Contains("Layer sw_dense weight shape (3,)", shape.Message);
        Assert.Contains("provided weight shape (4,)", shape.Message);
        var bad = Assert.Throws<ArgumentException>(() => dense.SetWeights([ones(3, 2), zeros(3)]));
        Assert.Contains("sw_dense/kernel", bad.Message);
        TensorAssert.Close(before[0], dense.GetWeights()[0], 0);
    }

    [Fact]
    public void WeightsCarryKerasNamesAndPaths()
    {
        var model = new Sequential([Input(4), Dense(3, name: "path_dense"), BatchNormalization(name: "path_bn")]);
        Assert.Equal(["path_dense/kernel", "path_dense/bias", "path_bn/gamma", "path_bn/beta", "path_bn/moving_mean", "path_bn/moving_variance"],
            model.Weights.Select(w => w.Path));
        Assert.Equal("kernel", model.Weights[0].Name);

        // A layer built inside another layer's build carries the outer name, as in Keras' fixtures
        // (mha_self_cross.summary.json: multi_head_attention/query/kernel).
        var mha = new MultiHeadAttention(numHeads: 2, keyDim: 3, name: "path_mha");
        var q = Input([5, 4]);
        mha.Apply([q, q]);
        Assert.Contains("path_mha/query/kernel", mha.Weights.Select(w => w.Path));
    }

    [Fact]
    public void ZeroGradClearsTheGradientsOfEveryNestedWeight()
    {
        var model = Sequential().Add(Input(3)).Add(Dense(4)).Add(Dense(1));
        model.Apply(ones(2, 3)).sum().backward();
        Assert.All(model.Weights, w => Assert.NotNull(w.grad));
        model.ZeroGrad();
        Assert.All(model.Weights, w => Assert.Null(w.grad));
        // The next backward starts from nothing: the gradient is one pass's, not the sum of two.
        model.Apply(ones(2, 3)).sum().backward();
        var once = model.Weights[^1].grad!.clone();
        model.ZeroGrad();
        model.Apply(ones(2, 3)).sum().backward();
        Assert.True(model.Weights[^1].grad!.eq(once).all().item<bool>());
    }
}
