using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>Fashion-MNIST, 28x28 grayscale images of 10 clothing classes (Keras' <c>keras.datasets.fashion_mnist</c>).</summary>
        public static class FashionMnist
        {
            /// <summary>
            /// Loads Fashion-MNIST like Keras' <c>fashion_mnist.load_data()</c>: uint8 tensors <c>xTrain</c>
            /// (60000, 28, 28), <c>yTrain</c> (60000), <c>xTest</c> (10000, 28, 28), <c>yTest</c> (10000); labels 0 to 9
            /// (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot).
            /// </summary>
            /// <remarks>
            /// Keras' four files (<c>train-labels-idx1-ubyte.gz</c>, <c>train-images-idx3-ubyte.gz</c>,
            /// <c>t10k-labels-idx1-ubyte.gz</c>, <c>t10k-images-idx3-ubyte.gz</c>) are cached, as Keras caches them,
            /// in <c>&lt;root&gt;/fashion-mnist</c> (root: <c>$KERASSHARP_DATASETS</c>, else
            /// <c>$KERAS_HOME/datasets</c>, else <c>~/.keras/datasets</c>), checked against Keras' SHA-256 on each load,
            /// and downloaded from Keras' URLs when missing (not when <c>KERASSHARP_OFFLINE=1</c>). Without a network
            /// the exception names each file, its hash, its URL and the folder to put it in.
            /// </remarks>
            /// <exception cref="FileNotFoundException">A file is missing and could not be downloaded.</exception>
            /// <exception cref="InvalidDataException">A file is corrupt.</exception>
            public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData() => FashionMnistData.Load();
        }
    }
}
