#:project ../../src/KerasSharp/KerasSharp.csproj
// Keras guide "Making new layers and models via subclassing"
// (keras.io/guides/making_new_layers_and_models_via_subclassing, keras-io guides/making_new_layers_and_models_via_subclassing.py),
// ported cell by cell to KerasSharp. MNIST is replaced by generated data of its shape (784 values in [0, 1]) so that the
// script needs no network. The guide's GradientTape loop is written with TorchSharp autograd and a KerasSharp optimizer.
// Run from the repository root: dotnet run examples/guides/making_new_layers_and_models_via_subclassing.cs [--quick]
using System.Globalization;
using KerasSharp;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
Keras.Utils.SetRandomSeed(1337);
string Dims(Tensor t) => $"({string.Join(", ", t.shape)})";
string Values(Tensor t) => "[" + string.Join(", ", t.data<float>().ToArray().Select(v => v.ToString("0.###"))) + "]";

// ## The Layer class: the combination of state (weights) and some computation
var x = ones(2, 2);
var linearLayer = new LinearFixed(4, 2);
var y = linearLayer.Apply(x);
Console.WriteLine($"subclassing: Linear(4, 2) on ones(2, 2) gives {Dims(y)}");
// the weights w and b are automatically tracked by the layer upon being set as layer attributes:
bool tracked = linearLayer.Weights.Count == 2 && ReferenceEquals(linearLayer.Weights[0], linearLayer.W) && ReferenceEquals(linearLayer.Weights[1], linearLayer.B);
Console.WriteLine($"subclassing: linear_layer.weights == [w, b]: {tracked}");

// ## Layers can have non-trainable weights
x = ones(2, 2);
var mySum = new ComputeSum(2);
y = mySum.Apply(x);
Console.WriteLine(Values(y));
y = mySum.Apply(x);
Console.WriteLine(Values(y));
Console.WriteLine($"subclassing: ComputeSum after two calls {Values(y)}");
Console.WriteLine($"weights: {mySum.Weights.Count}");
Console.WriteLine($"non-trainable weights: {mySum.NonTrainableWeights.Count}");
// It's not included in the trainable weights:
Console.WriteLine($"trainable_weights: [{string.Join(", ", mySum.TrainableWeights)}]");

// ## Best practice: deferring weight creation until the shape of the inputs is known
// At instantiation, we don't know on what inputs this is going to get called
var lazyLinear = new Linear(32);
// The layer's weights are created dynamically the first time the layer is called
y = lazyLinear.Apply(x);
Console.WriteLine($"subclassing: lazy Linear(32) built on {Dims(x)}, kernel {Dims(lazyLinear.Weights[0])}");

// ## Layers are recursively composable
var mlp = new MLPBlock();
y = mlp.Apply(ones(3, 64));   // The first call to the `mlp` will create the weights
Console.WriteLine($"weights: {mlp.Weights.Count}");
Console.WriteLine($"trainable weights: {mlp.TrainableWeights.Count}");
Console.WriteLine($"subclassing: MLPBlock tracks {mlp.Weights.Count} weights, {mlp.TrainableWeights.Count} trainable");

// ## The add_loss() method
var layer = new OuterLayer();
bool noLossYet = layer.Losses.Count == 0;   // No losses yet since the layer has never been called
_ = layer.Apply(zeros(1, 1));
bool oneLoss = layer.Losses.Count == 1;     // We created one loss value
// `layer.losses` gets reset at the start of each __call__
_ = layer.Apply(zeros(1, 1));
bool stillOne = layer.Losses.Count == 1;    // This is the loss created during the call above
Console.WriteLine($"subclassing: losses 0 before the call, 1 after, 1 after a second call: {noLossYet && oneLoss && stillOne}");

var regLayer = new OuterLayerWithKernelRegularizer();
_ = regLayer.Apply(zeros(1, 1));
// This is `1e-3 * sum(layer.dense.kernel ** 2)`, created by the `kernel_regularizer` above.
var kernel = regLayer.Dense.Weights[0];
double expectedReg = (1e-3 * kernel.square().sum()).item<float>();
Console.WriteLine($"subclassing: regularization loss {regLayer.Losses[0].item<float>():G6} equals 1e-3 * sum(kernel^2): {Math.Abs(regLayer.Losses[0].item<float>() - expectedReg) < 1e-9}");

// These losses also work seamlessly with fit() (they get automatically summed and added to the main loss, if any):
var inputs = new Input(3);
var outputs = new ActivityRegularizationLayer().Apply(inputs);
var model = new Model(inputs, outputs);
// If there is a loss passed in `compile`, the regularization losses get added to it
model.Compile(optimizer: "adam", loss: "mse");
var xr = rand(2, 3);
var yr = rand(2, 3);
var h = model.Fit(xr, yr, verbose: 0);
double mseOnly = (xr - yr).square().mean().item<float>();
double activity = 1e-2 * xr.mean().item<float>();
Console.WriteLine($"subclassing: fit loss is mse + activity loss: {Math.Abs(h["loss"][0] - (mseOnly + activity)) < 1e-5}");
// It's also possible not to pass any loss in `compile`, since the model already has a loss to minimize, via the
// `add_loss` call during the forward pass!
model.Compile(optimizer: "adam");
h = model.Fit(xr, yr, verbose: 0);
Console.WriteLine($"subclassing: compiled without a loss, fit loss is the activity loss alone: {Math.Abs(h["loss"][0] - activity) < 1e-6}");

// ## You can optionally enable serialization on your layers
using (Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["Linear"] = typeof(Linear) }))
{
    // Now you can recreate the layer from its config:
    var linear64 = new Linear(64);
    var config = linear64.GetConfig();
    Console.WriteLine("{" + string.Join(", ", config.Select(kv => $"'{kv.Key}': {kv.Value}")) + "}");
    var newLayer = Keras.Saving.FromConfig<Layer>("Linear", Keras.Saving.ConfigToJson(config));
    Console.WriteLine($"subclassing: Linear.from_config gives a {newLayer.GetType().Name} with units {((Linear)newLayer).Units} and name {newLayer.Name == linear64.Name}");
}

// ## Privileged training argument in the call() method
var customDropout = new CustomDropout(0.5);
var xd = ones(4, 100);
bool inferenceIdentity = customDropout.Apply(xd, training: false).equal(xd).all().item<bool>();
var dropped = customDropout.Apply(xd, training: true);
long zeroed = dropped.eq(0).sum().item<long>();
Console.WriteLine($"subclassing: CustomDropout is the identity in inference: {inferenceIdentity}, drops in training: {zeroed > 100 && zeroed < 300}");

// ## Privileged mask argument in the call() method: described in the guide, no code cell.

// ## The Model class: ResNet example given in the guide as non-runnable text (no code to port).

// ## Putting it all together: an end-to-end example (a Variational AutoEncoder)
const int originalDim = 784;
var vae = new VariationalAutoEncoder(originalDim, 64, 32);
var optimizer = new Adam(learningRate: 1e-3);
var mseLossFn = new MeanSquaredError();
var lossMetric = new Mean();
// keras.datasets.mnist.load_data() replaced by generated data of MNIST's shape.
int n = quick ? 512 : 60000;
var xTrain = rand(n, 784);
int epochs = 2;
double firstMean = double.NaN, lastMean = double.NaN;
// Iterate over epochs.
for (int epoch = 0; epoch < epochs; epoch++)
{
    Console.WriteLine($"Start of epoch {epoch}");
    lossMetric.ResetState();
    var perm = randperm(n);
    // Iterate over the batches of the dataset.
    for (int step = 0; step * 64 < n; step++)
    {
        using var scope = NewDisposeScope();
        var xBatchTrain = xTrain[perm[(step * 64)..Math.Min(n, (step + 1) * 64)]];
        var reconstructed = vae.Apply(xBatchTrain, training: true);
        // Compute reconstruction loss
        var loss = mseLossFn.Compute(xBatchTrain, reconstructed);
        foreach (var l in vae.Losses) loss = loss + l;   // Add KLD regularization loss
        loss.backward();
        optimizer.Apply(vae.TrainableWeights);
        lossMetric.UpdateState(loss.detach());
        if (step % 100 == 0)
            Console.WriteLine($"step {step}: mean loss = {lossMetric.Result():F4}");
    }
    if (epoch == 0) firstMean = lossMetric.Result();
    lastMean = lossMetric.Result();
}
Console.WriteLine($"subclassing: VAE custom loop mean loss {firstMean:F4} -> {lastMean:F4}, decreased: {lastMean < firstMean}");

// Note that since the VAE is subclassing Model, it features built-in training loops.
vae = new VariationalAutoEncoder(784, 64, 32);
optimizer = new Adam(learningRate: 1e-3);
vae.Compile(optimizer, loss: new MeanSquaredError());
h = vae.Fit(xTrain, xTrain, epochs: 2, batchSize: 64, verbose: 0);
Console.WriteLine($"subclassing: VAE fit loss {h["loss"][0]:F4} -> {h["loss"][1]:F4}, decreased: {h["loss"][1] < h["loss"][0]}; output {Dims(vae.Predict(xTrain[..3], verbose: 0))}");
Console.WriteLine("guide ok");

/// <summary>The guide's first Linear: weights created in the constructor from a known input_dim.</summary>
sealed class LinearFixed : Layer
{
    public readonly Tensor W, B;
    public LinearFixed(int units = 32, int inputDim = 32)
    {
        W = AddWeight("w", [inputDim, units], initializer: "random_normal", trainable: true);
        B = AddWeight("b", [units], initializer: "zeros", trainable: true);
    }
    protected override Tensor Call(Tensor inputs, bool training) => inputs.matmul(W) + B;
}

/// <summary>A layer with a non-trainable weight accumulating the sum of its inputs.</summary>
sealed class ComputeSum : Layer
{
    private readonly Tensor total;
    public ComputeSum(int inputDim) => total = AddWeight("total", [inputDim], initializer: "zeros", trainable: false);
    protected override Tensor Call(Tensor inputs, bool training)
    {
        using (no_grad()) total.add_(inputs.sum([0L]));   // Keras' assign_add
        return total.clone();
    }
}

/// <summary>The guide's Linear with lazy weights (build) and a config (get_config with the base keys).</summary>
sealed class Linear : Layer
{
    public int Units { get; }
    private Tensor? w, b;
    public Linear(int units = 32, string? name = null) : base(name) => Units = units;
    protected override void Build(Shape inputShape)
    {
        w = AddWeight("w", [(long)inputShape[^1]!, Units], initializer: "random_normal", trainable: true);
        b = AddWeight("b", [Units], initializer: "random_normal", trainable: true);
    }
    protected override Tensor Call(Tensor inputs, bool training) => inputs.matmul(w!) + b!;
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        return config;
    }
}

/// <summary>Layers are recursively composable: three Linear layers tracked as attributes.</summary>
sealed class MLPBlock : Layer
{
    private readonly Linear linear1 = new(32), linear2 = new(32), linear3 = new(1);
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var x = linear1.Apply(inputs);
        x = x.relu();
        x = linear2.Apply(x);
        x = x.relu();
        return linear3.Apply(x);
    }
}

/// <summary>A layer that creates an activity regularization loss.</summary>
sealed class ActivityRegularizationLayer(double rate = 1e-2) : Layer
{
    protected override Tensor Call(Tensor inputs, bool training)
    {
        AddLoss(rate * inputs.mean());
        return inputs;
    }
}

sealed class OuterLayer : Layer
{
    private readonly ActivityRegularizationLayer activityReg = new(1e-2);
    protected override Tensor Call(Tensor inputs, bool training) => activityReg.Apply(inputs);
}

sealed class OuterLayerWithKernelRegularizer : Layer
{
    public Dense Dense { get; } = new(32, kernelRegularizer: new L2(1e-3));
    protected override Tensor Call(Tensor inputs, bool training) => Dense.Apply(inputs);
}

/// <summary>A layer whose behaviour depends on the training argument.</summary>
sealed class CustomDropout(double rate, string? name = null) : Layer(name)
{
    protected override Tensor Call(Tensor inputs, bool training) =>
        training ? nn.functional.dropout(inputs, rate, training: true) : inputs;
}

/// <summary>Uses (z_mean, z_log_var) to sample z, the vector encoding a digit.</summary>
sealed class Sampling : Layer
{
    protected override void Build(IReadOnlyList<Shape> inputShapes) { }   // two inputs, no weights
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        var (zMean, zLogVar) = (inputs[0], inputs[1]);
        var epsilon = randn(zMean.shape[0], zMean.shape[1]);
        return [zMean + (0.5 * zLogVar).exp() * epsilon];
    }
}

/// <summary>Maps MNIST digits to a triplet (z_mean, z_log_var, z).</summary>
sealed class Encoder(int latentDim = 32, int intermediateDim = 64, string name = "encoder") : Layer(name)
{
    private readonly Dense denseProj = new(intermediateDim, activation: "relu");
    private readonly Dense denseMean = new(latentDim);
    private readonly Dense denseLogVar = new(latentDim);
    private readonly Sampling sampling = new();
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        var x = denseProj.Apply(inputs[0]);
        var zMean = denseMean.Apply(x);
        var zLogVar = denseLogVar.Apply(x);
        var z = sampling.Apply([zMean, zLogVar]);
        return [zMean, zLogVar, z];
    }
}

/// <summary>Converts z, the encoded digit vector, back into a readable digit.</summary>
sealed class Decoder(int originalDim, int intermediateDim = 64, string name = "decoder") : Layer(name)
{
    private readonly Dense denseProj = new(intermediateDim, activation: "relu");
    private readonly Dense denseOutput = new(originalDim, activation: "sigmoid");
    protected override Tensor Call(Tensor inputs, bool training) => denseOutput.Apply(denseProj.Apply(inputs));
}

/// <summary>Combines the encoder and decoder into an end-to-end model for training.</summary>
sealed class VariationalAutoEncoder(int originalDim, int intermediateDim = 64, int latentDim = 32, string name = "autoencoder") : Model(name)
{
    private readonly Encoder encoder = new(latentDim: latentDim, intermediateDim: intermediateDim);
    private readonly Decoder decoder = new(originalDim, intermediateDim: intermediateDim);
    public int OriginalDim => originalDim;
    public override Tensor Call(Tensor inputs, bool training = false)
    {
        var encoded = encoder.ApplyAll([inputs], training);
        var (zMean, zLogVar, z) = (encoded[0], encoded[1], encoded[2]);
        var reconstructed = decoder.Apply(z, training);
        // Add KL divergence regularization loss.
        var klLoss = -0.5 * (zLogVar - zMean.square() - zLogVar.exp() + 1).mean();
        AddLoss(klLoss);
        return reconstructed;
    }
}
