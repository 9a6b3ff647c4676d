#:project ../src/KerasSharp/KerasSharp.csproj
#:project ../src/KerasSharp.Plots/KerasSharp.Plots.csproj
// Activation functions of a neuron: step, sigmoid, tanh and ReLU on a grid of inputs, and softmax turning a vector
// of scores into probabilities. Sigmoid, tanh, ReLU and softmax are KerasSharp's own (KerasSharp.Activations);
// Keras has no step activation, so the step (1 where x >= 0, else 0) is written here with a tensor comparison.
// Writes activations.png (one panel per function).
// Run from the repository root: dotnet run examples/activations.cs [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Activations;
using KerasSharp.Plots;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string outDir = args.Length >= 2 && args[0] == "--out" ? args[1] : ".";
Directory.CreateDirectory(outDir);

static Tensor Step(Tensor x) => x.ge(0).to_type(float64);

var functions = new (string Name, Func<Tensor, Tensor> Apply)[]
{
    ("step", Step),
    ("sigmoid", ActivationFunctions.Sigmoid),
    ("tanh", ActivationFunctions.Tanh),
    ("relu", x => ActivationFunctions.Relu(x)),
};

static double[] Values(Tensor t) => t.data<double>().ToArray();

// A small table on a grid of inputs.
double[] grid = [-4, -2, -1, -0.5, 0, 0.5, 1, 2, 4];
using (var scope = NewDisposeScope())
{
    var x = tensor(grid, dtype: float64);
    var columns = functions.Select(f => Values(f.Apply(x))).ToArray();
    Console.WriteLine($"{"x",6} | " + string.Join(" | ", functions.Select(f => $"{f.Name,8}")));
    Console.WriteLine(new string('-', 9 + functions.Length * 11));
    for (int i = 0; i < grid.Length; i++)
        Console.WriteLine($"{grid[i],6:F2} | " + string.Join(" | ", columns.Select(c => $"{c[i],8:F4}")));
}

// Softmax: exp(z_i) / sum_j exp(z_j) turns scores into probabilities that sum to 1.
Console.WriteLine();
using (var scope = NewDisposeScope())
{
    double[] scores = [2.0, 1.0, 0.1];
    var probabilities = Values(ActivationFunctions.Softmax(tensor(scores, dtype: float64)));
    double denominator = scores.Sum(Math.Exp);
    Console.WriteLine("softmax of scores [" + string.Join(", ", scores.Select(s => s.ToString("F1"))) + "]:");
    for (int i = 0; i < scores.Length; i++)
        Console.WriteLine($"  score {scores[i],4:F1} -> probability {probabilities[i]:F4}   (by hand: e^{scores[i]:F1} / {denominator:F4} = {Math.Exp(scores[i]) / denominator:F4})");
    Console.WriteLine($"  sum of probabilities = {probabilities.Sum():F4}");
}

// One panel per function, evaluated by KerasSharp on 401 points in [-5, 5].
var figure = new Figure(800, 600, title: "Activation functions");
using (var scope = NewDisposeScope())
{
    var xs = linspace(-5, 5, 401, dtype: float64);
    var xValues = Values(xs);
    for (int k = 0; k < functions.Length; k++)
    {
        var chart = figure.AddChart(functions[k].Name, xLabel: "x", yLabel: $"{functions[k].Name}(x)");
        chart.AddLine(xValues, Values(functions[k].Apply(xs)), color: Color.Palette[k], width: 2.5);
    }
}
var file = Path.Combine(outDir, "activations.png");
figure.SavePng(file);
Console.WriteLine();
Console.WriteLine($"Wrote {file}");
