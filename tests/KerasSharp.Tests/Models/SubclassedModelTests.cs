using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Tests.Saving;
using KerasSharp.Tests.TestSupport;
using PureHDF;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Tests.Models;

/// <summary>
/// Subclassed models and layers: sub-layers held in fields, auto-properties, private fields, lists, or registered with
/// TrackLayer are tracked as Keras tracks attributes (Layers, weights, optimizer slots) and saved under Keras'
/// saving_lib paths; a save or load that would silently miss weights is an error.
/// </summary>
[Collection(GlobalState.Name)]
public class SubclassedModelTests
{
    /// <summary>
    /// Every way of holding a sub-layer. Keras attribute names: dense1, encoder, head, blocks (a list), projection,
    /// norm; plus one layer registered only with TrackLayer (reached through a delegate, so no member holds it).
    /// </summary>
    private sealed class Net : Model
    {
        public readonly Dense Dense1;                 // public field
        private readonly Dense _encoder;              // private field, leading underscore dropped: "encoder"
        public Dense Head { get; }                    // auto-property: "head"
        private readonly List<Dense> blocks;          // list: "blocks/dense", "blocks/dense_1"
        private readonly Dense projection;            // sorts after Keras' "layers" attribute
        private readonly BatchNormalization norm;     // non-trainable weights too
        private readonly Func<Tensor, bool, Tensor> shortcut;

        public Net() : base("net")
        {
            var sc = TrackLayer(new Dense(8));
            shortcut = (x, training) => sc.Apply(x, training);
            Dense1 = new Dense(8, activation: "relu");
            _encoder = new Dense(8, activation: "relu");
            blocks = [new Dense(8), new Dense(8)];
            projection = new Dense(8, activation: "tanh");
            norm = new BatchNormalization();
            Head = new Dense(1);
        }

        public override Tensor Call(Tensor x, bool training = false)
        {
            var h = _encoder.Apply(Dense1.Apply(x, training), training);
            foreach (var b in blocks) h = nn.functional.relu(h + b.Apply(h, training));
            h = norm.Apply(h, training) + shortcut(x, training);
            return Head.Apply(projection.Apply(h, training), training);
        }
    }

    private const double LearningRate = 1.0 / 128;

    private static (Tensor X, Tensor Y) Data()
    {
        var g = new TorchSharp.torch.Generator(11);
        var x = randn([32, 4], generator: g);
        return (x, x.sum([1L], keepdim: true).sin());
    }

    private static Net BuiltNet(int seed)
    {
        Keras.Utils.SetRandomSeed(seed);
        var net = new Net();
        net.Predict(Data().X, verbose: 0);   // builds every sub-layer (a subclassed model learns its input shape on first call)
        return net;
    }

    private static HashSet<string> Datasets(string path) => H5Listing.Datasets(path);

    [Fact]
    public void FieldsPropertiesPrivateFieldsListsAndTrackedLayersAreTheModelsLayersAndWeights()
    {
        var net = BuiltNet(1);
        // TrackLayer'd first (registered in the constructor), then the members in declaration order.
        Assert.Equal(["Dense", "Dense", "Dense", "Dense", "Dense", "Dense", "Dense", "BatchNormalization"],
            net.Layers.Select(l => l.GetType().Name));
        Assert.Same(net.Dense1, net.Layers[1]);
        Assert.Same(net.Head, net.Layers[3]);
        Assert.Equal(7 * 2 + 4, net.Weights.Count);
        Assert.Equal(7 * 2 + 2, net.TrainableWeights.Count);
        Assert.Equal(2, net.NonTrainableWeights.Count);
        Assert.Equal(2 * (4 * 8 + 8) + 4 * (8 * 8 + 8) + (8 + 1) + 4 * 8, net.CountParams());
        Assert.Equal(net.Weights.Count, net.GetWeights().Count);
    }

    [Fact]
    public void WeightsFileUsesKerasAttributePaths()
    {
        var net = BuiltNet(2);
        net.Compile(new Adam(learningRate: 0.01), "mse");
        var (x, y) = Data();
        net.Fit(x, y, batchSize: 8, epochs: 1, shuffle: false, verbose: 0);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "net.weights.h5");
        net.SaveWeights(path);

        var expected = new HashSet<string>(StringComparer.Ordinal)
        {
            "blocks/dense/vars/0 (8, 8)", "blocks/dense/vars/1 (8)",
            "blocks/dense_1/vars/0 (8, 8)", "blocks/dense_1/vars/1 (8)",
            "dense1/vars/0 (4, 8)", "dense1/vars/1 (8)",
            "encoder/vars/0 (8, 8)", "encoder/vars/1 (8)",
            "head/vars/0 (8, 1)", "head/vars/1 (1)",
            // Keras' `layers` attribute (the model's layers in tracking order: the TrackLayer'd Dense is `dense`, then
            // dense1 .. blocks[1] are dense_1 .. dense_5) comes before `norm` and `projection` in sorted order, so those
            // two are stored in it, as Keras' saving_lib does.
            "layers/dense/vars/0 (4, 8)", "layers/dense/vars/1 (8)",
            "layers/dense_6/vars/0 (8, 8)", "layers/dense_6/vars/1 (8)",
            "layers/batch_normalization/vars/0 (8)", "layers/batch_normalization/vars/1 (8)",
            "layers/batch_normalization/vars/2 (8)", "layers/batch_normalization/vars/3 (8)",
        };
        var optimizer = Enumerable.Range(0, 2 + 2 * 16).Select(i => $"optimizer/vars/{i} ").ToArray();
        var written = Datasets(path);
        var weights = written.Where(d => !d.StartsWith("optimizer/", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(expected.Order(StringComparer.Ordinal), weights.Order(StringComparer.Ordinal));
        // Keras' save_weights stores the optimizer too: iterations, learning rate, then m and v for the 16 trainable weights.
        Assert.Equal(2 + 2 * 16, written.Count(d => d.StartsWith("optimizer/vars/", StringComparison.Ordinal)));
        Assert.All(optimizer, p => Assert.Contains(written, d => d.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void GetWeightsSetWeightsRoundTripGivesIdenticalPredictions()
    {
        var a = BuiltNet(3);
        var b = BuiltNet(4);
        var x = Data().X;
        Assert.False(a.Predict(x, verbose: 0).allclose(b.Predict(x, verbose: 0)));
        b.SetWeights(a.GetWeights());
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
        var shapes = a.GetWeights().Select(w => Shape.FromDims(w.shape).ToString()).ToArray();
        Assert.Equal(shapes, b.GetWeights().Select(w => Shape.FromDims(w.shape).ToString()));
    }

    [Fact]
    public void SaveWeightsThenLoadWeightsIntoANewInstancePredictsAndKeepsTrainingIdentically()
    {
        var (x, y) = Data();
        // A learning rate a float32 holds exactly: the file stores it as float32, as Keras does.
        var a = BuiltNet(5);
        a.Compile(new Adam(learningRate: LearningRate), "mse");
        a.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "net.weights.h5");
        a.SaveWeights(path);

        var b = BuiltNet(6);
        b.Compile(new Adam(learningRate: LearningRate), "mse");
        Assert.False(a.Predict(x, verbose: 0).allclose(b.Predict(x, verbose: 0)));
        b.LoadWeights(path);
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
        Assert.Equal(a.Optimizer!.Iterations, b.Optimizer!.Iterations);

        var la = a.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0)["loss"];
        var lb = b.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0)["loss"];
        Assert.Equal(la, lb);
        TensorAssert.Close(a.Predict(x, verbose: 0), b.Predict(x, verbose: 0), 0);
    }

    [Fact]
    public void ContinuedTrainingDiffersWithoutTheOptimizerStateSoTheStateRoundTripIsWhatMatters()
    {
        var (x, y) = Data();
        var a = BuiltNet(7);
        a.Compile(new Adam(learningRate: 0.01), "mse");
        a.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "net.weights.h5");
        a.SaveWeights(path);
        var b = BuiltNet(8);
        b.LoadWeights(path);           // not compiled: the weights load, the optimizer state has nowhere to go
        b.Compile(new Adam(learningRate: 0.01), "mse");
        var la = a.Fit(x, y, batchSize: 8, epochs: 1, shuffle: false, verbose: 0)["loss"];
        var lb = b.Fit(x, y, batchSize: 8, epochs: 1, shuffle: false, verbose: 0)["loss"];
        Assert.NotEqual(la, lb);
    }

    /// <summary>A layer whose weights are held through a helper object that no attribute walk can see.</summary>
    private sealed class Holder
    {
        public Dense Inner { get; } = new(2, name: "hidden_inner");
    }

    private sealed class Opaque : Model
    {
        private readonly Holder holder = new();
        public Opaque() : base("opaque") { }
        public override IReadOnlyList<Parameter> TrainableWeights => [.. base.TrainableWeights, .. holder.Inner.TrainableWeights];
        public override Tensor Call(Tensor x, bool training = false) => holder.Inner.Apply(x, training);
    }

    [Fact]
    public void SavingOrLoadingWeightsTheWalkCannotReachIsAnErrorAndWritesNothing()
    {
        var model = new Opaque();
        model.Predict(randn(2, 3), verbose: 0);
        Assert.Equal(2, model.Weights.Count);
        var dir = SavingTestSupport.NewFolder();
        var path = Path.Combine(dir, "o.weights.h5");
        var save = Assert.Throws<InvalidOperationException>(() => model.SaveWeights(path));
        Assert.Contains("model \"opaque\" (Opaque)", save.Message);
        Assert.Contains("none of its 2 weights would be written", save.Message);
        Assert.Contains("layer 'hidden_inner' (Dense): kernel (3, 2), bias (2,)", save.Message);
        Assert.Contains("TrackLayer", save.Message);
        Assert.Empty(Directory.GetFiles(dir));

        BuiltNet(9).SaveWeights(path);
        var load = Assert.Throws<InvalidOperationException>(() => model.LoadWeights(path));
        Assert.Contains("Cannot load the weights of model \"opaque\"", load.Message);
    }

    [Fact]
    public void LoadingAFileWithNoWeightsIntoAModelWithWeightsIsAnErrorNamingTheFile()
    {
        var dir = SavingTestSupport.NewFolder();
        var empty = Path.Combine(dir, "empty.weights.h5");
        new Net().SaveWeights(empty);              // never called: no weights yet, so an empty file is right (Keras warns)
        var net = BuiltNet(10);
        var before = net.GetWeights();
        var ex = Assert.Throws<InvalidDataException>(() => net.LoadWeights(empty));
        Assert.Contains(empty, ex.Message);
        Assert.Contains("the file holds no weights, but model \"net\" (Net) has 18", ex.Message);
        var skip = Assert.Throws<InvalidDataException>(() => net.LoadWeights(empty, skipMismatch: true));
        Assert.Contains("holds no weights", skip.Message);
        foreach (var (w, b) in net.GetWeights().Zip(before)) TensorAssert.Close(b, w, 0);
    }

    private sealed class Clash : Model
    {
        private readonly Dense _dense = new(2);
        private readonly Dense dense = new(2);
        public Clash() : base("clash") { }
        public override Tensor Call(Tensor x, bool training = false) => _dense.Apply(x, training) + dense.Apply(x, training);
    }

    [Fact]
    public void TwoMembersWithOneKerasNameAreAnErrorNamingBoth()
    {
        var model = new Clash();
        model.Predict(randn(2, 3), verbose: 0);
        var ex = Assert.Throws<InvalidOperationException>(() => model.SaveWeights(Path.Combine(SavingTestSupport.NewFolder(), "c.weights.h5")));
        Assert.Contains("field _dense and field dense both map to the Keras attribute name 'dense'", ex.Message);
    }

    /// <summary>A custom layer creating its sub-layer in Build, with a reference back to its parent model.</summary>
    private sealed class Block : Layer
    {
        private Dense? inner;
        public Model? Parent;
        protected override void Build(Shape inputShape) => inner = new Dense(3);
        protected override Tensor Call(Tensor x, bool training) => inner!.Apply(x, training);
    }

    [Fact]
    public void ALayerCreatedInBuildIsTrackedAndAReferenceBackToTheParentIsNot()
    {
        var block = new Block();
        var model = new Sequential([new Input(4), block, new Dense(1)]);
        block.Parent = model;
        Assert.Equal(2 * 2, model.Weights.Count);
        Assert.Single(block.SubLayers);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "s.weights.h5");
        model.SaveWeights(path);
        Assert.Contains("layers/block/inner/vars/0 (4, 3)", Datasets(path));
        Assert.Contains("layers/dense/vars/0 (3, 1)", Datasets(path));
        var copy = new Sequential([new Input(4), new Block(), new Dense(1)]);
        copy.LoadWeights(path);
        var x = randn(5, 4);
        TensorAssert.Close(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0), 0);
    }

    /// <summary>A custom layer holding an array and a dictionary of layers.</summary>
    private sealed class Heads : Layer
    {
        private readonly Dense[] heads = [new(2), new(2)];
        public Dictionary<string, Dense> ByName { get; } = new() { ["first"] = new(1), ["second"] = new(1) };
        protected override Tensor Call(Tensor x, bool training) =>
            cat([heads[0].Apply(x), heads[1].Apply(x), ByName["first"].Apply(x), ByName["second"].Apply(x)], 1);
    }

    [Fact]
    public void ArraysAndDictionariesOfLayersAreKerasContainers()
    {
        var model = new Sequential([new Input(3), new Heads()]);
        model.Predict(randn(2, 3), verbose: 0);
        Assert.Equal(4 * 2, model.Weights.Count);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "h.weights.h5");
        model.SaveWeights(path);
        Assert.Equal(
            ["layers/heads/by_name/dense/vars/0 (3, 1)", "layers/heads/by_name/dense/vars/1 (1)",
             "layers/heads/by_name/dense_1/vars/0 (3, 1)", "layers/heads/by_name/dense_1/vars/1 (1)",
             "layers/heads/heads/dense/vars/0 (3, 2)", "layers/heads/heads/dense/vars/1 (2)",
             "layers/heads/heads/dense_1/vars/0 (3, 2)", "layers/heads/heads/dense_1/vars/1 (2)"],
            Datasets(path).Order(StringComparer.Ordinal));
        var copy = new Sequential([new Input(3), new Heads()]);
        copy.Predict(randn(2, 3), verbose: 0);
        copy.LoadWeights(path);
        var x = randn(4, 3);
        TensorAssert.Close(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0), 0);
    }

    private sealed class SelfTracker : Layer
    {
        public void TrackSelf() => TrackLayer(this);
    }

    [Fact]
    public void TrackLayerOfTheLayerItselfIsAnError()
    {
        var layer = new SelfTracker();
        var ex = Assert.Throws<ArgumentException>(layer.TrackSelf);
        Assert.Contains("it is the layer itself", ex.Message);
        Assert.Equal("layer", ex.ParamName);
    }
}
