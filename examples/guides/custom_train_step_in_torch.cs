#:project ../../src/KerasSharp/KerasSharp.csproj
// Keras guide "Customizing what happens in fit() with PyTorch" (keras.io/guides/custom_train_step_in_torch, keras-io
// guides/custom_train_step_in_torch.py), ported cell by cell to KerasSharp (whose backend is LibTorch, as the guide's).
// MNIST is replaced by generated images of its shape (28x28x1 in [0, 1]) so that the script needs no network; the
// guide's torch DataLoader becomes an IEnumerable<DataBatch> stream.
// Run from the repository root: dotnet run examples/guides/custom_train_step_in_torch.cs [--quick]
using System.Globalization;
using KerasSharp;
using KerasSharp.Data;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
Keras.Utils.SetRandomSeed(1337);
string Fmt(IEnumerable<double> v) => string.Join(", ", v.Select(d => d.ToString("F4")));

// ## A first simple example
var inputs = new Input(32);
var outputs = new Dense(1).Apply(inputs);
var model = new CustomModel1(inputs, outputs);
model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);
// Just use `fit` as usual
var x = rand(1000, 32);
var y = rand(1000, 1);
var history = model.Fit(x, y, epochs: 3, verbose: 0);
Console.WriteLine($"custom fit: first example logged {string.Join(", ", history.Keys)}; mae [{Fmt(history["mae"])}]");
Console.WriteLine($"custom fit: Metrics lists a \"loss\" tracker as Keras 3's does: {model.Metrics.Any(m => m.Name == "loss")}");

// ## Going lower-level
inputs = new Input(32);
outputs = new Dense(1).Apply(inputs);
var model2 = new CustomModel2(inputs, outputs);
// We don't pass a loss or metrics here.
model2.Compile(optimizer: "adam");
// Just use `fit` as usual -- you can use callbacks, etc.
x = rand(1000, 32);
y = rand(1000, 1);
history = model2.Fit(x, y, epochs: 5, verbose: 0);
Console.WriteLine($"custom fit: lower-level step logged {string.Join(", ", history.Keys)}; loss [{Fmt(history["loss"])}]");
Console.WriteLine($"custom fit: loss decreased over 5 epochs: {history["loss"][^1] < history["loss"][0]}");

// ## Supporting sample_weight & class_weight
inputs = new Input(32);
outputs = new Dense(1).Apply(inputs);
var model3 = new CustomModel3(inputs, outputs);
model3.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);
// You can now use sample_weight argument
x = rand(1000, 32);
y = rand(1000, 1);
var sw = rand(1000, 1);
history = model3.Fit(x, y, sampleWeight: sw, epochs: 3, verbose: 0);
Console.WriteLine($"custom fit: sample-weighted step received weights in {model3.WeightedSteps} of {model3.Steps} steps; logged {string.Join(", ", history.Keys)}");

// ## Providing your own evaluation step
inputs = new Input(32);
outputs = new Dense(1).Apply(inputs);
var model4 = new CustomModel4(inputs, outputs);
model4.Compile(loss: "mse", metrics: ["mae"]);
// Evaluate with our custom test_step
x = rand(1000, 32);
y = rand(1000, 1);
var scores = model4.Evaluate(x, y, verbose: 0);
double maeByHand = (model4.Predict(x, verbose: 0) - y).abs().mean().item<float>();
Console.WriteLine($"custom fit: custom test_step gives {string.Join(", ", scores.Keys)}; mae equals the mean |error|: {Math.Abs(scores["mae"] - maeByHand) < 1e-5}");

// ## Wrapping up: an end-to-end GAN example
// Create the discriminator
var discriminator = new Sequential([
    new Input([28, 28, 1]),
    new Conv2D(64, (3, 3), strides: (2, 2), padding: "same"),
    new LeakyReLU(negativeSlope: 0.2),
    new Conv2D(128, (3, 3), strides: (2, 2), padding: "same"),
    new LeakyReLU(negativeSlope: 0.2),
    new GlobalMaxPooling2D(),
    new Dense(1),
], name: "discriminator");
// Create the generator
const int latentDim = 128;
var generator = new Sequential([
    new Input(latentDim),
    // We want to generate 128 coefficients to reshape into a 7x7x128 map
    new Dense(7 * 7 * 128),
    new LeakyReLU(negativeSlope: 0.2),
    new Reshape((7, 7, 128)),
    new Conv2DTranspose(128, (4, 4), strides: (2, 2), padding: "same"),
    new LeakyReLU(negativeSlope: 0.2),
    new Conv2DTranspose(128, (4, 4), strides: (2, 2), padding: "same"),
    new LeakyReLU(negativeSlope: 0.2),
    new Conv2D(1, (7, 7), padding: "same", activation: "sigmoid"),
], name: "generator");
Console.WriteLine($"custom fit: generator output {generator.OutputShape}, discriminator output {discriminator.OutputShape}");

// Prepare the dataset (MNIST's 70,000 training and test digits in the guide; generated images here).
// (--quick: 2 batches of 16 instead of batches of 64: the generator's transposed convolutions are heavy on a CPU)
int batchSize = quick ? 16 : 64;
int nDigits = quick ? 32 : 2048;
var allDigits = rand(nDigits, 28, 28, 1);
// The DataLoader: shuffled batches of (images, images).
IEnumerable<DataBatch> Dataloader()
{
    var order = randperm(nDigits);
    for (int i = 0; i < nDigits; i += batchSize)
    {
        var idx = order[i..Math.Min(i + batchSize, nDigits)];
        yield return new DataBatch(allDigits[idx], allDigits[idx]);
    }
}

var gan = new GAN(discriminator: discriminator, generator: generator, latentDim: latentDim);
gan.Compile(
    dOptimizer: new Adam(learningRate: 0.0003),
    gOptimizer: new Adam(learningRate: 0.0003),
    lossFn: new BinaryCrossentropy(fromLogits: true));
var dBefore = discriminator.GetWeights()[0].clone();
var gBefore = generator.GetWeights()[0].clone();
history = gan.Fit(Dataloader(), epochs: 1, verbose: 1);
Console.WriteLine($"custom fit: GAN logged {string.Join(", ", history.Keys)}: d_loss {history["d_loss"][0]:F4}, g_loss {history["g_loss"][0]:F4}");
bool dChanged = !discriminator.GetWeights()[0].equal(dBefore).all().item<bool>();
bool gChanged = !generator.GetWeights()[0].equal(gBefore).all().item<bool>();
Console.WriteLine($"custom fit: GAN trained both networks: discriminator updated {dChanged}, generator updated {gChanged}; {gan.Steps} steps");
Console.WriteLine("guide ok");


/// <summary>A first simple example: the standard update, with compute_loss and the metrics of Metrics.</summary>
sealed class CustomModel1(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
{
    public override IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
    {
        // Compute loss
        var yPred = Call(x[0], training: true);   // Forward pass
        var loss = ComputeLoss(y![0], yPred);
        // Call torch.Tensor.backward() on the loss to compute gradients for the weights.
        loss.backward();
        // Update weights (Apply also clears the gradients for the next step)
        Optimizer!.Apply(TrainableWeights);
        // Update metrics (includes the metric that tracks the loss)
        foreach (var metric in Metrics)
        {
            if (metric.Name == "loss") ((Mean)metric).UpdateState(loss.detach());
            else metric.UpdateState(y[0], yPred.detach());
        }
        // Return a dict mapping metric names to current value
        return Metrics.ToDictionary(m => m.Name, m => m.Result());
    }
}

/// <summary>Going lower-level: the loss and the metrics are the model's own, listed in Metrics.</summary>
sealed class CustomModel2(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
{
    private readonly Mean lossTracker = new("loss");
    private readonly MeanAbsoluteErrorMetric maeMetric = new("mae");
    private readonly MeanSquaredError lossFn = new();

    public override IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
    {
        var yPred = Call(x[0], training: true);   // Forward pass
        var loss = lossFn.Compute(y![0], yPred);
        loss.backward();
        Optimizer!.Apply(TrainableWeights);
        // Compute our own metrics
        lossTracker.UpdateState(loss.detach());
        maeMetric.UpdateState(y[0], yPred.detach());
        return new Dictionary<string, double> { ["loss"] = lossTracker.Result(), ["mae"] = maeMetric.Result() };
    }

    // We list our Metric objects here so that ResetState() can be called automatically at the start of each epoch or
    // at the start of Evaluate().
    public override IReadOnlyList<Metric> Metrics => [lossTracker, maeMetric];
}

/// <summary>Supporting sample_weight and class_weight: pass them to compute_loss and update_state.</summary>
sealed class CustomModel3(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
{
    public int Steps, WeightedSteps;
    public override IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
    {
        Steps++;
        if (sampleWeight is not null) WeightedSteps++;
        var yPred = Call(x[0], training: true);   // Forward pass
        var loss = ComputeLoss(y![0], yPred, sampleWeight);
        loss.backward();
        Optimizer!.Apply(TrainableWeights);
        foreach (var metric in Metrics)
        {
            if (metric.Name == "loss") ((Mean)metric).UpdateState(loss.detach());
            else metric.UpdateState(y[0], yPred.detach(), sampleWeight);
        }
        return Metrics.ToDictionary(m => m.Name, m => m.Result());
    }
}

/// <summary>Providing your own evaluation step.</summary>
sealed class CustomModel4(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
{
    public override IReadOnlyDictionary<string, double>? TestStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
    {
        // Compute predictions
        var yPred = Call(x[0], training: false);
        // Updates the metrics tracking the loss
        var loss = ComputeLoss(y![0], yPred);
        // Update the metrics.
        foreach (var metric in Metrics)
        {
            if (metric.Name == "loss") ((Mean)metric).UpdateState(loss);
            else metric.UpdateState(y[0], yPred);
        }
        // Return a dict mapping metric names to current value.
        return Metrics.ToDictionary(m => m.Name, m => m.Result());
    }
}

/// <summary>The guide's GAN: its own Compile signature and the whole algorithm in TrainStep.</summary>
sealed class GAN : Model
{
    private readonly Sequential discriminator, generator;
    private readonly int latentDim;
    private readonly Mean dLossTracker = new("d_loss"), gLossTracker = new("g_loss");
    private readonly SeedGenerator seedGenerator = new(1337);
    private Optimizer? dOptimizer, gOptimizer;
    private Loss? lossFn;
    public int Steps;

    public GAN(Sequential discriminator, Sequential generator, int latentDim) : base("gan")
    {
        this.discriminator = discriminator;
        this.generator = generator;
        this.latentDim = latentDim;
    }

    public override IReadOnlyList<Metric> Metrics => [dLossTracker, gLossTracker];

    public void Compile(Optimizer dOptimizer, Optimizer gOptimizer, Loss lossFn)
    {
        base.Compile();
        this.dOptimizer = dOptimizer;
        this.gOptimizer = gOptimizer;
        this.lossFn = lossFn;
    }

    public override Tensor Call(Tensor x, bool training = false) => discriminator.Apply(x, training);

    public override IReadOnlyDictionary<string, double>? TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, Tensor? sampleWeight)
    {
        Steps++;
        var realImages = x[0];
        // Sample random points in the latent space
        long batchSize = realImages.shape[0];
        var randomLatentVectors = Keras.Random.Normal([batchSize, latentDim], seed: seedGenerator);
        // Decode them to fake images
        var generatedImages = generator.Apply(randomLatentVectors);
        // Combine them with real images
        var combinedImages = cat([generatedImages, realImages], 0);
        // Assemble labels discriminating real from fake images
        var labels = cat([ones(batchSize, 1), zeros(batchSize, 1)], 0);
        // Add random noise to the labels - important trick!
        labels += 0.05 * Keras.Random.Uniform(labels.shape, seed: seedGenerator);

        // Train the discriminator
        ZeroGrad();
        var predictions = discriminator.Apply(combinedImages);
        var dLoss = lossFn!.Compute(labels, predictions);
        dLoss.backward();
        dOptimizer!.Apply(discriminator.TrainableWeights);

        // Sample random points in the latent space
        randomLatentVectors = Keras.Random.Normal([batchSize, latentDim], seed: seedGenerator);
        // Assemble labels that say "all real images"
        var misleadingLabels = zeros(batchSize, 1);
        // Train the generator (note that we should *not* update the weights of the discriminator)!
        ZeroGrad();
        predictions = discriminator.Apply(generator.Apply(randomLatentVectors));
        var gLoss = lossFn.Compute(misleadingLabels, predictions);
        gLoss.backward();
        gOptimizer!.Apply(generator.TrainableWeights);

        // Update metrics and return their value.
        dLossTracker.UpdateState(dLoss.detach());
        gLossTracker.UpdateState(gLoss.detach());
        return new Dictionary<string, double> { ["d_loss"] = dLossTracker.Result(), ["g_loss"] = gLossTracker.Result() };
    }
}
