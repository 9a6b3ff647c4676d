#:project ../src/KerasSharp/KerasSharp.csproj
// "Build your own framework": layers as classes with Forward and a hand-written Backward (the chain rule, no
// autograd), a Net that chains them, minibatch SGD on two moons (2-D, two classes, not linearly separable).
// A gradient check compares the hand-written gradients with TorchSharp's autograd. Then the same network as a
// KerasSharp Sequential in a few lines. Everything in float64.
// Run from the repository root: dotnet run examples/own_framework.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int epochs = quick ? 100 : 300;
set_default_dtype(float64);
manual_seed(1);

// Two moons with noise, 400 points, labels 0/1.
(Tensor X, Tensor Y) Moons(int n, double noise)
{
    var t = rand(n) * Math.PI;
    var upper = stack([cos(t), sin(t)], 1);
    var lower = stack([1 - cos(t), 0.5 - sin(t)], 1);
    var x = cat([upper, lower], 0) + noise * randn(2 * n, 2);
    var y = cat([zeros(n, dtype: int64), ones(n, dtype: int64)], 0);
    return (x, y);
}
var (X, Y) = Moons(200, 0.15);
var (Xt, Yt) = Moons(200, 0.15);
var Yhot = nn.functional.one_hot(Y, 2).to(float64);

// Hand-written network: Linear(2, 16) -> Tanh -> Linear(16, 2) -> Softmax, CrossEntropy loss.
var net = new Net(new Linear(2, 16), new Tanh(), new Linear(16, 2), new Softmax());
var lossFn = new CrossEntropy();

// Gradient check: hand-written Backward vs TorchSharp autograd on the same weights and batch.
{
    using var scope = NewDisposeScope();
    var xb = X[..32]; var yb = Yhot[..32];
    lossFn.Forward(net.Forward(xb), yb);
    net.Backward(lossFn.Backward());
    double maxDiff = 0;
    foreach (var lin in net.Layers.OfType<Linear>())
    {
        var w = lin.W.detach().clone().requires_grad_(true);
        var b = lin.B.detach().clone().requires_grad_(true);
        // Autograd on the full network with this layer's weights swapped for leaf tensors.
        Tensor h = xb;
        foreach (var layer in net.Layers)
            h = layer == lin ? matmul(h, w) + b : layer.Reference(h);
        var loss = -(yb * log(h)).sum(1).mean();
        loss.backward();
        maxDiff = Math.Max(maxDiff, (w.grad! - lin.dW!).abs().max().item<double>());
        maxDiff = Math.Max(maxDiff, (b.grad! - lin.dB!).abs().max().item<double>());
    }
    Console.WriteLine($"gradient check: max |hand-written - autograd| = {maxDiff:E2} (bound 1e-5)");
    Console.WriteLine(maxDiff < 1e-5 ? "gradient check passed" : "gradient check FAILED");
}

// Minibatch SGD.
int batch = 32; double lr = 0.5;
for (int epoch = 1; epoch <= epochs; epoch++)
{
    using var scope = NewDisposeScope();
    var perm = randperm(X.shape[0]);
    double total = 0;
    for (long i = 0; i < X.shape[0]; i += batch)
    {
        var idx = perm[TensorIndex.Slice(i, i + batch)];
        total += lossFn.Forward(net.Forward(X[idx]), Yhot[idx]);
        net.Backward(lossFn.Backward());
        net.Step(lr);
    }
    if (epoch % (epochs / 5) == 0) Console.WriteLine($"  own framework epoch {epoch,4}: loss {total / Math.Ceiling(X.shape[0] / (double)batch):F4}");
}
double Accuracy(Tensor probs, Tensor y) => probs.argmax(1).eq(y).to(float64).mean().item<double>();
double ownAcc;
using (NewDisposeScope()) ownAcc = Accuracy(net.Forward(Xt), Yt);

// The same network in KerasSharp.
var model = Sequential().Add(Input(2)).Add(Dense(16, "tanh")).Add(Dense(2, "softmax"));
model.Compile(optimizer: new KerasSharp.Optimizers.SGD(learningRate: lr), loss: "categorical_crossentropy", metrics: ["accuracy"]);
model.Fit(X.to(float32), Yhot.to(float32), epochs: epochs, batchSize: batch, verbose: 0);
double kerasAcc = Accuracy(model.Predict(Xt.to(float32), verbose: 0).to(float64), Yt);
Console.WriteLine($"test accuracy, own framework:      {ownAcc:F3}");
Console.WriteLine($"test accuracy, KerasSharp Sequential: {kerasAcc:F3}");

abstract class Module
{
    public abstract Tensor Forward(Tensor x);
    public abstract Tensor Backward(Tensor gradOut);   // dLoss/dInput from dLoss/dOutput
    public abstract Tensor Reference(Tensor x);        // the same function on autograd tensors (for the check)
    public virtual void Step(double lr) { }
}
class Linear : Module
{
    public Tensor W, B; public Tensor? dW, dB; Tensor? input;
    public Linear(int inputs, int outputs)
    {
        W = (randn(inputs, outputs) * Math.Sqrt(1.0 / inputs)).DetachFromDisposeScope();
        B = zeros(outputs).DetachFromDisposeScope();
    }
    public override Tensor Forward(Tensor x) { input = x; return matmul(x, W) + B; }
    public override Tensor Backward(Tensor g)
    {
        dW?.Dispose(); dB?.Dispose();
        dW = matmul(input!.T, g).DetachFromDisposeScope();   // dL/dW = a^T delta
        dB = g.sum(dim: 0).DetachFromDisposeScope();              // dL/db = sum over the batch of delta
        return matmul(g, W.T);                               // dL/da = delta W^T
    }
    public override Tensor Reference(Tensor x) => matmul(x, W) + B;
    public override void Step(double lr) { W.sub_(dW! * lr); B.sub_(dB! * lr); }
}
class Tanh : Module
{
    Tensor? output;
    public override Tensor Forward(Tensor x) => output = tanh(x);
    public override Tensor Backward(Tensor g) => g * (1 - output! * output!);   // tanh' = 1 - tanh^2
    public override Tensor Reference(Tensor x) => tanh(x);
}
class ReLU : Module
{
    Tensor? input;
    public override Tensor Forward(Tensor x) { input = x; return x.clamp_min(0); }
    public override Tensor Backward(Tensor g) => g * input!.gt(0).to(float64);
    public override Tensor Reference(Tensor x) => x.clamp_min(0);
}
class Softmax : Module
{
    Tensor? output;
    public override Tensor Forward(Tensor x) => output = softmax(x, 1);
    // Jacobian-vector product: dL/dz_i = s_i (g_i - sum_j g_j s_j).
    public override Tensor Backward(Tensor g) => output! * (g - (g * output!).sum(1, keepdim: true));
    public override Tensor Reference(Tensor x) => softmax(x, 1);
}
class CrossEntropy
{
    Tensor? p, y;
    // L = -(1/N) sum_n sum_k y_nk log p_nk
    public double Forward(Tensor probs, Tensor target) { p = probs; y = target; return -(y * log(p)).sum(1).mean().item<double>(); }
    public Tensor Backward() => -y! / p! / p!.shape[0];   // dL/dp
}
class Net(params Module[] layers)
{
    public Module[] Layers => layers;
    public Tensor Forward(Tensor x) { foreach (var l in layers) x = l.Forward(x); return x; }
    public void Backward(Tensor g) { for (int i = layers.Length - 1; i >= 0; i--) g = layers[i].Backward(g); }
    public void Step(double lr) { foreach (var l in layers) l.Step(lr); }
}
