using KerasSharp.Datasets;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>CIFAR-100, 32x32 colour images of 100 classes in 20 superclasses (Keras' <c>keras.datasets.cifar100</c>).</summary>
        public static class Cifar100
        {
            /// <summary>
            /// Loads CIFAR-100 like Keras' <c>cifar100.load_data(label_mode)</c>: <c>xTrain</c> uint8 (50000, 32, 32, 3)
            /// (channels last), <c>yTrain</c> (50000, 1), <c>xTest</c> uint8 (10000, 32, 32, 3), <c>yTest</c> (10000, 1).
            /// Labels are int64, as Keras' (it reshapes a Python list): 0 to 99 for "fine", 0 to 19 for "coarse".
            /// </summary>
            /// <remarks>
            /// The archive Keras downloads, <c>https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz</c> (SHA-256
            /// <c>85cd44d0...ba677a7</c>), is cached as <c>&lt;root&gt;/cifar-100-python.tar.gz</c> and read directly.
            /// Root and network behaviour as in <see cref="FashionMnist.LoadData"/>.
            /// </remarks>
            /// <param name="labelMode">"fine" (100 classes, default) or "coarse" (20 superclasses).</param>
            /// <exception cref="ArgumentException"><paramref name="labelMode"/> is neither "fine" nor "coarse".</exception>
            /// <exception cref="FileNotFoundException">The archive is missing and could not be downloaded.</exception>
            public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData(string labelMode = "fine") => CifarData.LoadCifar100(labelMode);
        }
    }
}
