#:project ../src/KerasSharp/KerasSharp.csproj
// A neuron layer is matrix algebra: a' = sigma(W a + b). This script computes one dense layer by hand with
// TorchSharp tensors, checks it against KerasSharp's Dense holding the same weights, then counts the parameters of
// the course's network 4 -> 5 -> 5 -> 3 -> 2 (sigmoid) and shows Summary() agreeing (81).
// Run from the repository root: dotnet run examples/layer_math.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
manual_seed(7);

// One layer: 4 inputs a, 5 neurons. Keras stores the kernel as (in, out), so W (out x in) is kernel transposed.
var a = rand(1, 4);                 // one input vector (a batch of 1)
var W = randn(5, 4);                // weights, one row per neuron
var b = randn(5);                   // biases
var byHand = sigmoid(matmul(W, a.T).T + b);   // sigma(W a + b)

var dense = Dense(5, "sigmoid");
dense.Apply(zeros(1, 4));           // builds the layer (creates kernel (4, 5) and bias (5))
using (no_grad())
{
    dense.Kernel!.copy_(W.T);
    dense.Bias!.copy_(b);
}
var byDense = dense.Apply(a);
Console.WriteLine("a          = " + string.Join(", ", a.data<float>().ToArray().Select(v => v.ToString("F4"))));
Console.WriteLine("sigma(Wa+b) = " + string.Join(", ", byHand.data<float>().ToArray().Select(v => v.ToString("F4"))));
Console.WriteLine("Dense(a)    = " + string.Join(", ", byDense.data<float>().ToArray().Select(v => v.ToString("F4"))));
Console.WriteLine($"max abs diff between hand-computed layer and Dense: {(byHand - byDense).abs().max().item<float>():E2}");
Console.WriteLine();

// The course's network: 4 inputs, hidden layers of 5, 5 and 3, 2 outputs, sigmoid everywhere.
int[] sizes = [4, 5, 5, 3, 2];
var model = Sequential().Add(Input(4));
for (int i = 1; i < sizes.Length; i++) model.Add(Dense(sizes[i], "sigmoid"));
long total = 0;
for (int i = 1; i < sizes.Length; i++)
{
    int n = sizes[i - 1] * sizes[i] + sizes[i];
    total += n;
    Console.WriteLine($"layer {i}: {sizes[i - 1]}x{sizes[i]}+{sizes[i]}={n}   (weights {sizes[i - 1]}x{sizes[i]}, biases {sizes[i]})");
}
Console.WriteLine($"total parameters by hand: {total}");
Console.WriteLine($"model.CountParams():      {model.CountParams()}");
model.Summary();
