using KerasSharp.Applications;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Applications
    {
        private const string MobileNetV2WeightsBase = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";
        private static readonly double[] MobileNetV2Alphas = [0.35, 0.50, 0.75, 1.0, 1.3, 1.4];
        private static readonly long[] MobileNetV2Sizes = [96, 128, 160, 192, 224];

        /// <summary>
        /// Keras' <c>keras.applications.MobileNetV2</c> (keras/src/applications/mobilenet_v2.py): <c>Conv1</c>,
        /// <c>bn_Conv1</c>, <c>Conv1_relu</c>, seventeen inverted residual blocks (<c>expanded_conv_depthwise</c> ...,
        /// <c>block_1_expand</c> ... <c>block_16_project_BN</c>), <c>Conv_1</c>, <c>Conv_1_bn</c>, <c>out_relu</c>, then
        /// global average pooling and <c>predictions</c>. With alpha 1.0 and the top it has 3,538,984 parameters. The
        /// model is named <c>mobilenetv2_{alpha:0.2f}_{rows}</c> (e.g. <c>mobilenetv2_1.00_224</c>). Inputs are expected
        /// preprocessed by <see cref="MobilenetV2.PreprocessInput"/>.
        /// </summary>
        /// <param name="inputShape">(height, width, channels), each side at least 32; ignored when <paramref name="inputTensor"/> is given
        /// except that its width must match. Square sizes 96, 128, 160, 192 or 224 select the matching ImageNet weights.</param>
        /// <param name="alpha">Width multiplier; with ImageNet weights one of 0.35, 0.5, 0.75, 1.0, 1.3, 1.4.</param>
        /// <param name="includeTop">Include the classifier (global average pooling and a dense layer).</param>
        /// <param name="weights"><c>null</c> (random initialization), <c>"imagenet"</c> (Keras' published file, downloaded
        /// into <c>~/.keras/models</c>; without a network the error names the URL and the path to put the file at), or the
        /// path of a weights file to load.</param>
        /// <param name="inputTensor">A Keras tensor to use as the image input.</param>
        /// <param name="pooling">Without the top: <c>null</c> (4D output), <c>"avg"</c> or <c>"max"</c>.</param>
        /// <param name="classes">Number of classes with the top; must be 1000 with ImageNet weights.</param>
        /// <param name="classifierActivation">Activation of <c>predictions</c> (<c>null</c> gives logits); with pretrained weights only <c>"softmax"</c> or <c>null</c>.</param>
        /// <param name="name">The model's name; default <c>mobilenetv2_{alpha:0.2f}_{rows}</c>.</param>
        /// <exception cref="ArgumentException">A bad argument; the message is Keras'.</exception>
        /// <exception cref="FileNotFoundException">ImageNet weights are not cached and could not be downloaded.</exception>
        public static Model MobileNetV2(Shape? inputShape = null, double alpha = 1.0, bool includeTop = true, string? weights = "imagenet",
            KerasTensor? inputTensor = null, string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string? name = null)
        {
            if (!(weights is null or "imagenet" || File.Exists(weights)))
                throw new ArgumentException(
                    "The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet), " +
                    $"or the path to the weights file to be loaded.  Received `weights={weights}`", nameof(weights));
            if (weights == "imagenet" && includeTop && classes != 1000)
                throw new ArgumentException(
                    $"If using `weights=\"imagenet\"` with `include_top` as true, `classes` should be 1000. Received `classes={classes}`", nameof(classes));
            ImagenetUtils.ValidateWeights(weights, includeTop, classes);
            ImagenetUtils.ValidatePooling(pooling);
            if (!(alpha > 0) || double.IsInfinity(alpha))
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"alpha must be a positive number; received alpha={alpha}.");
            var activation = ImagenetUtils.Activation(classifierActivation);
            if (includeTop) ImagenetUtils.ValidateActivation(activation, weights);

            if (inputShape is { } givenShape && inputTensor is not null && givenShape.Rank >= 2 && inputTensor.Shape.Rank >= 3 && inputTensor.Shape[2] != givenShape[1])
                throw new ArgumentException(
                    $"input_tensor.shape[2] must equal input_shape[1]; Received `input_tensor.shape={inputTensor.Shape}`, `input_shape={givenShape}`",
                    nameof(inputShape));
            long? rows, cols;
            if (inputShape is null && inputTensor is not null) (rows, cols) = (inputTensor.Shape.Rank > 2 ? inputTensor.Shape[1] : null, inputTensor.Shape.Rank > 2 ? inputTensor.Shape[2] : null);
            else if (inputShape is { Rank: >= 2 } s) (rows, cols) = (s[0], s[1]);
            else (rows, cols) = (null, null);
            var defaultSize = rows is { } r0 && rows == cols && MobileNetV2Sizes.Contains(r0) ? (int)r0 : 224;
            var shape = ImagenetUtils.ObtainInputShape(inputShape ?? (inputTensor is null ? (Shape?)null : inputTensor.Shape[1..]), defaultSize, 32, includeTop, weights);
            rows = shape[0];
            cols = shape[1];
            if (weights == "imagenet")
            {
                if (!MobileNetV2Alphas.Contains(alpha))
                    throw new ArgumentException(
                        $"If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received `alpha={ImagenetUtils.PythonFloat(alpha)}`",
                        nameof(alpha));
                if (rows != cols || rows is null || !MobileNetV2Sizes.Contains(rows.Value))
                {
                    rows = 224;
                    Console.Error.WriteLine("Warning: `input_shape` is undefined or non-square, or `rows` is not in [96, 128, 160, 192, 224]. " +
                                            "Weights for input shape (224, 224) will be loaded as the default.");
                }
            }
            var imgInput = ImagenetUtils.ImageInput(inputTensor, shape);

            var x = new Conv2D(MakeDivisible(32 * alpha, 8), 3, strides: 2, padding: "same", useBias: false, name: "Conv1").Apply(imgInput);
            x = new BatchNormalization(axis: -1, epsilon: 1e-3, momentum: 0.999, name: "bn_Conv1").Apply(x);
            x = new ReLU(6.0, name: "Conv1_relu").Apply(x);

            (int Filters, int Stride, int Expansion)[] blocks =
            [
                (16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
                (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6),
            ];
            for (int id = 0; id < blocks.Length; id++)
                x = InvertedResBlock(x, blocks[id].Expansion, blocks[id].Stride, alpha, blocks[id].Filters, id);

            var lastBlockFilters = alpha > 1.0 ? MakeDivisible(1280 * alpha, 8) : 1280;
            x = new Conv2D(lastBlockFilters, 1, useBias: false, name: "Conv_1").Apply(x);
            x = new BatchNormalization(axis: -1, epsilon: 1e-3, momentum: 0.999, name: "Conv_1_bn").Apply(x);
            x = new ReLU(6.0, name: "out_relu").Apply(x);

            if (includeTop)
            {
                x = new GlobalAveragePooling2D().Apply(x);
                x = new Dense(classes, activation: activation, name: "predictions").Apply(x);
            }
            else if (pooling == "avg") x = new GlobalAveragePooling2D().Apply(x);
            else if (pooling == "max") x = new GlobalMaxPooling2D().Apply(x);

            var rowsText = rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
            name ??= $"mobilenetv2_{alpha.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}_{rowsText}";
            var model = new Model(inputTensor is null ? [imgInput] : ImagenetUtils.SourceInputs(inputTensor), x, name);
            var file = includeTop
                ? $"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{ImagenetUtils.PythonFloat(alpha)}_{rowsText}.h5"
                : $"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{ImagenetUtils.PythonFloat(alpha)}_{rowsText}_no_top.h5";
            ImagenetUtils.LoadWeights(model, weights, file, MobileNetV2WeightsBase + file, md5: null);   // Keras publishes no hash for these
            return model;
        }

        // Keras' _make_divisible (min_value = divisor).
        private static int MakeDivisible(double v, int divisor)
        {
            var newV = Math.Max(divisor, (int)(v + divisor / 2.0) / divisor * divisor);
            if (newV < 0.9 * v) newV += divisor;
            return newV;
        }

        // Keras' _inverted_res_block.
        private static KerasTensor InvertedResBlock(KerasTensor inputs, int expansion, int stride, double alpha, int filters, int blockId)
        {
            var inChannels = (int)inputs.Shape[^1]!.Value;
            var pointwiseFilters = MakeDivisible((int)(filters * alpha), 8);
            var x = inputs;
            var prefix = $"block_{blockId}_";
            if (blockId != 0)
            {
                x = new Conv2D(expansion * inChannels, 1, padding: "same", useBias: false, name: prefix + "expand").Apply(x);
                x = new BatchNormalization(axis: -1, epsilon: 1e-3, momentum: 0.999, name: prefix + "expand_BN").Apply(x);
                x = new ReLU(6.0, name: prefix + "expand_relu").Apply(x);
            }
            else prefix = "expanded_conv_";
            if (stride == 2) x = new ZeroPadding2D(ImagenetUtils.CorrectPad(x, 3), name: prefix + "pad").Apply(x);
            x = new DepthwiseConv2D(3, strides: stride, useBias: false, padding: stride == 1 ? "same" : "valid", name: prefix + "depthwise").Apply(x);
            x = new BatchNormalization(axis: -1, epsilon: 1e-3, momentum: 0.999, name: prefix + "depthwise_BN").Apply(x);
            x = new ReLU(6.0, name: prefix + "depthwise_relu").Apply(x);
            x = new Conv2D(pointwiseFilters, 1, padding: "same", useBias: false, name: prefix + "project").Apply(x);
            x = new BatchNormalization(axis: -1, epsilon: 1e-3, momentum: 0.999, name: prefix + "project_BN").Apply(x);
            if (inChannels == pointwiseFilters && stride == 1) return new Add(name: prefix + "add").Apply([inputs, x]);
            return x;
        }

        /// <summary>Keras' <c>keras.applications.mobilenet_v2</c> module: the preprocessing and decoding MobileNetV2 expects.</summary>
        public static class MobilenetV2
        {
            /// <summary>Keras' <c>mobilenet_v2.preprocess_input</c> ("tf" mode): pixels in [0, 255] scaled to [-1, 1] (<c>x / 127.5 - 1</c>).</summary>
            /// <param name="x">A 3D or 4D batch of RGB images (3 channels).</param>
            /// <param name="dataFormat"><c>null</c> (channels_last), "channels_last" or "channels_first".</param>
            public static Tensor PreprocessInput(Tensor x, string? dataFormat = null) => ImagenetUtils.PreprocessInput(x, dataFormat, "tf");

            /// <summary>Keras' <c>mobilenet_v2.decode_predictions</c>: per sample the <paramref name="top"/> ImageNet classes as (class name, description, score), best first.</summary>
            /// <param name="preds">Predictions of shape (samples, 1000).</param>
            /// <param name="top">How many classes per sample.</param>
            public static List<List<(string ClassName, string ClassDescription, float Score)>> DecodePredictions(Tensor preds, int top = 5) =>
                ImagenetUtils.DecodePredictions(preds, top);
        }
    }
}
