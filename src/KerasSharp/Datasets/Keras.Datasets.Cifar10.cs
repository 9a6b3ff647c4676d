using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>CIFAR-10, 32x32 colour images of 10 classes (Keras' <c>keras.datasets.cifar10</c>).</summary>
        public static class Cifar10
        {
            /// <summary>
            /// Loads CIFAR-10 like Keras' <c>cifar10.load_data()</c>: <c>xTrain</c> uint8 (50000, 32, 32, 3) (channels
            /// last, Keras' default image format), <c>yTrain</c> uint8 (50000, 1), <c>xTest</c> uint8 (10000, 32, 32, 3),
            /// <c>yTest</c> uint8 (10000, 1); labels 0 to 9 (airplane, automobile, bird, cat, deer, dog, frog, horse,
            /// ship, truck). Training images are <c>data_batch_1</c> to <c>data_batch_5</c> in order.
            /// </summary>
            /// <remarks>
            /// The archive Keras downloads, <c>https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz</c> (SHA-256
            /// <c>6d958be0...c5b001ce</c>), is cached as <c>&lt;root&gt;/cifar-10-python.tar.gz</c> and read directly
            /// (the batches are Python pickles, read by a restricted reader that allows only NumPy array data, as
            /// Keras' own <c>RestrictedUnpickler</c>). Root and network behaviour as in <see cref="FashionMnist.LoadData"/>.
            /// </remarks>
            /// <exception cref="FileNotFoundException">The archive is missing and could not be downloaded.</exception>
            /// <exception cref="InvalidDataException">The archive is corrupt.</exception>
            public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData() => CifarData.LoadCifar10();
        }
    }
}
