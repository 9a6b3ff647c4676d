#:project ../src/KerasSharp/KerasSharp.csproj
#:project ../src/KerasSharp.Plots/KerasSharp.Plots.csproj
// Full-batch, stochastic and minibatch gradient descent on the course's table of students: predict the exam score
// from study hours, sleep hours and quiz score with a linear model yhat = w . x + b and the cost
// C = sum_n 1/2 (yhat_n - y_n)^2. Gradients are written out (dC/dw = sum (yhat - y) x, dC/db = sum (yhat - y)).
// Writes batch_vs_sgd.png (cost per epoch for the three methods).
// Run from the repository root: dotnet run examples/batch_vs_sgd.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Plots;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int outIndex = Array.IndexOf(args, "--out");
string outDir = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : ".";
Directory.CreateDirectory(outDir);
int epochs = quick ? 20 : 50;
manual_seed(0);

double[,] table =
{
    { 12, 6, 78, 93 }, { 22, 6.5, 24, 68 }, { 115, 4, 100, 95 }, { 31, 9, 67, 75 },
    { 0, 10, 58, 51 }, { 5, 8, 78, 60 }, { 92, 6, 82, 89 }, { 57, 8, 91, 97 },
};
var data = tensor(table, dtype: float64);
var rawX = data[.., ..3];
var y = data[.., 3];

Console.WriteLine("Why scale: the features live on very different scales:");
string[] names = ["study hours", "sleep hours", "quiz %"];
var mean = rawX.mean([0]); var std = rawX.std(0);
for (int j = 0; j < 3; j++)
    Console.WriteLine($"  {names[j],-12} range {rawX[.., j].min().item<double>(),6:F1} .. {rawX[.., j].max().item<double>(),6:F1}   mean {mean[j].item<double>(),6:F2}  std {std[j].item<double>(),6:F2}");
Console.WriteLine("  The gradient for a weight is proportional to its feature, so one learning rate is too big for the weight of");
Console.WriteLine("  study hours (values up to 115: it overshoots and diverges) and too small for sleep hours (values 4-10: it");
Console.WriteLine("  barely moves). Standardising each feature to mean 0, std 1 lets one learning rate suit every weight.");
var X = (rawX - mean) / std;
Console.WriteLine();

double Cost(Tensor w, double b) => (0.5 * (matmul(X, w) + b - y).pow(2)).sum().item<double>();

List<double> Train(string name, int batchSize, double lr)
{
    var w = zeros(3, dtype: float64); double b = 0;
    var costs = new List<double>();
    var g = new Generator(seed: 42);
    for (int epoch = 1; epoch <= epochs; epoch++)
    {
        var order = randperm(8, generator: g);
        for (int i = 0; i < 8; i += batchSize)
        {
            var idx = order[TensorIndex.Slice(i, i + batchSize)];
            var err = matmul(X[idx], w) + b - y[idx];          // yhat - y on this batch
            w -= lr * matmul(X[idx].T, err);                    // dC/dw = sum (yhat - y) x
            b -= lr * err.sum().item<double>();                 // dC/db = sum (yhat - y)
        }
        costs.Add(Cost(w, b));
    }
    Console.WriteLine($"{name,-22} batch size {batchSize}, learning rate {lr}: cost per epoch");
    Console.WriteLine("  " + string.Join(" ", costs.Select((c, i) => (i < 10 || i == costs.Count - 1) ? $"{i + 1}:{c:F1}" : null).Where(s => s != null)));
    return costs;
}
var full = Train("full-batch", 8, 0.05);
var sgd = Train("stochastic (shuffled)", 1, 0.05);
var mini = Train("minibatch", 4, 0.05);
// Least-squares optimum for reference.
var A = cat([X, ones(8, 1, dtype: float64)], 1);
var sol = linalg.lstsq(A, y.reshape(8, 1)).Solution;
Console.WriteLine($"least-squares minimum of C (for reference): {(0.5 * (matmul(A, sol).reshape(8) - y).pow(2)).sum().item<double>():F2}");

var figure = new Figure(800, 500, title: "Cost per epoch");
double[] ep = Enumerable.Range(1, epochs).Select(i => (double)i).ToArray();
figure.AddChart("C = sum 1/2 (yhat - y)^2", xLabel: "epoch", yLabel: "cost")
    .AddLine(ep, full.ToArray(), label: "full-batch")
    .AddLine(ep, sgd.ToArray(), label: "stochastic")
    .AddLine(ep, mini.ToArray(), label: "minibatch");
string file = Path.Combine(outDir, "batch_vs_sgd.png");
figure.SavePng(file);
Console.WriteLine($"Wrote {file}");
