using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>The California Housing price regression dataset (Keras' <c>keras.datasets.california_housing</c>).</summary>
        public static class CaliforniaHousing
        {
            /// <summary>
            /// Loads California Housing like Keras' <c>california_housing.load_data(...)</c>: 20640 samples ("large") or
            /// the first 600 ("small") of 8 features (MedInc, HouseAge, AveRooms, AveBedrms, Population, AveOccup,
            /// Latitude, Longitude) and prices in dollars, in the file's dtype, shuffled by NumPy's
            /// <c>RandomState(seed)</c> (reproduced exactly) and split at <c>int(n * (1 - testSplit))</c>.
            /// </summary>
            /// <remarks>Keras' <c>california_housing.npz</c> is cached at <c>&lt;root&gt;/california_housing.npz</c> and
            /// downloaded from Keras' URL when missing.</remarks>
            /// <param name="version">"large" (default, 20640 samples) or "small" (600).</param>
            /// <param name="path">Cache file, relative to the datasets root or absolute (default "california_housing.npz").</param>
            /// <param name="testSplit">Fraction in [0, 1) used as test data (default 0.2).</param>
            /// <param name="seed">Shuffling seed, 0 to 2^32 - 1 (default 113).</param>
            /// <exception cref="ArgumentException">A bad <paramref name="version"/>, <paramref name="testSplit"/> or <paramref name="seed"/>.</exception>
            /// <exception cref="FileNotFoundException">The file is missing and could not be downloaded.</exception>
            public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData(string version = "large",
                string path = "california_housing.npz", double testSplit = 0.2, long seed = 113)
            {
                ArgumentNullException.ThrowIfNull(version);
                return HousingData.Load(HousingData.CaliforniaNpz, "California Housing", path, testSplit, seed, version);
            }
        }
    }
}
