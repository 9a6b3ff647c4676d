using KerasSharp.Layers;
using KerasSharp.Tests.TestSupport;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// Keras' transfer-learning guide (keras.io/guides/transfer_learning): freeze a base model, call it with
/// training=False inside a new model (the call argument is stored in the node), train the head.
/// </summary>
public class TransferLearningTests
{
    private static Model BaseWithBatchNorm()
    {
        var inputs = Input(3, name: "base_in");
        var h = Dense(4, name: "base_dense").Apply(inputs);
        var outputs = BatchNormalization(name: "base_bn").Apply(h);
        return new Model(inputs, outputs, name: "base_model");
    }

    [Fact]
    public void BaseCalledWithTrainingFalseKeepsBatchNormStatisticsDuringFit()
    {
        var baseModel = BaseWithBatchNorm();
        baseModel.Trainable = false;
        Assert.All(baseModel.Layers, l => Assert.False(l.Trainable));   // Keras: the setter reaches every nested layer
        Assert.Empty(baseModel.TrainableWeights);

        var inputs = Input(3, name: "tl_in");
        var x = baseModel.Apply(inputs, training: false);
        var outputs = Dense(1, name: "tl_head").Apply(x);
        var model = new Model(inputs, outputs);
        Assert.Equal(2, model.TrainableWeights.Count);   // the head's kernel and bias only

        var bn = (BatchNormalization)baseModel.GetLayer("base_bn");
        var meanBefore = bn.MovingMean!.detach().clone();
        var kernelBefore = baseModel.GetLayer("base_dense").GetWeights()[0];
        model.Compile("sgd", "mse");
        var xs = randn(16, 3) * 3 + 2;
        model.Fit(xs, randn(16, 1), batchSize: 8, epochs: 1, verbose: 0);
        // In inference mode BatchNormalization neither uses batch statistics nor updates its moving ones.
        TensorAssert.Close(meanBefore, bn.MovingMean!, 0);
        TensorAssert.Close(kernelBefore, baseModel.GetLayer("base_dense").GetWeights()[0], 0);
    }

    [Fact]
    public void WithoutTheArgumentTheModelModeAppliesAndBatchNormUpdates()
    {
        var baseModel = BaseWithBatchNorm();
        var inputs = Input(3);
        var model = new Model(inputs, Dense(1).Apply(baseModel.Apply(inputs)));
        var bn = (BatchNormalization)baseModel.GetLayer("base_bn");
        model.Compile("sgd", "mse");
        model.Fit(randn(16, 3) * 3 + 2, randn(16, 1), batchSize: 8, epochs: 1, verbose: 0);
        Assert.True(bn.MovingMean!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void TrainingArgumentIsSavedInTheNodeKwargsAndSurvivesARoundTrip()
    {
        var baseModel = BaseWithBatchNorm();
        var inputs = Input(3, name: "rt_in");
        var model = new Model(inputs, Dense(1, name: "rt_head").Apply(baseModel.Apply(inputs, training: false)));
        var json = System.Text.Json.Nodes.JsonNode.Parse(model.ToJson())!;
        var baseEntry = json["config"]!["layers"]!.AsArray().Single(l => (string?)l!["name"] == "base_model")!;
        // Keras writes base_model(x, training=False) as {"args": [<tensor>], "kwargs": {"training": false}}.
        Assert.False((bool)baseEntry["inbound_nodes"]![0]!["kwargs"]!["training"]!);

        var rebuilt = Keras.Models.ModelFromJson(model.ToJson());
        rebuilt.SetWeights(model.GetWeights());
        var bn = (BatchNormalization)((Model)rebuilt.GetLayer("base_model")).GetLayer("base_bn");
        rebuilt.Compile("sgd", "mse");
        rebuilt.Fit(randn(8, 3) + 5, randn(8, 1), batchSize: 8, epochs: 1, verbose: 0);
        TensorAssert.Close(zeros(4), bn.MovingMean!, 0);
    }

    [Fact]
    public void TrainableFalseOnAModelFreezesEveryNestedLayer()
    {
        var baseModel = BaseWithBatchNorm();
        var outer = new Sequential([baseModel, Dense(2)]);
        baseModel.Trainable = false;
        Assert.Equal(2, outer.TrainableWeights.Count);
        Assert.Equal(6, outer.NonTrainableWeights.Count);
        Assert.All(baseModel.Layers.SelectMany(l => l.Weights), w => Assert.DoesNotContain(w, outer.TrainableWeights));
    }
}
