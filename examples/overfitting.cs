#:project ../src/KerasSharp/KerasSharp.csproj
#:project ../src/KerasSharp.Plots/KerasSharp.Plots.csproj
// Overfitting. Part 1: 5 noisy points from a line, fitted with a linear model (2 parameters) and a polynomial model
// with 7 parameters (Dense(1) on the features x..x^6), both solved exactly by least squares and evaluated with
// KerasSharp ("mse"): the polynomial reaches ~0 training error and a much larger validation error.
// Part 2: an MLP on a small noisy dataset trained long enough to overfit, once plain and once with Dropout and L2;
// the curves go to PNGs and the best epoch (minimum val_loss) is printed.
// Run from the repository root: dotnet run examples/overfitting.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Plots;
using KerasSharp.Regularizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int outIndex = Array.IndexOf(args, "--out");
string outDir = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : ".";
Directory.CreateDirectory(outDir);
manual_seed(5);

// Part 1. y = 2x + 1 + noise on [-3, 3]; 5 training points, 50 validation points.
Tensor Truth(Tensor x) => 2 * x + 1;
var xTrain = linspace(-3, 3, 5).reshape(-1, 1);
var yTrain = Truth(xTrain) + randn(5, 1);
var xVal = rand(50, 1) * 6 - 3;
var yVal = Truth(xVal) + randn(50, 1);
Tensor Features(Tensor x, int degree) => cat(Enumerable.Range(1, degree).Select(p => x.pow(p)).ToArray(), 1);

Console.WriteLine("Part 1: 5 noisy points, least-squares fits");
foreach (var degree in new[] { 1, 6 })
{
    var f = Features(xTrain, degree);
    var a = cat([f, ones(5, 1)], 1).to(float64);
    var solution = linalg.pinv(a).matmul(yTrain.to(float64)).to(float32);   // exact least squares (minimum norm)
    var model = Sequential().Add(Input(degree)).Add(Dense(1));
    model.Compile("sgd", "mse");
    model.Apply(zeros(1, degree));
    var dense = (KerasSharp.Layers.Dense)model.Layers[0];
    using (no_grad())
    {
        dense.Kernel!.copy_(solution[..degree]);
        dense.Bias!.copy_(solution[degree]);
    }
    double trainMse = model.Evaluate(Features(xTrain, degree), yTrain, verbose: 0)["loss"];
    double valMse = model.Evaluate(Features(xVal, degree), yVal, verbose: 0)["loss"];
    string name = degree == 1 ? "linear (2 parameters)" : "polynomial x..x^6 (7 parameters)";
    Console.WriteLine($"  {name,-34} training mse {trainMse,10:F6}   validation mse {valMse,10:F4}");
}

// Part 2. A small noisy 2-D classification problem, an over-sized MLP.
Console.WriteLine();
Console.WriteLine("Part 2: an MLP on 60 noisy points, 60 validation points");
int epochs = quick ? 120 : 300;
var x = rand(120, 2) * 2 - 1;
var y = ((x[.., 0] * x[.., 0] + x[.., 1] * x[.., 1]).lt(0.5).to(float32) + 0 * x[.., 0]).reshape(-1, 1);
var flip = rand(120, 1).lt(0.2).to(float32);
y = (y + flip).remainder(2);                       // 20% label noise
var (xt, yt, xv, yv) = (x[..60], y[..60], x[60..], y[60..]);

(History, double) Run(string label, bool regularized)
{
    var model = Sequential().Add(Input(2));
    foreach (var _ in new[] { 0, 1 })
    {
        model.Add(regularized ? Dense(128, "relu", kernelRegularizer: new L2(1e-3)) : Dense(128, "relu"));
        if (regularized) model.Add(Dropout(0.3));
    }
    model.Add(Dense(1, "sigmoid"));
    model.Compile("adam", "binary_crossentropy");
    // The regularized run also stops early and keeps the weights of its best epoch.
    var callbacks = regularized
        ? new Callback[] { new EarlyStopping(monitor: "val_loss", patience: 20, restoreBestWeights: true) }
        : [];
    var history = model.Fit(xt, yt, epochs: epochs, batchSize: 16, verbose: 0, validationData: (xv, yv), callbacks: callbacks);
    var val = history["val_loss"];
    int best = history.BestEpoch ?? Enumerable.Range(0, val.Count).MinBy(i => val[i]);
    Console.WriteLine($"  {label,-14} best epoch {best + 1,4}: val_loss {val[best]:F4}   last epoch {val.Count}: val_loss {val[^1]:F4}, loss {history["loss"][^1]:F4}");
    string file = Path.Combine(outDir, $"overfitting_{(regularized ? "regularized" : "plain")}.png");
    history.Plot(file, title: label);
    Console.WriteLine($"  wrote {file}");
    if (regularized)
        Console.WriteLine($"  EarlyStopping stopped after {val.Count} epochs and restored epoch {best + 1}: " +
                          $"val_loss now {model.Evaluate(xv, yv, verbose: 0)["loss"]:F4}");
    return (history, val[^1]);
}
var (_, plainVal) = Run("plain", false);
var (_, regVal) = Run("dropout + L2", true);
Console.WriteLine($"final validation loss: plain {plainVal:F4}, dropout + L2 {regVal:F4}");
