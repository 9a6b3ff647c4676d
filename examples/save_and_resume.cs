#:project ../src/KerasSharp/KerasSharp.csproj
// Save and resume. A small functional model is trained on generated data with a ModelCheckpoint that writes a Keras
// 3 .keras file after every epoch (architecture, weights and the Adam optimizer's state). The run is "killed" in the
// middle of an epoch (an exception thrown from a callback; every reference to the model is then dropped), a new model
// is loaded from the latest checkpoint with Keras.Models.LoadModel, and training continues from that epoch
// (Fit's initialEpoch). The losses and the final weights are compared with an uninterrupted run of the same training.
// Both runs use shuffle: false: Keras' shuffling draws from a random generator whose state a checkpoint does not hold,
// so a shuffled resumed run would see the batches in another order than the uninterrupted one.
// The weights and optimizer slots come back bit for bit. The learning rate is stored as float32, as Keras stores it,
// while KerasSharp's optimizer keeps it as a double (0.01 in the uninterrupted run, 0.00999999978 after loading), so
// the later updates may differ in the last float32 bit: the comparison allows 1e-6.
// Run from the repository root: dotnet run examples/save_and_resume.cs [--quick] [--out DIR]
using System.Globalization;
using System.IO.Compression;
using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int outIndex = Array.IndexOf(args, "--out");
string outDir = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : ".";
string ckptDir = Path.Combine(outDir, "checkpoints");
if (Directory.Exists(ckptDir)) Directory.Delete(ckptDir, recursive: true); // no stale checkpoint from an earlier run
Directory.CreateDirectory(ckptDir);

int epochs = quick ? 6 : 20;
int killEpoch = epochs / 2;      // 0-based epoch during which the first run is killed
const int killBatch = 3;         // ... after this many of its batches
const int batchSize = 32;

// Data: y = sin(x0) + x1 * x2 - 0.5 * x3^2 on 512 random points (fixed seed).
manual_seed(7);
var x = randn(512, 4);
var y = (x[.., 0].sin() + x[.., 1] * x[.., 2] - 0.5 * x[.., 3].pow(2)).reshape(-1, 1);

Model NewModel()
{
    Keras.Utils.SetRandomSeed(42);   // the same initial weights every time
    var inputs = new Input(4, name: "features");
    var hidden = new Dense(32, activation: "relu", name: "hidden").Apply(inputs);
    var outputs = new Dense(1, name: "prediction").Apply(hidden);
    var model = new Model(inputs, outputs, name: "regressor");
    model.Compile(new Adam(learningRate: 0.01), "mse");
    return model;
}

List<Tensor> Snapshot(Model m)
{
    using var _ = no_grad();
    return m.GetWeights().ToList();
}

// 1. The reference: one uninterrupted run, with a copy of the weights at the end of the epoch the resume starts from.
var straight = NewModel();
List<Tensor>? atResumePoint = null;
var straightHistory = straight.Fit(x, y, batchSize: batchSize, epochs: epochs, shuffle: false, verbose: 0,
    callbacks: [new LambdaCallback(onEpochEnd: (e, _) => { if (e == killEpoch - 1) atResumePoint = Snapshot(straight); })]);
var straightLoss = straightHistory["loss"];
Console.WriteLine($"Uninterrupted run: {epochs} epochs, final loss {straightLoss[^1]:F6}");

// 2. The same training with a checkpoint after every epoch, killed during epoch killEpoch + 1 (1-based).
void RunUntilKilled()
{
    var model = NewModel();
    var checkpoint = new ModelCheckpoint(Path.Combine(ckptDir, "model-{epoch:02d}.keras"));
    int current = 0;
    var kill = new LambdaCallback(
        onEpochBegin: (e, _) => current = e,
        onTrainBatchEnd: (b, _) =>
        {
            if (current == killEpoch && b == killBatch - 1)
                throw new SimulatedKill($"killed during epoch {killEpoch + 1}, after batch {killBatch}");
        });
    try
    {
        model.Fit(x, y, batchSize: batchSize, epochs: epochs, shuffle: false, verbose: 0, callbacks: [checkpoint, kill]);
    }
    catch (SimulatedKill e)
    {
        Console.WriteLine($"First run: {e.Message}");
    }
}
RunUntilKilled();   // nothing of that run survives but the files it wrote
GC.Collect();

// 3. A new start: find the latest checkpoint, load it, continue.
var files = Directory.GetFiles(ckptDir, "model-*.keras").Order(StringComparer.Ordinal).ToArray();
Console.WriteLine($"Checkpoints written: {string.Join(", ", files.Select(Path.GetFileName))}");
var latest = files[^1];
int resumeEpoch = int.Parse(Path.GetFileNameWithoutExtension(latest)["model-".Length..], CultureInfo.InvariantCulture);
using (var zip = ZipFile.OpenRead(latest))
    Console.WriteLine($"{Path.GetFileName(latest)} is a Keras archive: {string.Join(", ", zip.Entries.Select(en => en.FullName).Order(StringComparer.Ordinal))}");

var resumed = Keras.Models.LoadModel(latest);   // architecture, weights, compile configuration and optimizer state
Console.WriteLine($"Resuming at epoch {resumeEpoch + 1} of {epochs}: optimizer {resumed.Optimizer!.Name}, {resumed.Optimizer.Iterations} iterations done");
double resumeLoss = resumed.Evaluate(x, y, batchSize: batchSize, verbose: 0)["loss"];
Console.WriteLine($"Loss at the resume point: {resumeLoss:F6}");
double weightsDiffAtResume = MaxDiff(Snapshot(resumed), atResumePoint!);
Console.WriteLine($"Max |weight difference| with the uninterrupted run at the resume point: {weightsDiffAtResume:G3}");

var resumedHistory = resumed.Fit(x, y, batchSize: batchSize, epochs: epochs, initialEpoch: resumeEpoch, shuffle: false, verbose: 0);
var resumedLoss = resumedHistory["loss"];
Console.WriteLine("epoch   uninterrupted loss   resumed loss");
double lossDiff = 0;
for (int i = 0; i < resumedLoss.Count; i++)
{
    int epoch = resumedHistory.Epochs[i];
    lossDiff = Math.Max(lossDiff, Math.Abs(resumedLoss[i] - straightLoss[epoch]));
    Console.WriteLine($"{epoch + 1,5}   {straightLoss[epoch],18:F6}   {resumedLoss[i],12:F6}");
}
double finalWeightsDiff = MaxDiff(Snapshot(resumed), Snapshot(straight));
Console.WriteLine($"Max |loss difference| over the resumed epochs: {lossDiff:G3}; max |final weight difference|: {finalWeightsDiff:G3}");
bool matches = resumedHistory.Epochs.Count == epochs - resumeEpoch && resumedHistory.Epochs[0] == resumeEpoch
    && weightsDiffAtResume == 0 && lossDiff <= 1e-6 && finalWeightsDiff <= 1e-6;
Console.WriteLine($"resume matches uninterrupted run: {matches}");
return matches ? 0 : 1;

static double MaxDiff(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b)
{
    if (a.Count != b.Count) return double.PositiveInfinity;
    double max = 0;
    for (int i = 0; i < a.Count; i++)
        max = Math.Max(max, (a[i] - b[i]).abs().max().item<float>());
    return max;
}

sealed class SimulatedKill(string message) : Exception(message);
