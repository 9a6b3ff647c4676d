using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary>
/// Keras' activation functions (<c>keras.activations.*</c>) on TorchSharp tensors, with Keras 3's formulas and
/// defaults. Every function keeps the input's shape and dtype (<see cref="CRelu"/> doubles the size of its axis).
/// <see cref="ActivationRegistry"/> maps the Keras names to these functions.
/// </summary>
public static class ActivationFunctions
{
    /// <summary>SELU's <c>alpha</c> constant (Klambauer et al., 2017), as in Keras.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU's <c>scale</c> constant (Klambauer et al., 2017), as in Keras.</summary>
    public const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>Keras <c>linear</c>: the identity, <c>x</c> itself (the same tensor object).</summary>
    public static Tensor Linear(Tensor x) => x;

    /// <summary>
    /// Keras <c>relu</c>: <c>max(x, 0)</c> with the defaults; with <paramref name="threshold"/> values at or below it
    /// become 0, <paramref name="maxValue"/> caps the output, and <paramref name="negativeSlope"/> gives
    /// <c>negative_slope * (x - threshold)</c> below the threshold.
    /// </summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="negativeSlope">Keras' <c>negative_slope</c> (default 0).</param>
    /// <param name="maxValue">Keras' <c>max_value</c>: the largest value returned (default none).</param>
    /// <param name="threshold">Keras' <c>threshold</c> (default 0).</param>
    public static Tensor Relu(Tensor x, double negativeSlope = 0.0, double? maxValue = null, double threshold = 0.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (negativeSlope == 0.0 && maxValue is null && threshold == 0.0)
            return nn.functional.relu(x);
        if (negativeSlope != 0.0 && maxValue is null && threshold == 0.0)
            return nn.functional.leaky_relu(x, negativeSlope);

        using var scope = NewDisposeScope();
        Tensor? negativePart = null;
        if (negativeSlope != 0.0)
            negativePart = threshold != 0.0 ? nn.functional.relu(threshold - x) : nn.functional.relu(-x);

        Tensor y = threshold != 0.0 ? x * x.gt(threshold).to_type(x.dtype) : nn.functional.relu(x);
        if (maxValue is double max)
            y = y.clamp(0.0, max);
        if (negativePart is not null)
            y = y - negativeSlope * negativePart;
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>Keras <c>leaky_relu</c>: <c>x</c> for <c>x &gt;= 0</c>, <c>negative_slope * x</c> otherwise.</summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="negativeSlope">Keras' <c>negative_slope</c>; Keras' default is 0.2 (not PyTorch's 0.01).</param>
    public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.2)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.leaky_relu(x, negativeSlope);
    }

    /// <summary>Keras <c>relu6</c>: <c>min(max(x, 0), 6)</c>.</summary>
    public static Tensor Relu6(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.clamp(0.0, 6.0);
    }

    /// <summary>Keras <c>sigmoid</c>: <c>1 / (1 + exp(-x))</c>.</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ActivationLogits.RememberSigmoid(x.sigmoid(), x);
    }

    /// <summary>Keras <c>tanh</c>: the hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.tanh();
    }

    /// <summary>Keras <c>softmax</c>: <c>exp(x) / sum(exp(x))</c> along <paramref name="axis"/> (default the last axis).</summary>
    /// <param name="x">Input tensor (the log-odds).</param>
    /// <param name="axis">Keras' <c>axis</c> (default -1).</param>
    public static Tensor Softmax(Tensor x, long axis = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ActivationLogits.RememberSoftmax(nn.functional.softmax(x, axis), x, axis);
    }

    /// <summary>Keras <c>log_softmax</c>: <c>x - log(sum(exp(x)))</c> along <paramref name="axis"/> (default the last axis).</summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="axis">Keras' <c>axis</c> (default -1).</param>
    public static Tensor LogSoftmax(Tensor x, long axis = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.log_softmax(x, axis);
    }

    /// <summary>Keras <c>elu</c>: <c>x</c> for <c>x &gt; 0</c>, <c>alpha * (exp(x) - 1)</c> otherwise.</summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="alpha">Keras' <c>alpha</c> (default 1.0).</param>
    public static Tensor Elu(Tensor x, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.elu(x, alpha);
    }

    /// <summary>
    /// Keras <c>selu</c>: <c>scale * x</c> for <c>x &gt; 0</c>, <c>scale * alpha * (exp(x) - 1)</c> otherwise, with
    /// <see cref="SeluAlpha"/> and <see cref="SeluScale"/>.
    /// </summary>
    public static Tensor Selu(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.selu(x);
    }

    /// <summary>
    /// Keras <c>gelu</c>: <c>0.5 * x * (1 + erf(x / sqrt(2)))</c>; with <paramref name="approximate"/> the tanh form
    /// <c>0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))</c>.
    /// </summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="approximate">
    /// Keras' <c>approximate</c>. The activation <c>keras.activations.gelu</c> (and so the name <c>"gelu"</c>) defaults
    /// to <c>false</c>, the exact form; only <c>keras.ops.gelu</c> defaults to <c>true</c>.
    /// </param>
    public static Tensor Gelu(Tensor x, bool approximate = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        Tensor y;
        if (approximate)
        {
            double c = Math.Sqrt(2.0 / Math.PI);
            y = 0.5 * x * (1.0 + (c * (x + 0.044715 * x.pow(3))).tanh());
        }
        else
        {
            y = 0.5 * x * (1.0 + (x / Math.Sqrt(2.0)).erf());
        }
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>Keras <c>silu</c> (also exported as <c>swish</c>): <c>x * sigmoid(x)</c>.</summary>
    public static Tensor Silu(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.silu(x);
    }

    /// <summary>Keras <c>swish</c>, an alias of <see cref="Silu"/> (Keras serializes it as <c>silu</c>).</summary>
    public static Tensor Swish(Tensor x) => Silu(x);

    /// <summary>Keras <c>softplus</c>: <c>log(exp(x) + 1)</c>.</summary>
    public static Tensor Softplus(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.softplus(x);
    }

    /// <summary>Keras <c>softsign</c>: <c>x / (abs(x) + 1)</c>.</summary>
    public static Tensor Softsign(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return (x / (x.abs() + 1.0)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras 3 <c>hard_sigmoid</c>: <c>relu6(x + 3) / 6</c>, i.e. 0 for <c>x &lt;= -3</c>, 1 for <c>x &gt;= 3</c> and
    /// <c>x / 6 + 0.5</c> between (Keras 2 used slope 0.2 instead).
    /// </summary>
    public static Tensor HardSigmoid(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.hardsigmoid(x);
    }

    /// <summary>
    /// Keras <c>hard_silu</c> (also exported as <c>hard_swish</c>): <c>x * relu6(x + 3) / 6</c>, i.e. 0 for
    /// <c>x &lt;= -3</c>, <c>x</c> for <c>x &gt;= 3</c>.
    /// </summary>
    public static Tensor HardSilu(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.hardswish(x);
    }

    /// <summary>Keras <c>exponential</c>: <c>exp(x)</c>.</summary>
    public static Tensor Exponential(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.exp();
    }

    /// <summary>Keras <c>mish</c>: <c>x * tanh(softplus(x))</c>.</summary>
    public static Tensor Mish(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return (x * nn.functional.softplus(x).tanh()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras <c>crelu</c>: <c>concatenate([relu(x), relu(-x)], axis)</c>; the size of <paramref name="axis"/> doubles.
    /// </summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="axis">Keras' <c>axis</c> (default -1).</param>
    public static Tensor CRelu(Tensor x, long axis = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return torch.cat([nn.functional.relu(x), nn.functional.relu(-x)], axis).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras <c>celu</c> (continuously differentiable ELU): <c>x</c> for <c>x &gt;= 0</c>,
    /// <c>alpha * (exp(x / alpha) - 1)</c> otherwise.
    /// </summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="alpha">Keras' <c>alpha</c> (default 1.0); must not be 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is 0 (the formula divides by it).</exception>
    public static Tensor Celu(Tensor x, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (alpha == 0.0 || double.IsNaN(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"celu's alpha must be a non-zero number (it divides x), but received alpha={alpha}.");
        return nn.functional.celu(x, alpha);
    }

    /// <summary>
    /// Keras <c>glu</c> (gated linear unit): <c>x</c> is split into halves <c>a</c> and <c>b</c> along
    /// <paramref name="axis"/> and the result is <c>a * sigmoid(b)</c>; the size of that axis halves.
    /// </summary>
    /// <param name="x">Input tensor; the size of <paramref name="axis"/> must be even.</param>
    /// <param name="axis">Keras' <c>axis</c> (default -1).</param>
    /// <exception cref="ArgumentException">The axis is out of range or its size is odd.</exception>
    public static Tensor Glu(Tensor x, long axis = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        long rank = x.dim();
        if (axis < -rank || axis >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"glu's axis must be in [{-rank}, {rank}) for an input of rank {rank}, but received axis={axis}.");
        if (x.size((int)axis) % 2 != 0)
            throw new ArgumentException(
                $"glu: the size of axis {axis} must be divisible by 2, but received x.shape=({string.Join(", ", x.shape)}) with axis={axis}.", nameof(x));
        return nn.functional.glu(x, axis);
    }

    /// <summary>Keras <c>hard_tanh</c>: <c>-1</c> for <c>x &lt; -1</c>, <c>x</c> on [-1, 1], <c>1</c> for <c>x &gt; 1</c>.</summary>
    public static Tensor HardTanh(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.clamp(-1.0, 1.0);
    }

    /// <summary>Keras <c>hard_shrink</c>: <c>x</c> where <c>|x| &gt; threshold</c>, 0 elsewhere.</summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="threshold">Keras' <c>threshold</c> (default 0.5).</param>
    public static Tensor HardShrink(Tensor x, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return where(x.abs() > threshold, x, zeros_like(x)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras <c>soft_shrink</c>: <c>x - threshold</c> where <c>x &gt; threshold</c>, <c>x + threshold</c> where
    /// <c>x &lt; -threshold</c>, 0 elsewhere.
    /// </summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="threshold">Keras' <c>threshold</c> (default 0.5).</param>
    public static Tensor SoftShrink(Tensor x, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var zero = zeros_like(x);
        return where(x > threshold, x - threshold, where(x < -threshold, x + threshold, zero)).MoveToOuterDisposeScope();
    }

    /// <summary>Keras <c>tanh_shrink</c>: <c>x - tanh(x)</c>.</summary>
    public static Tensor TanhShrink(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return (x - x.tanh()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras <c>threshold</c>: <c>x</c> where <c>x &gt; threshold</c>, <paramref name="defaultValue"/> elsewhere. Both
    /// arguments are required, as in Keras (<c>keras.activations.threshold(x, threshold, default_value)</c>), so the
    /// registry name <c>"threshold"</c> resolves but cannot be applied; use this method in a lambda instead.
    /// </summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="threshold">Keras' <c>threshold</c>: the value above which <c>x</c> is kept.</param>
    /// <param name="defaultValue">Keras' <c>default_value</c>: the value for <c>x &lt;= threshold</c>.</param>
    public static Tensor Threshold(Tensor x, double threshold, double defaultValue)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return where(x > threshold, x, full_like(x, defaultValue)).MoveToOuterDisposeScope();
    }

    /// <summary>Keras <c>squareplus</c>: <c>(x + sqrt(x^2 + b)) / 2</c>.</summary>
    /// <param name="x">Input tensor.</param>
    /// <param name="b">Keras' <c>b</c>, the smoothness (default 4); must be non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="b"/> is negative or NaN.</exception>
    public static Tensor Squareplus(Tensor x, double b = 4.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(b >= 0))
            throw new ArgumentOutOfRangeException(nameof(b), b, $"squareplus's b must be >= 0 (it is added to x^2 under a square root), but received b={b}.");
        using var scope = NewDisposeScope();
        return ((x + (x.square() + b).sqrt()) / 2.0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras <c>sparse_plus</c>: 0 for <c>x &lt;= -1</c>, <c>(x + 1)^2 / 4</c> for <c>-1 &lt; x &lt; 1</c>, <c>x</c> for
    /// <c>x &gt;= 1</c>.
    /// </summary>
    public static Tensor SparsePlus(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return where(x <= -1.0, zeros_like(x), where(x < 1.0, 0.25 * (x + 1.0).square(), x)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras <c>sparse_sigmoid</c>: 0 for <c>x &lt;= -1</c>, <c>(x + 1) / 2</c> for <c>-1 &lt; x &lt; 1</c>, 1 for
    /// <c>x &gt;= 1</c>.
    /// </summary>
    public static Tensor SparseSigmoid(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return where(x <= -1.0, zeros_like(x), where(x >= 1.0, ones_like(x), 0.5 * (x + 1.0))).MoveToOuterDisposeScope();
    }

    /// <summary>Keras <c>log_sigmoid</c>: <c>log(1 / (1 + exp(-x)))</c>, computed stably as <c>-softplus(-x)</c>.</summary>
    public static Tensor LogSigmoid(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return nn.functional.logsigmoid(x);
    }

    /// <summary>
    /// Keras <c>sparsemax</c> (Martins and Astudillo, 2016): the Euclidean projection of each vector along
    /// <paramref name="axis"/> onto the probability simplex, <c>max(x - tau, 0)</c>, where <c>tau = (sum of the k
    /// largest values - 1) / k</c> and <c>k</c> is the largest count for which the k-th largest value exceeds
    /// <c>(sum of the k largest - 1) / k</c>. The outputs are non-negative and sum to 1 along the axis.
    /// </summary>
    /// <remarks>
    /// Keras 3.15 and earlier took <c>tau</c> from the sum of all cumulative sums in the support, which is only correct
    /// when one value is in the support; keras-team/keras#23469 fixed it. This follows the fixed (and documented)
    /// definition, which agrees with Keras 3.15 wherever Keras 3.15 is right (every case in Keras' own tests).
    /// </remarks>
    /// <param name="x">Input tensor.</param>
    /// <param name="axis">Keras' <c>axis</c> (default -1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The axis is out of range for the input's rank.</exception>
    public static Tensor Sparsemax(Tensor x, long axis = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        long rank = x.dim();
        if (axis < -rank || axis >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"sparsemax's axis must be in [{-rank}, {rank}) for an input of rank {rank}, but received axis={axis}.");
        if (axis < 0) axis += rank;
        using var scope = NewDisposeScope();
        var sorted = x.sort(axis, descending: true).Values;
        var cumsum = sorted.cumsum(axis);
        var shape = Enumerable.Repeat(1L, (int)rank).ToArray();
        shape[axis] = -1;
        var r = arange(1, x.size((int)axis) + 1, dtype: x.dtype, device: x.device).reshape(shape);
        var support = (sorted - (cumsum - 1.0) / r) > 0;
        var k = support.sum([axis], keepdim: true, type: x.dtype);
        var supportSum = where(support, sorted, zeros_like(sorted)).sum([axis], keepdim: true);
        var tau = (supportSum - 1.0) / k;
        return (x - tau).clamp_min(0.0).MoveToOuterDisposeScope();
    }
}
