using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>Keras' <c>keras.utils</c>: seeding, label encoding, sequence padding, normalisation and dataset builders.</summary>
    public static partial class Utils
    {
        /// <summary>
        /// Seeds every random source KerasSharp uses (weight initialisation, shuffling in Fit, Dropout and other
        /// random layers), like <c>keras.utils.set_random_seed</c>: the same seed gives the same training run.
        /// </summary>
        public static void SetRandomSeed(int seed)
        {
            Runtime.LibTorchLoader.EnsureLoaded();
            torch.manual_seed(seed);
            if (DeviceManager.CudaAvailable())
                torch.cuda.manual_seed_all(seed);
        }

        /// <summary>
        /// One-hot encodes integer class labels (Keras' <c>to_categorical</c>): labels of shape <c>(n)</c> or
        /// <c>(n, 1)</c> become a float32 tensor <c>(n, numClasses)</c>. <paramref name="numClasses"/> defaults to
        /// the largest label + 1.
        /// </summary>
        /// <exception cref="ArgumentException">Labels are not integers, are negative, or are >= numClasses.</exception>
        public static Tensor ToCategorical(Tensor y, int? numClasses = null)
        {
            ArgumentNullException.ThrowIfNull(y);
            using var scope = NewDisposeScope();
            if (y.is_complex())
                throw new ArgumentException($"ToCategorical expects integer class labels, but received a tensor of type {y.dtype}.", nameof(y));
            if (y.is_floating_point() && y.numel() > 0)
            {
                // NaN and infinities give a NaN fraction and are rejected too.
                double frac = (y - y.floor()).abs().max().to_type(ScalarType.Float64).item<double>();
                if (frac != 0)
                    throw new ArgumentException($"ToCategorical expects integer class labels, but received non-integer values of type {y.dtype}.", nameof(y));
            }
            var labels = y.to_type(ScalarType.Int64);
            if (labels.dim() > 1 && labels.shape[^1] == 1)
                labels = labels.squeeze(-1);
            if (labels.numel() == 0)
                return zeros([.. labels.shape, numClasses ?? 0], ScalarType.Float32, y.device).MoveToOuterDisposeScope();
            long min = labels.min().item<long>(), max = labels.max().item<long>();
            if (min < 0)
                throw new ArgumentException($"ToCategorical expects labels >= 0, but received {min}.", nameof(y));
            long classes = numClasses ?? max + 1;
            if (classes <= 0)
                throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"numClasses must be > 0, but received {numClasses}.");
            if (max >= classes)
                throw new ArgumentException($"Label {max} is out of range for numClasses = {classes} (labels must be in [0, {classes - 1}]).", nameof(y));
            return nn.functional.one_hot(labels, classes).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
        }

        /// <summary><see cref="ToCategorical(Tensor, int?)"/> for .NET integer labels.</summary>
        public static Tensor ToCategorical(int[] y, int? numClasses = null) => ToCategorical(tensor(y), numClasses);

        /// <summary><see cref="ToCategorical(Tensor, int?)"/> for .NET byte labels.</summary>
        public static Tensor ToCategorical(byte[] y, int? numClasses = null) => ToCategorical(tensor(y), numClasses);
    }
}
