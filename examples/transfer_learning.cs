#:project ../src/KerasSharp/KerasSharp.csproj
// Transfer learning and fine-tuning, after keras.io's guide of that name (Francois Chollet). The guide downloads an
// Xception pretrained on ImageNet (keras.applications, include_top=False) and the cats-vs-dogs images, freezes the
// base (base_model.trainable = False), builds a new model on top (augmentation, Rescaling to [-1, 1],
// base_model(x, training=False), GlobalAveragePooling2D, Dropout(0.2), Dense(1) logits), trains the head with Adam
// and BinaryCrossentropy(from_logits=True), then unfreezes the base, recompiles with Adam(1e-5) and trains end to end.
// The guide's Adam() for the head becomes Adam(0.01) and Adam(1e-5) for fine-tuning becomes Adam(1e-4), as this run
// takes ~100 steps per phase instead of thousands.
// Instead of the downloads this example generates 32x32 RGB images. The "pretrained application" is a small
// Conv2D/BatchNormalization/ReLU stack trained first on a related generated task (which of four shapes, disc, square,
// triangle or ring, a picture shows), saved with model.Save and loaded back with Keras.Models.LoadModel, as a downloaded
// application would be. The new task, with few images, tells discs from squares drawn in other colours on a striped
// background that the base never saw.
// It checks the guide's three claims: the frozen base's weights (BatchNormalization's moving statistics included) do
// not change while the head trains; during fine-tuning the base's kernels move but BatchNormalization's moving mean and
// variance do not, because the base is called with training: false (it stays in inference mode); and the fine-tuned
// model classifies the new images (validation accuracy above 0.85).
// The guide prints model.summary(show_trainable=True); KerasSharp's Summary has no showTrainable argument, so the
// trainable weight counts are printed instead (the guide's len(model.trainable_weights)).
// Run from the repository root: dotnet run examples/transfer_learning.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int outIndex = Array.IndexOf(args, "--out");
string outDir = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : ".";
Directory.CreateDirectory(outDir);

const int size = 32;
int pretrainCount = quick ? 800 : 4000, pretrainEpochs = quick ? 3 : 6;
int trainCount = quick ? 400 : 1000, validationCount = 400;
int headEpochs = quick ? 6 : 10, fineTuneEpochs = quick ? 3 : 5;
const double accuracyThreshold = 0.85;

// --- Generated images (pixel values 0..255, as image_dataset_from_directory gives them) ---
var rng = new Random(2024);
string[] shapeNames = ["disc", "square", "triangle", "ring"];

// Whether pixel (px, py) lies in shape `kind` centred at (cx, cy) with radius r.
static bool Inside(int kind, double px, double py, double cx, double cy, double r)
{
    double dx = px - cx, dy = py - cy;
    return kind switch
    {
        0 => dx * dx + dy * dy <= r * r,
        1 => Math.Abs(dx) <= r * 0.85 && Math.Abs(dy) <= r * 0.85,
        2 => dy <= r * 0.8 && dy >= -r && Math.Abs(dx) <= (dy + r) * 0.6,
        _ => dx * dx + dy * dy <= r * r && dx * dx + dy * dy >= r * r * 0.36,
    };
}

// One image: a shape of a random colour on a background that is either plain and noisy (the pretraining task) or
// striped in other colours (the new task).
float[] Draw(int kind, bool striped)
{
    var pixels = new float[size * size * 3];
    double r = 6 + rng.NextDouble() * 6;
    double cx = r + rng.NextDouble() * (size - 2 * r), cy = r + rng.NextDouble() * (size - 2 * r);
    var background = new double[3];
    var background2 = new double[3];
    var colour = new double[3];
    for (int c = 0; c < 3; c++)
    {
        background[c] = striped ? 60 + rng.Next(80) : rng.Next(90);
        background2[c] = background[c] + (striped ? 25 : 0);
        colour[c] = striped ? 130 + rng.Next(125) : 150 + rng.Next(106);
    }
    int period = 3 + rng.Next(4);
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            bool inside = Inside(kind, x + 0.5, y + 0.5, cx, cy, r);
            bool stripe = striped && (x + y) / period % 2 == 0;
            for (int c = 0; c < 3; c++)
            {
                double value = inside ? colour[c] : stripe ? background2[c] : background[c];
                value += (rng.NextDouble() - 0.5) * 30;
                pixels[(y * size + x) * 3 + c] = (float)Math.Clamp(value, 0, 255);
            }
        }
    return pixels;
}

(Tensor Images, Tensor Labels) Dataset(int count, int[] kinds, bool striped)
{
    var images = new float[count][];
    var labels = new float[count];
    for (int i = 0; i < count; i++)
    {
        int label = i % kinds.Length;
        images[i] = Draw(kinds[label], striped);
        labels[i] = label;
    }
    return (tensor(images.SelectMany(p => p).ToArray()).reshape(count, size, size, 3), tensor(labels).reshape(-1, 1));
}

// --- 1. The "pretrained application": a base trained on the four-shape task, saved and loaded back ---
Utils.SetRandomSeed(7);
var (xPre, yPre) = Dataset(pretrainCount, [0, 1, 2, 3], striped: false);
var baseInputs = Input([size, size, 3], name: "base_input");
KerasTensor h = baseInputs;
// BatchNormalization's momentum is 0.9 instead of Keras' 0.99: the short pretraining takes only ~50 steps, after which
// moving statistics with momentum 0.99 would still be 60% their initial values (0 and 1), and the base, which the new
// model runs in inference mode, would compute garbage.
foreach (var (filters, block) in new[] { (16, 1), (32, 2), (64, 3) })
{
    h = Conv2D(filters, 3, padding: "same", useBias: false, name: $"block{block}_conv").Apply(h);
    h = BatchNormalization(momentum: 0.9, name: $"block{block}_bn").Apply(h);
    h = Activation("relu", name: $"block{block}_relu").Apply(h);
    if (block < 3) h = MaxPooling2D(2, name: $"block{block}_pool").Apply(h);
}
var pretrainedBase = new Model(baseInputs, h, name: "shapes_base");

var preInputs = Input([size, size, 3]);
var p = Rescaling(1.0 / 127.5, offset: -1).Apply(preInputs);
p = pretrainedBase.Apply(p);
p = GlobalAveragePooling2D().Apply(p);
var preOutputs = Dense(shapeNames.Length, activation: "softmax").Apply(p);
var pretrainModel = new Model(preInputs, preOutputs, name: "shapes_classifier");
pretrainModel.Compile(optimizer: new Adam(learningRate: 0.003), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
Console.WriteLine($"Pretraining the base on {pretrainCount} images of {string.Join(", ", shapeNames)}");
var preHistory = pretrainModel.Fit(xPre, yPre, batchSize: 32, epochs: pretrainEpochs, verbose: quick ? 2 : 1);
var (xPreTest, yPreTest) = Dataset(200, [0, 1, 2, 3], striped: false);
Console.WriteLine($"Pretraining accuracy: {preHistory["accuracy"][^1]:F4} (training), {pretrainModel.Evaluate(xPreTest, yPreTest, verbose: 0)["accuracy"]:F4} (200 new images, inference mode)");
string basePath = Path.Combine(outDir, "shapes_base.keras");
pretrainedBase.Save(basePath);
Console.WriteLine($"Saved the base to {Path.GetFileName(basePath)}");

var baseModel = Models.LoadModel(basePath);   // stands in for keras.applications.Xception(weights="imagenet", include_top=False)
Console.WriteLine($"Loaded {baseModel.Name}: {baseModel.Layers.Count} layers, output {baseModel.Outputs[0].Shape}");

// --- 2. The new task: discs (0) against squares (1) on striped backgrounds, few images ---
var (xTrain, yTrain) = Dataset(trainCount, [0, 1], striped: true);
var (xVal, yVal) = Dataset(validationCount, [0, 1], striped: true);
Console.WriteLine($"New task: {trainCount} training and {validationCount} validation images (disc = 0, square = 1, striped backgrounds)");

// --- 3. Freeze the base and train a new head (the guide's model) ---
baseModel.Trainable = false;
var inputs = Input([size, size, 3]);
// The guide's data_augmentation is RandomFlip("horizontal") then RandomRotation(0.1). Only the flip is kept: the base
// was pretrained on axis-aligned squares only, and a square turned by up to 36 degrees is a shape its frozen features
// never learned (with the rotation the head stays near chance within this short run).
var x = RandomFlip("horizontal").Apply(inputs);
x = Rescaling(scale: 1.0 / 127.5, offset: -1).Apply(x);       // the base expects [-1, 1], as Xception does
// The base runs in inference mode: its BatchNormalization layers use (and keep) their moving statistics, even after the
// base is unfrozen for fine-tuning.
x = baseModel.Apply(x, training: false);
x = GlobalAveragePooling2D().Apply(x);
x = Dropout(0.2).Apply(x);                                      // regularize with dropout
var outputs = Dense(1).Apply(x);
var model = new Model(inputs, outputs);
model.Summary();
Console.WriteLine($"Trainable weights with the base frozen: {model.TrainableWeights.Count} (the base's {baseModel.TrainableWeights.Count})");

static List<Tensor> Snapshot(IEnumerable<Tensor> variables)
{
    using var _ = no_grad();
    return variables.Select(v => v.detach().clone()).ToList();
}
static double MaxDiff(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b) =>
    a.Zip(b).Select(t => (t.First - t.Second).abs().max().item<float>()).DefaultIfEmpty(0f).Max();

// BinaryAccuracy's threshold applies to the output, here a logit: 0 is the logit of probability 0.5 (the guide's
// BinaryAccuracy() keeps the default 0.5 on its logits).
// Adam's learning rate is 0.01 rather than the guide's default 0.001: the head gets ~100 steps here, not thousands.
model.Compile(optimizer: new Adam(learningRate: 0.01), loss: new BinaryCrossentropy(fromLogits: true), metrics: [new BinaryAccuracy(threshold: 0.0)]);
var baseBefore = Snapshot(baseModel.Weights);
var headBefore = Snapshot(model.TrainableWeights);
Console.WriteLine("Training the head on top of the frozen base");
model.Fit(xTrain, yTrain, batchSize: 16, epochs: headEpochs, validationData: (xVal, yVal), verbose: quick ? 2 : 1);
double frozenDiff = MaxDiff(Snapshot(baseModel.Weights), baseBefore);
double headChange = MaxDiff(Snapshot(model.TrainableWeights), headBefore);
Console.WriteLine($"Max |change| of the base's {baseModel.Weights.Count} weights: {frozenDiff:G3}; of the head's weights: {headChange:G3}");
bool frozenUnchanged = frozenDiff == 0 && headChange > 0;
Console.WriteLine($"frozen base unchanged: {frozenUnchanged}");
double headAccuracy = model.Evaluate(xVal, yVal, verbose: 0)["binary_accuracy"];
Console.WriteLine($"Validation accuracy after training the head: {headAccuracy:F4}");

// --- 4. Fine-tuning: unfreeze the base, recompile with a very low learning rate, train end to end ---
baseModel.Trainable = true;
Console.WriteLine($"Trainable weights with the base unfrozen: {model.TrainableWeights.Count} (the base's {baseModel.TrainableWeights.Count})");
model.Compile(optimizer: new Adam(learningRate: 1e-4), loss: new BinaryCrossentropy(fromLogits: true), metrics: [new BinaryAccuracy(threshold: 0.0)]);
var bnLayers = baseModel.Layers.OfType<BatchNormalization>().ToList();
var movingBefore = Snapshot(bnLayers.SelectMany(l => new Tensor[] { l.MovingMean!, l.MovingVariance! }));
var kernelsBefore = Snapshot(baseModel.TrainableWeights);
Console.WriteLine("Fine-tuning the whole model");
model.Fit(xTrain, yTrain, batchSize: 16, epochs: fineTuneEpochs, validationData: (xVal, yVal), verbose: quick ? 2 : 1);
double movingDiff = MaxDiff(Snapshot(bnLayers.SelectMany(l => new Tensor[] { l.MovingMean!, l.MovingVariance! })), movingBefore);
double baseChange = MaxDiff(Snapshot(baseModel.TrainableWeights), kernelsBefore);
Console.WriteLine($"Max |change| of the {bnLayers.Count} BatchNormalization layers' moving mean and variance: {movingDiff:G3}; of the base's trainable weights: {baseChange:G3}");
Console.WriteLine($"batchnorm statistics unchanged: {movingDiff == 0}");
Console.WriteLine($"base weights fine-tuned: {baseChange > 0}");

double accuracy = model.Evaluate(xVal, yVal, verbose: 0)["binary_accuracy"];
Console.WriteLine($"Validation accuracy after fine-tuning: {accuracy:F4}");
Console.WriteLine($"accuracy above {accuracyThreshold}: {accuracy > accuracyThreshold}");
return frozenUnchanged && movingDiff == 0 && baseChange > 0 && accuracy > accuracyThreshold ? 0 : 1;
