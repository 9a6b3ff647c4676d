#:project ../src/KerasSharp/KerasSharp.csproj
// The course lab: two 2-D classification problems, one linearly separable (two Gaussian blobs) and one not (XOR:
// class 1 where x1 and x2 have different signs), each solved with a single-layer network (Dense(1, sigmoid): a line
// as decision boundary) and a multi-layer network (Dense(16, relu) -> Dense(16, relu) -> Dense(1, sigmoid)).
// The single layer cannot separate XOR (accuracy near 50-70%); the multi-layer network can.
// Run from the repository root: dotnet run examples/classification_lab.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Models;
using static KerasSharp.Keras;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int epochs = quick ? 40 : 100;
manual_seed(3);

(Tensor X, Tensor Y) Blobs(int n)
{
    var a = randn(n, 2) * 0.7 + tensor(new float[] { -1.5f, -1.5f });
    var b = randn(n, 2) * 0.7 + tensor(new float[] { 1.5f, 1.5f });
    return (cat([a, b], 0), cat([zeros(n, 1), ones(n, 1)], 0));
}
(Tensor X, Tensor Y) Xor(int n)
{
    var x = rand(2 * n, 2) * 4 - 2;
    var y = (x[.., 0] * x[.., 1]).lt(0).to(float32).reshape(-1, 1);
    return (x, y);
}

Console.WriteLine($"{"problem",-22} {"single layer",14} {"multi-layer",14}");
foreach (var (name, make) in new (string, Func<int, (Tensor, Tensor)>)[] { ("blobs (separable)", Blobs), ("XOR (not separable)", Xor) })
{
    var (x, y) = make(300);
    var (xt, yt) = make(300);
    double Train(Sequential model)
    {
        model.Compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"]);
        model.Fit(x, y, epochs: epochs, batchSize: 32, verbose: 0);
        return model.Evaluate(xt, yt, verbose: 0)["accuracy"];
    }
    double single = Train(Sequential().Add(Input(2)).Add(Dense(1, "sigmoid")));
    double multi = Train(Sequential().Add(Input(2)).Add(Dense(16, "relu")).Add(Dense(16, "relu")).Add(Dense(1, "sigmoid")));
    Console.WriteLine($"{name,-22} {single,14:F3} {multi,14:F3}   (test accuracy)");
}
