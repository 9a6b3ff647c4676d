using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Normalizes <paramref name="x"/> along <paramref name="axis"/> (Keras' <c>keras.utils.normalize</c> on a
        /// backend tensor, i.e. <c>keras.ops.normalize</c>): for order 2, <c>x * min(1 / sqrt(sum(x^2)), 1 / epsilon)</c>;
        /// for another order p, <c>x / max(||x||_p, epsilon)</c>, with Keras' epsilon 1e-7. A zero vector stays zero.
        /// Integer inputs give float32.
        /// </summary>
        /// <param name="x">The data, at least 1-D.</param>
        /// <param name="axis">The axis to normalize along (default -1, the last).</param>
        /// <param name="order">The norm's order, an integer >= 1 (default 2, the L2 norm).</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is a scalar, <paramref name="axis"/> is out of range, or <paramref name="order"/> &lt; 1.</exception>
        public static Tensor Normalize(Tensor x, int axis = -1, int order = 2)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (order < 1)
                throw new ArgumentOutOfRangeException(nameof(order), order, $"order must be an integer >= 1, but received {order}.");
            if (x.dim() == 0)
                throw new ArgumentException("x must be at least 1D (a vector), but received a scalar.", nameof(x));
            if (axis < -x.dim() || axis >= x.dim())
                throw new ArgumentOutOfRangeException(nameof(axis), axis, $"axis must be in [{-x.dim()}, {x.dim() - 1}] for an input of rank {x.dim()}, but received {axis}.");
            const double epsilon = 1e-7; // keras.config.epsilon()
            using var scope = NewDisposeScope();
            var input = x.is_floating_point() ? x : x.to_type(ScalarType.Float32);
            if (order == 2)
            {
                var squareSum = input.square().sum(axis, keepdim: true);
                var invNorm = squareSum.rsqrt().clamp_max(1.0 / epsilon);
                return (input * invNorm).MoveToOuterDisposeScope();
            }
            var norm = input.abs().pow(order).sum(axis, keepdim: true).pow(1.0 / order);
            return (input / norm.clamp_min(epsilon)).MoveToOuterDisposeScope();
        }
    }
}
