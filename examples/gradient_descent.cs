#:project ../src/KerasSharp/KerasSharp.csproj
#:project ../src/KerasSharp.Plots/KerasSharp.Plots.csproj
// Gradient descent on a function of two variables, with gradients from TorchSharp's autograd.
//   minimise f(x1, x2) = sin(0.8 x1) sin(0.6 x2) e^(0.1 x1)   on  -2 <= x1 <= 3,  -2 <= x2 <= 2,  from (2, 2).
// Each step: x <- x - learningRate * grad f(x), then a step that leaves the domain is projected back (clamped).
// The minimum is on the edge x2 = -2: (2.11894, -2) with f = -1.14312.
// Also shows a learning rate that is too small (does not get there in the step budget) and one that is too large
// (jumps about). Writes gradient_descent.png (the path on a contour map of f).
// Run from the repository root: dotnet run examples/gradient_descent.cs [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Plots;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string outDir = args.Length >= 2 && args[0] == "--out" ? args[1] : ".";
Directory.CreateDirectory(outDir);

const double X1Min = -2, X1Max = 3, X2Min = -2, X2Max = 2;
const int Steps = 60;
double[] start = [2, 2];

// f on tensors (autograd builds the graph) and on doubles (for the contour map).
static Tensor F(Tensor x) => sin(0.8 * x[0]) * sin(0.6 * x[1]) * exp(0.1 * x[0]);
static double FValue(double x1, double x2) => Math.Sin(0.8 * x1) * Math.Sin(0.6 * x2) * Math.Exp(0.1 * x1);

// Runs `steps` steps of projected gradient descent; returns every point visited (start included).
static List<(double X1, double X2)> Descend(double[] start, double learningRate, int steps)
{
    using var scope = NewDisposeScope();
    var x = tensor(start, dtype: float64, requires_grad: true);
    var lower = tensor(new[] { X1Min, X2Min }, dtype: float64);
    var upper = tensor(new[] { X1Max, X2Max }, dtype: float64);
    var path = new List<(double, double)> { (start[0], start[1]) };
    for (int k = 0; k < steps; k++)
    {
        using var stepScope = NewDisposeScope();
        var f = F(x);
        f.backward();                                  // x.grad = (df/dx1, df/dx2)
        using (no_grad())
        {
            x.sub_(x.grad! * learningRate);            // the gradient step
            x.copy_(x.clamp(lower, upper));            // project back onto the domain
        }
        x.grad!.zero_();
        var v = x.data<double>().ToArray();
        path.Add((v[0], v[1]));
    }
    return path;
}

static string Point((double X1, double X2) p) => $"({p.X1,8:F4}, {p.X2,8:F4})  f = {FValue(p.X1, p.X2),8:F4}";

// Gradient at the start, to show what autograd gives (analytic: df/dx1 = (0.8 cos(0.8 x1) + 0.1 sin(0.8 x1)) sin(0.6 x2) e^(0.1 x1),
// df/dx2 = 0.6 sin(0.8 x1) cos(0.6 x2) e^(0.1 x1)).
using (var s = NewDisposeScope())
{
    var x0 = tensor(start, dtype: float64, requires_grad: true);
    F(x0).backward();
    var g = x0.grad!.data<double>().ToArray();
    double a1 = (0.8 * Math.Cos(1.6) + 0.1 * Math.Sin(1.6)) * Math.Sin(1.2) * Math.Exp(0.2);
    double a2 = 0.6 * Math.Sin(1.6) * Math.Cos(1.2) * Math.Exp(0.2);
    Console.WriteLine($"f(2, 2) = {FValue(2, 2):F4}; autograd gradient ({g[0]:F4}, {g[1]:F4}), by hand ({a1:F4}, {a2:F4})");
}

double good = 0.5;
Console.WriteLine();
Console.WriteLine($"Learning rate {good}, {Steps} steps:");
var path = Descend(start, good, Steps);
for (int k = 0; k < path.Count; k++)
    if (k % 5 == 0 || k == path.Count - 1)
        Console.WriteLine($"  step {k,3}: {Point(path[k])}");
var final = path[^1];
Console.WriteLine($"Final point: x1 = {final.X1:F4}, x2 = {final.X2:F4}, f = {FValue(final.X1, final.X2):F4}");
Console.WriteLine($"Course answer: x1 = {2.11894:F4}, x2 = {-2.0:F4}, f = {-1.14312:F4}");
bool agrees = Math.Round(final.X1, 4) == Math.Round(2.11894, 4) && Math.Round(final.X2, 4) == -2.0
              && Math.Round(FValue(final.X1, final.X2), 4) == Math.Round(-1.14312, 4);
Console.WriteLine(agrees ? "Agrees with the course answer to 4 decimals." : "DOES NOT agree with the course answer.");

Console.WriteLine();
double small = 0.02, large = 8.0;
var slow = Descend(start, small, Steps);
Console.WriteLine($"Too small, learning rate {small}, {Steps} steps: ends at {Point(slow[^1])}  (not yet at the minimum)");
var wild = Descend(start, large, Steps);
Console.WriteLine($"Too large, learning rate {large}, {Steps} steps: the points jump about:");
for (int k = Steps - 5; k <= Steps; k++)
    Console.WriteLine($"  step {k,3}: {Point(wild[k])}");

// One panel per learning rate: the path of the points on a contour map of f (the black dot is the minimum).
var figure = new Figure(1200, 470, title: $"Gradient descent on f(x1,x2) = sin(0.8 x1) sin(0.6 x2) exp(0.1 x1), {Steps} steps from (2, 2)");
foreach (var (lr, points, verdict) in new[] { (good, path, "good"), (small, slow, "too small"), (large, wild, "too large") })
{
    figure.AddChart($"learning rate {lr} ({verdict})", xLabel: "x1", yLabel: "x2")
        .AddFunctionMap(FValue, X1Min, X1Max, X2Min, X2Max, levels: 12)
        .AddLine(points.Select(p => p.X1).ToArray(), points.Select(p => p.X2).ToArray(), color: new Color(230, 25, 25), markers: true, width: 1.5)
        .AddScatter([2.11894], [-2.0], color: Color.Black, radius: 5);
}
var file = Path.Combine(outDir, "gradient_descent.png");
figure.SavePng(file);
Console.WriteLine();
Console.WriteLine($"Wrote {file}");
