using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>The Boston Housing price regression dataset (Keras' <c>keras.datasets.boston_housing</c>).</summary>
        public static class BostonHousing
        {
            /// <summary>
            /// Loads Boston Housing like Keras' <c>boston_housing.load_data(...)</c>: 506 samples of 13 float64 features
            /// and float64 prices (k$), shuffled by NumPy's <c>RandomState(seed)</c> (reproduced exactly) and split at
            /// <c>int(506 * (1 - testSplit))</c>: with the defaults x (404, 13) / (102, 13), y (404) / (102).
            /// </summary>
            /// <remarks>Keras warns that this dataset has an ethical problem (its "B" variable). Keras'
            /// <c>boston_housing.npz</c> is cached at <c>&lt;root&gt;/boston_housing.npz</c> and downloaded from Keras'
            /// URL when missing.</remarks>
            /// <param name="path">Cache file, relative to the datasets root or absolute (default "boston_housing.npz").</param>
            /// <param name="testSplit">Fraction in [0, 1) used as test data (default 0.2).</param>
            /// <param name="seed">Shuffling seed, 0 to 2^32 - 1 (default 113).</param>
            /// <exception cref="ArgumentOutOfRangeException"><paramref name="testSplit"/> or <paramref name="seed"/> out of range.</exception>
            /// <exception cref="FileNotFoundException">The file is missing and could not be downloaded.</exception>
            public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData(string path = "boston_housing.npz",
                double testSplit = 0.2, long seed = 113) =>
                HousingData.Load(HousingData.BostonNpz, "Boston Housing", path, testSplit, seed, null);
        }
    }
}
