using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Small helpers: a float64 parameter, and one optimizer step with a gradient chosen by hand.</summary>
internal static class OptimizerTestHelpers
{
    /// <summary>The starting weights every two-step test uses.</summary>
    public static readonly double[] W0 = [1.0, -2.0];
    /// <summary>Gradient of the first step.</summary>
    public static readonly double[] G1 = [0.5, -1.0];
    /// <summary>Gradient of the second step.</summary>
    public static readonly double[] G2 = [0.2, 0.3];

    public static Parameter Param(double[] values, ScalarType dtype = ScalarType.Float64) =>
        new(tensor(values, dtype: dtype));

    /// <summary>Sets <c>w.grad = grad</c> through autograd (loss = sum(w * grad)), then applies the optimizer.</summary>
    public static void Step(Optimizer optimizer, Parameter w, double[] grad)
    {
        using var scope = NewDisposeScope();
        (w * tensor(grad, dtype: w.dtype)).sum().backward();
        optimizer.Apply([w]);
    }

    /// <summary>A float32 parameter of <paramref name="shape"/> (Keras' tests use float32 variables).</summary>
    public static Parameter Param32(float[] values, params long[] shape) =>
        new(tensor(values).reshape(shape.Length == 0 ? [values.Length] : shape));

    /// <summary>Sets each <c>ws[i].grad = grads[i]</c> through autograd (null: no gradient), then applies the optimizer to all.</summary>
    public static void StepAll(Optimizer optimizer, Parameter[] ws, float[]?[] grads)
    {
        using var scope = NewDisposeScope();
        Tensor? loss = null;
        for (int i = 0; i < ws.Length; i++)
        {
            if (grads[i] is not float[] g) continue;
            var term = (ws[i] * tensor(g).reshape(ws[i].shape)).sum();
            loss = loss is null ? term : loss + term;
        }
        loss?.backward();
        optimizer.Apply(ws);
    }

    /// <summary>Two steps with gradients <see cref="G1"/> then <see cref="G2"/> from <see cref="W0"/>; returns w.</summary>
    public static Parameter TwoSteps(Optimizer optimizer)
    {
        var w = Param(W0);
        Step(optimizer, w, G1);
        Step(optimizer, w, G2);
        return w;
    }

    /// <summary>Runs a per-element reference update for both steps (step t = 1, 2) and returns the weights.</summary>
    public static double[] Reference(Func<int, double, double, int, double> update)
    {
        var w = (double[])W0.Clone();
        for (int t = 1; t <= 2; t++)
        {
            var g = t == 1 ? G1 : G2;
            for (int i = 0; i < w.Length; i++)
                w[i] = update(i, w[i], g[i], t);
        }
        return w;
    }
}
