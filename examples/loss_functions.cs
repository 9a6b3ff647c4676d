#:project ../src/KerasSharp/KerasSharp.csproj
// Loss functions on the course's MNIST output vector
//   yhat = [0.54, 0.24, 0.92, 0.61, 0.51, 0.14, 0.42, 0.32, 0.51, 0.87]
// against the one-hot true digit 2 (correctly classified: the largest output is at index 2) and digit 9 (wrong).
// Summed squared error  C = sum_i (yhat_i - y_i)^2: 2.3032 for digit 2, 2.4032 for digit 9 (wrong -> larger loss).
// KerasSharp's "mse" is the mean over the 10 outputs: 0.23032 = 2.3032 / 10.
// Run from the repository root: dotnet run examples/loss_functions.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Losses;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

double[] output = [0.54, 0.24, 0.92, 0.61, 0.51, 0.14, 0.42, 0.32, 0.51, 0.87];
int predicted = Array.IndexOf(output, output.Max());
Console.WriteLine("output yhat = [" + string.Join(", ", output.Select(v => v.ToString("F2"))) + $"]   (predicted digit: {predicted})");

foreach (int digit in new[] { 2, 9 })
{
    double[] y = new double[10];
    y[digit] = 1;
    // By hand.
    double sse = output.Zip(y, (p, t) => (p - t) * (p - t)).Sum();
    double sae = output.Zip(y, (p, t) => Math.Abs(p - t)).Sum();
    double zeroOne = predicted == digit ? 0 : 1;
    double sumOut = output.Sum();
    double ce = -Math.Log(output[digit] / sumOut);   // cross-entropy after normalising the outputs to sum 1
    // With KerasSharp's losses (a batch of one row; the default reduction averages).
    using var scope = NewDisposeScope();
    var yt = tensor(y, dtype: float64).reshape(1, 10);
    var yp = tensor(output, dtype: float64).reshape(1, 10);
    double mse = new MeanSquaredError().Compute(yt, yp).item<double>();
    double mae = new MeanAbsoluteError().Compute(yt, yp).item<double>();
    double kce = new CategoricalCrossentropy().Compute(yt, yp).item<double>();
    Console.WriteLine();
    Console.WriteLine($"true digit {digit} (one-hot y = [{string.Join(", ", y.Select(v => v.ToString("F0")))}])");
    Console.WriteLine($"  summed squared error   sum (yhat-y)^2   = {sse:F4}");
    Console.WriteLine($"  KerasSharp \"mse\"       mean (yhat-y)^2  = {mse:F5}   (x 10 outputs = {mse * 10:F4})");
    Console.WriteLine($"  summed absolute error  sum |yhat-y|     = {sae:F4}");
    Console.WriteLine($"  KerasSharp \"mae\"       mean |yhat-y|    = {mae:F5}   (x 10 outputs = {mae * 10:F4})");
    Console.WriteLine($"  0-1 loss (argmax {predicted} vs {digit})          = {zeroOne:F0}");
    Console.WriteLine($"  cross-entropy -log(yhat_{digit} / sum yhat)  = {ce:F4}");
    Console.WriteLine($"  KerasSharp categorical_crossentropy     = {kce:F4}   (it also normalises yhat to sum 1)");
}
