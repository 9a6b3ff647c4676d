using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;
using KerasSharp.Tests.TestSupport;
using TorchSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>Custom layers and models written with TorchSharp ops, and the two API levels mixed (api-by-example section 7).</summary>
[Collection(GlobalState.Name)]
public class SubclassingTests
{
    private sealed class Scale : Layer
    {
        private Tensor? w;
        protected override void Build(Shape inputShape) => w = AddWeight("w", [inputShape[^1]], initializer: "ones");
        protected override Tensor Call(Tensor x, bool training) => x * w!;
        public Tensor W => w!;
    }

    private sealed class TanhLayer : Layer
    {
        protected override Tensor Call(Tensor x, bool training) => x.tanh();
    }

    private sealed class Counter : Layer
    {
        public TorchSharp.Modules.Parameter? Count;
        protected override void Build(Shape inputShape) =>
            Count = AddWeight("count", [1], initializer: "zeros", trainable: false);
        protected override Tensor Call(Tensor x, bool training)
        {
            if (training) using (no_grad()) Count!.add_(1);
            return x;
        }
    }

    private sealed class PenalisedScale : Layer
    {
        private Tensor? w;
        protected override void Build(Shape inputShape) =>
            w = AddWeight("w", [inputShape[^1]], initializer: "ones", regularizer: new L2(0.5));
        protected override Tensor Call(Tensor x, bool training)
        {
            AddLoss(x.abs().mean() * 0.0);  // an add_loss term (zero here) must not break training
            return x * w!;
        }
    }

    [Fact]
    public void CustomLayerTrainsInsideASequentialAndItsWeightsChange()
    {
        Keras.Utils.SetRandomSeed(2);
        var scale = new Scale();
        var model = Sequential().Add(Input(8)).Add(scale).Add(Dense(1));
        model.Compile("adam", "mse");
        var before = scale.W.clone();
        var x = randn(64, 8);
        var h = model.Fit(x, x.sum([1L], keepdim: true), epochs: 5, verbose: 0);
        Assert.True(h["loss"][^1] < h["loss"][0]);
        Assert.True((scale.W - before).abs().max().item<float>() > 1e-4);
        Assert.Equal(8 + 9, model.CountParams());
    }

    [Fact]
    public void NonTrainableWeightsAreCountedButNotTrained()
    {
        var counter = new Counter();
        var model = new Sequential([new Input(3), counter, new Dense(1)]);
        model.Compile("sgd", "mse");
        model.Fit(randn(10, 3), randn(10, 1), batchSize: 5, epochs: 2, verbose: 0);
        Assert.Single(counter.NonTrainableWeights);
        Assert.Empty(counter.TrainableWeights);
        Assert.Equal(4f, counter.Count!.item<float>());   // 2 epochs x 2 batches, training only (not in preflight)
    }

    [Fact]
    public void WeightRegularizerFromACustomLayerJoinsTheLoss()
    {
        var model = new Sequential([new Input(2), new PenalisedScale()]);
        model.Compile(new SGD(learningRate: 0), "mse");
        // output equals input (w = 1) so mse 0 vs y = x; penalty 0.5 * (1 + 1) = 1
        var x = tensor(new float[,] { { 1, 2 } });
        Assert.Equal(1.0, model.Evaluate(x, x, verbose: 0)["loss"], 5);
    }

    private sealed class TwoLayerNet : Model
    {
        private readonly Dense hidden = new(16, "relu");
        private readonly Dense output = new(1);
        public TwoLayerNet() : base("two_layer_net") { }
        public override IReadOnlyList<Layer> Layers => [hidden, output];
        public override Tensor Call(Tensor x, bool training = false) => output.Apply(hidden.Apply(x, training), training);
    }

    [Fact]
    public void SubclassedModelOverridingCallTrainsWithFit()
    {
        Keras.Utils.SetRandomSeed(3);
        var model = new TwoLayerNet();
        model.Compile(new Adam(learningRate: 0.01), "mse");
        var x = randn(128, 4);
        var y = x.pow(2).sum([1L], keepdim: true);
        var h = model.Fit(x, y, epochs: 30, verbose: 0);
        Assert.True(h["loss"][^1] < h["loss"][0] / 3, $"{h["loss"][0]} -> {h["loss"][^1]}");
        Assert.Equal(4 * 16 + 16 + 17, model.CountParams());
    }

    [Fact]
    public void HandWrittenLoopWithKerasModelAndKerasOptimizer()
    {
        Keras.Utils.SetRandomSeed(4);
        var model = Sequential().Add(Input(8)).Add(new Scale()).Add(new TanhLayer()).Add(Dense(1));
        var opt = new Adam(learningRate: 0.01);
        var x = randn(64, 8);
        var y = x.sum([1L], keepdim: true).tanh();
        double first = 0, last = 0;
        for (int step = 0; step < 100; step++)
        {
            using var scope = NewDisposeScope();
            var loss = nn.functional.mse_loss(model.Call(x, training: true), y);
            loss.backward();
            opt.Apply(model.TrainableWeights);
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first / 2, $"{first} -> {last}");
        Assert.All(model.TrainableWeights, p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0));
    }

    [Fact]
    public void TorchModuleWrappedAsALayerTrains()
    {
        Keras.Utils.SetRandomSeed(5);
        var module = nn.Sequential(("lin", nn.Linear(4, 8)), ("act", nn.Tanh()));
        var wrapped = new TorchModuleLayer(module);
        var model = new Sequential([new Input(4), wrapped, new Dense(1)]);
        Assert.Equal(2, wrapped.TrainableWeights.Count);
        Assert.Equal(4 * 8 + 8 + 9, model.CountParams());
        model.Compile(new Adam(learningRate: 0.01), "mse");
        var before = module.parameters().First().clone();
        var x = randn(64, 4);
        var h = model.Fit(x, x.sum([1L], keepdim: true), epochs: 10, verbose: 0);
        Assert.True(h["loss"][^1] < h["loss"][0]);
        Assert.True((module.parameters().First() - before).abs().max().item<float>() > 1e-4);
        Assert.Contains("torch_module_layer", model.SummaryText());
    }

    private sealed class DoubleLossModel : Model
    {
        private readonly Dense dense = new(1);
        public int Steps;
        public DoubleLossModel() : base("custom_step") { }
        public override IReadOnlyList<Layer> Layers => [dense];
        public override Tensor Call(Tensor x, bool training = false) => dense.Apply(x, training);

        public override Tensor TrainStep(Tensor x, Tensor y, Tensor? sampleWeight = null)
        {
            Steps++;
            var yPred = Call(x, training: true);
            var loss = ComputeLoss(y, yPred, sampleWeight) * 2;   // a custom objective
            loss.backward();
            Optimizer!.Apply(TrainableWeights);
            UpdateMetrics(y, yPred, sampleWeight);
            return loss;
        }
    }

    [Fact]
    public void TrainStepOverrideKeepsHistoryMetricsAndCallbacks()
    {
        Keras.Utils.SetRandomSeed(6);
        var model = new DoubleLossModel();
        model.Compile(new SGD(learningRate: 0.05), "mse", metrics: ["mae"]);
        var x = randn(40, 3);
        var y = x.sum([1L], keepdim: true);
        var h = model.Fit(x, y, epochs: 3, batchSize: 10, verbose: 0);
        Assert.Equal(12, model.Steps);
        Assert.Equal(["loss", "mae"], h.Keys);
        Assert.Equal(3, h["loss"].Count);
        Assert.True(h["loss"][2] < h["loss"][0]);
        // logged loss is the doubled objective: twice the compiled mse at the same weights after the run is close to it
        var mse = model.Evaluate(x, y, verbose: 0)["loss"];
        Assert.True(h["loss"][2] > mse, $"logged {h["loss"][2]} should be about 2x mse {mse}");
    }
}
