using KerasSharp.Applications;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Applications
    {
        private const string Vgg16WeightsBase = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/";

        /// <summary>
        /// Keras' <c>keras.applications.VGG16</c> (keras/src/applications/vgg16.py): five blocks of 3x3 "same" ReLU
        /// convolutions (<c>block1_conv1</c> ... <c>block5_conv3</c>) with 2x2 max pooling (<c>block1_pool</c> ...), then
        /// <c>flatten</c>, <c>fc1</c>, <c>fc2</c> (4096 ReLU units) and <c>predictions</c>. With the top it has
        /// 138,357,544 parameters. Inputs are expected preprocessed by <see cref="Vgg16.PreprocessInput"/>.
        /// </summary>
        /// <param name="includeTop">Include the three fully connected layers (then the input must be 224x224x3 with ImageNet weights).</param>
        /// <param name="weights"><c>null</c> (random initialization), <c>"imagenet"</c> (Keras' published file, downloaded
        /// into <c>~/.keras/models</c>; without a network the error names the URL and the path to put the file at), or the
        /// path of a weights file to load.</param>
        /// <param name="inputTensor">A Keras tensor to use as the image input (its source inputs become the model's inputs).</param>
        /// <param name="inputShape">(height, width, channels), each side at least 32; default (224, 224, 3), or
        /// (None, None, 3) without the top.</param>
        /// <param name="pooling">Without the top: <c>null</c> (4D output), <c>"avg"</c> or <c>"max"</c> global pooling.</param>
        /// <param name="classes">Number of classes with the top; must be 1000 with ImageNet weights.</param>
        /// <param name="classifierActivation">Activation of <c>predictions</c> (<c>null</c> gives logits); with pretrained
        /// weights only <c>"softmax"</c> or <c>null</c>.</param>
        /// <param name="name">The model's name.</param>
        /// <exception cref="ArgumentException">A bad argument; the message is Keras'.</exception>
        /// <exception cref="FileNotFoundException">ImageNet weights are not cached and could not be downloaded.</exception>
        public static Model VGG16(bool includeTop = true, string? weights = "imagenet", KerasTensor? inputTensor = null, Shape? inputShape = null,
            string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "vgg16")
        {
            var file = includeTop ? "vgg16_weights_tf_dim_ordering_tf_kernels.h5" : "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
            return VggBuilder.Build([[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]], includeTop, weights,
                inputTensor, inputShape, pooling, classes, classifierActivation, name, file, Vgg16WeightsBase + file,
                includeTop ? "64373286793e3c8b2b4e3219cbf3544b" : "6d6bbae143d832006294945121d1f1fc");
        }

        /// <summary>Keras' <c>keras.applications.vgg16</c> module: the preprocessing and decoding VGG16 expects.</summary>
        public static class Vgg16
        {
            /// <summary>
            /// Keras' <c>vgg16.preprocess_input</c> ("caffe" mode): RGB to BGR, then each channel minus the ImageNet mean
            /// (103.939, 116.779, 123.68), no scaling. Pixels in [0, 255]; returns a new float tensor.
            /// </summary>
            /// <param name="x">A 3D or 4D batch of RGB images (3 channels).</param>
            /// <param name="dataFormat"><c>null</c> (channels_last), "channels_last" or "channels_first".</param>
            public static Tensor PreprocessInput(Tensor x, string? dataFormat = null) => ImagenetUtils.PreprocessInput(x, dataFormat, "caffe");

            /// <summary>
            /// Keras' <c>vgg16.decode_predictions</c>: per sample the <paramref name="top"/> ImageNet classes as
            /// (class name, description, score), best first. Needs <c>imagenet_class_index.json</c> (downloaded into
            /// <c>~/.keras/models</c>, or the error names the URL and the path).
            /// </summary>
            /// <param name="preds">Predictions of shape (samples, 1000).</param>
            /// <param name="top">How many classes per sample.</param>
            public static List<List<(string ClassName, string ClassDescription, float Score)>> DecodePredictions(Tensor preds, int top = 5) =>
                ImagenetUtils.DecodePredictions(preds, top);
        }
    }
}
