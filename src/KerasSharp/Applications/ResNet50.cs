using KerasSharp.Applications;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Applications
    {
        private const string ResNetWeightsBase = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/";

        /// <summary>
        /// Keras' <c>keras.applications.ResNet50</c> (keras/src/applications/resnet.py, ResNet v1): <c>conv1_pad</c>,
        /// <c>conv1_conv</c> (7x7/2), <c>conv1_bn</c>, <c>conv1_relu</c>, <c>pool1_pad</c>, <c>pool1_pool</c>, then the
        /// bottleneck stacks <c>conv2</c> to <c>conv5</c> (3, 4, 6, 3 blocks, layers <c>conv2_block1_1_conv</c> ...
        /// <c>conv5_block3_out</c>), <c>avg_pool</c> and <c>predictions</c>. With the top it has 25,636,712 parameters.
        /// Inputs are expected preprocessed by <see cref="Resnet50.PreprocessInput"/>.
        /// </summary>
        /// <param name="includeTop">Include the classifier (global average pooling and a dense layer).</param>
        /// <param name="weights"><c>null</c> (random initialization), <c>"imagenet"</c> (Keras' published file, downloaded
        /// into <c>~/.keras/models</c>; without a network the error names the URL and the path to put the file at), or the
        /// path of a weights file to load.</param>
        /// <param name="inputTensor">A Keras tensor to use as the image input.</param>
        /// <param name="inputShape">(height, width, channels), each side at least 32; default (224, 224, 3), or (None, None, 3) without the top.</param>
        /// <param name="pooling">Without the top: <c>null</c> (4D output), <c>"avg"</c> (<c>avg_pool</c>) or <c>"max"</c> (<c>max_pool</c>).</param>
        /// <param name="classes">Number of classes with the top; must be 1000 with ImageNet weights.</param>
        /// <param name="classifierActivation">Activation of <c>predictions</c> (<c>null</c> gives logits); with pretrained weights only <c>"softmax"</c> or <c>null</c>.</param>
        /// <exception cref="ArgumentException">A bad argument; the message is Keras'.</exception>
        /// <exception cref="FileNotFoundException">ImageNet weights are not cached and could not be downloaded.</exception>
        public static Model ResNet50(bool includeTop = true, string? weights = "imagenet", KerasTensor? inputTensor = null, Shape? inputShape = null,
            string? pooling = null, int classes = 1000, string? classifierActivation = "softmax")
        {
            var (imgInput, activation) = ImagenetUtils.CheckArgumentsAndInput(weights, includeTop, classes, pooling, classifierActivation,
                inputShape, inputTensor);

            var x = new ZeroPadding2D(((3, 3), (3, 3)), name: "conv1_pad").Apply(imgInput);
            x = new Conv2D(64, 7, strides: 2, useBias: true, name: "conv1_conv").Apply(x);
            x = new BatchNormalization(axis: 3, epsilon: 1.001e-5, name: "conv1_bn").Apply(x);
            x = new Activation("relu", name: "conv1_relu").Apply(x);
            x = new ZeroPadding2D(((1, 1), (1, 1)), name: "pool1_pad").Apply(x);
            x = new MaxPooling2D(3, strides: 2, name: "pool1_pool").Apply(x);

            x = ResNetStackV1(x, 64, 3, stride1: 1, name: "conv2");
            x = ResNetStackV1(x, 128, 4, stride1: 2, name: "conv3");
            x = ResNetStackV1(x, 256, 6, stride1: 2, name: "conv4");
            x = ResNetStackV1(x, 512, 3, stride1: 2, name: "conv5");

            if (includeTop)
            {
                x = new GlobalAveragePooling2D(name: "avg_pool").Apply(x);
                x = new Dense(classes, activation: activation, name: "predictions").Apply(x);
            }
            else if (pooling == "avg") x = new GlobalAveragePooling2D(name: "avg_pool").Apply(x);
            else if (pooling == "max") x = new GlobalMaxPooling2D(name: "max_pool").Apply(x);

            var model = new Model(inputTensor is null ? [imgInput] : ImagenetUtils.SourceInputs(inputTensor), x, "resnet50");
            var file = includeTop ? "resnet50_weights_tf_dim_ordering_tf_kernels.h5" : "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";
            ImagenetUtils.LoadWeights(model, weights, file, ResNetWeightsBase + file,
                includeTop ? "2cb95161c43110f7111970584f804107" : "4d473c1dd8becc155b73f8504c6f6626");
            return model;
        }

        // Keras' stack_residual_blocks_v1: the first block has a convolution shortcut and the stride.
        private static KerasTensor ResNetStackV1(KerasTensor x, int filters, int blocks, int stride1, string name)
        {
            x = ResNetBlockV1(x, filters, stride: stride1, convShortcut: true, name: name + "_block1");
            for (int i = 2; i <= blocks; i++) x = ResNetBlockV1(x, filters, stride: 1, convShortcut: false, name: $"{name}_block{i}");
            return x;
        }

        // Keras' residual_block_v1 (kernel size 3).
        private static KerasTensor ResNetBlockV1(KerasTensor x, int filters, int stride, bool convShortcut, string name)
        {
            KerasTensor shortcut;
            if (convShortcut)
            {
                shortcut = new Conv2D(4 * filters, 1, strides: stride, name: name + "_0_conv").Apply(x);
                shortcut = new BatchNormalization(axis: 3, epsilon: 1.001e-5, name: name + "_0_bn").Apply(shortcut);
            }
            else shortcut = x;
            x = new Conv2D(filters, 1, strides: stride, name: name + "_1_conv").Apply(x);
            x = new BatchNormalization(axis: 3, epsilon: 1.001e-5, name: name + "_1_bn").Apply(x);
            x = new Activation("relu", name: name + "_1_relu").Apply(x);
            x = new Conv2D(filters, 3, padding: "same", name: name + "_2_conv").Apply(x);
            x = new BatchNormalization(axis: 3, epsilon: 1.001e-5, name: name + "_2_bn").Apply(x);
            x = new Activation("relu", name: name + "_2_relu").Apply(x);
            x = new Conv2D(4 * filters, 1, name: name + "_3_conv").Apply(x);
            x = new BatchNormalization(axis: 3, epsilon: 1.001e-5, name: name + "_3_bn").Apply(x);
            x = new Add(name: name + "_add").Apply([shortcut, x]);
            return new Activation("relu", name: name + "_out").Apply(x);
        }

        /// <summary>Keras' <c>keras.applications.resnet50</c> module: the preprocessing and decoding ResNet50 expects.</summary>
        public static class Resnet50
        {
            /// <summary>
            /// Keras' <c>resnet50.preprocess_input</c> ("caffe" mode): RGB to BGR, then each channel minus the ImageNet mean
            /// (103.939, 116.779, 123.68), no scaling. Pixels in [0, 255]; returns a new float tensor.
            /// </summary>
            /// <param name="x">A 3D or 4D batch of RGB images (3 channels).</param>
            /// <param name="dataFormat"><c>null</c> (channels_last), "channels_last" or "channels_first".</param>
            public static Tensor PreprocessInput(Tensor x, string? dataFormat = null) => ImagenetUtils.PreprocessInput(x, dataFormat, "caffe");

            /// <summary>Keras' <c>resnet50.decode_predictions</c>: per sample the <paramref name="top"/> ImageNet classes as (class name, description, score), best first.</summary>
            /// <param name="preds">Predictions of shape (samples, 1000).</param>
            /// <param name="top">How many classes per sample.</param>
            public static List<List<(string ClassName, string ClassDescription, float Score)>> DecodePredictions(Tensor preds, int top = 5) =>
                ImagenetUtils.DecodePredictions(preds, top);
        }
    }
}
