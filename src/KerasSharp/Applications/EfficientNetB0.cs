using KerasSharp.Applications;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Applications
    {
        private const string EfficientNetWeightsBase = "https://storage.googleapis.com/keras-applications/";

        // Keras' DEFAULT_BLOCKS_ARGS: kernel size, repeats, filters in, filters out, expand ratio, strides (id_skip true, se_ratio 0.25).
        private static readonly (int Kernel, int Repeats, int FiltersIn, int FiltersOut, int Expand, int Strides)[] EfficientNetBlocks =
        [
            (3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
            (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1),
        ];

        // Keras' IMAGENET_STDDEV_RGB.
        private static readonly double[] ImagenetStddevRgb = [0.229, 0.224, 0.225];

        /// <summary>
        /// Keras' <c>keras.applications.EfficientNetB0</c> (keras/src/applications/efficientnet.py, width and depth
        /// coefficients 1.0, default size 224, dropout 0.2, drop connect 0.2, swish): the stem <c>Rescaling(1/255)</c>,
        /// <c>Normalization(axis=3)</c> (plus a per-channel <c>Rescaling</c> with ImageNet weights), <c>stem_conv_pad</c>,
        /// <c>stem_conv</c>, <c>stem_bn</c>, <c>stem_activation</c>; the MBConv blocks <c>block1a_</c> ... <c>block7a_</c>
        /// with squeeze-and-excitation (<c>block1a_se_squeeze</c>, <c>_se_reshape</c>, <c>_se_reduce</c>, <c>_se_expand</c>,
        /// <c>_se_excite</c>); <c>top_conv</c>, <c>top_bn</c>, <c>top_activation</c>, then <c>avg_pool</c>,
        /// <c>top_dropout</c> and <c>predictions</c>. With the top it has 5,330,571 parameters. The model takes pixels in
        /// [0, 255]: <see cref="Efficientnet.PreprocessInput"/> is the identity.
        /// </summary>
        /// <param name="includeTop">Include the classifier.</param>
        /// <param name="weights"><c>null</c> (random initialization), <c>"imagenet"</c> (Keras' published file, downloaded
        /// into <c>~/.keras/models</c>; without a network the error names the URL and the path to put the file at), or the
        /// path of a weights file to load.</param>
        /// <param name="inputTensor">A Keras tensor to use as the image input.</param>
        /// <param name="inputShape">(height, width, channels), each side at least 32; default (224, 224, 3), or (None, None, 3) without the top.</param>
        /// <param name="pooling">Without the top: <c>null</c> (4D output), <c>"avg"</c> (<c>avg_pool</c>) or <c>"max"</c> (<c>max_pool</c>).</param>
        /// <param name="classes">Number of classes with the top; must be 1000 with ImageNet weights.</param>
        /// <param name="classifierActivation">Activation of <c>predictions</c> (<c>null</c> gives logits); with pretrained weights only <c>"softmax"</c> or <c>null</c>.</param>
        /// <param name="name">The model's name.</param>
        /// <exception cref="ArgumentException">A bad argument; the message is Keras'.</exception>
        /// <exception cref="FileNotFoundException">ImageNet weights are not cached and could not be downloaded.</exception>
        public static Model EfficientNetB0(bool includeTop = true, string? weights = "imagenet", KerasTensor? inputTensor = null, Shape? inputShape = null,
            string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "efficientnetb0") =>
            EfficientNet(1.0, 1.0, 224, 0.2, 0.2, 8, "swish", name, "b0", ("902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d"),
                includeTop, weights, inputTensor, inputShape, pooling, classes, classifierActivation);

        // Keras' EfficientNet(...) builder.
        private static Model EfficientNet(double widthCoefficient, double depthCoefficient, int defaultSize, double dropoutRate, double dropConnectRate,
            int depthDivisor, string activation, string modelName, string variant, (string Top, string NoTop) hashes, bool includeTop, string? weights,
            KerasTensor? inputTensor, Shape? inputShape, string? pooling, int classes, string? classifierActivation)
        {
            if (!(weights is null or "imagenet" || File.Exists(weights)))
                throw new ArgumentException(
                    "The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet), " +
                    $"or the path to the weights file to be loaded. Received: weights={weights}", nameof(weights));
            if (weights == "imagenet" && includeTop && classes != 1000)
                throw new ArgumentException(
                    $"If using `weights=\"imagenet\"` with `include_top` as true, `classes` should be 1000. Received: classes={classes}", nameof(classes));
            var (imgInput, classifier) = ImagenetUtils.CheckArgumentsAndInput(weights, includeTop, classes, pooling, classifierActivation,
                inputShape, inputTensor, defaultSize);

            int RoundFilters(int filters)
            {
                var f = filters * widthCoefficient;
                var newFilters = Math.Max(depthDivisor, (int)(f + depthDivisor / 2.0) / depthDivisor * depthDivisor);
                if (newFilters < 0.9 * f) newFilters += depthDivisor;
                return newFilters;
            }
            int RoundRepeats(int repeats) => (int)Math.Ceiling(depthCoefficient * repeats);

            var x = new Rescaling(1.0 / 255.0).Apply(imgInput);
            x = new Normalization(axis: 3).Apply(x);
            if (weights == "imagenet")
                // Keras divides once more by sqrt(stddev) so the Normalization's (x - mean) / sqrt(var) matches the
                // original (x - mean) / var (tensorflow/tensorflow#49930).
                x = new Rescaling(ImagenetStddevRgb.Select(s => 1.0 / Math.Sqrt(s)).ToArray()).Apply(x);

            x = new ZeroPadding2D(ImagenetUtils.CorrectPad(x, 3), name: "stem_conv_pad").Apply(x);
            x = new Conv2D(RoundFilters(32), 3, strides: 2, padding: "valid", useBias: false, kernelInitializer: ConvKernelInitializer(),
                name: "stem_conv").Apply(x);
            x = new BatchNormalization(axis: 3, name: "stem_bn").Apply(x);
            x = new Activation(activation, name: "stem_activation").Apply(x);

            var b = 0;
            var blocks = (double)EfficientNetBlocks.Sum(a => RoundRepeats(a.Repeats));
            for (int i = 0; i < EfficientNetBlocks.Length; i++)
            {
                var args = EfficientNetBlocks[i];
                var filtersIn = RoundFilters(args.FiltersIn);
                var filtersOut = RoundFilters(args.FiltersOut);
                var strides = args.Strides;
                for (int j = 0; j < RoundRepeats(args.Repeats); j++)
                {
                    if (j > 0) { strides = 1; filtersIn = filtersOut; }
                    x = EfficientNetBlock(x, activation, dropConnectRate * b / blocks, $"block{i + 1}{(char)('a' + j)}_",
                        filtersIn, filtersOut, args.Kernel, strides, args.Expand, seRatio: 0.25, idSkip: true);
                    b++;
                }
            }

            x = new Conv2D(RoundFilters(1280), 1, padding: "same", useBias: false, kernelInitializer: ConvKernelInitializer(), name: "top_conv").Apply(x);
            x = new BatchNormalization(axis: 3, name: "top_bn").Apply(x);
            x = new Activation(activation, name: "top_activation").Apply(x);
            if (includeTop)
            {
                x = new GlobalAveragePooling2D(name: "avg_pool").Apply(x);
                if (dropoutRate > 0) x = new Dropout(dropoutRate, name: "top_dropout").Apply(x);
                x = new Dense(classes, activation: classifier, kernelInitializer: new VarianceScaling(1.0 / 3.0, "fan_out", "uniform"),
                    name: "predictions").Apply(x);
            }
            else if (pooling == "avg") x = new GlobalAveragePooling2D(name: "avg_pool").Apply(x);
            else if (pooling == "max") x = new GlobalMaxPooling2D(name: "max_pool").Apply(x);

            var model = new Model(inputTensor is null ? [imgInput] : ImagenetUtils.SourceInputs(inputTensor), x, modelName);
            var file = "efficientnet" + variant + (includeTop ? ".h5" : "_notop.h5");
            ImagenetUtils.LoadWeights(model, weights, file, EfficientNetWeightsBase + file, includeTop ? hashes.Top : hashes.NoTop);
            return model;
        }

        // Keras' CONV_KERNEL_INITIALIZER.
        private static VarianceScaling ConvKernelInitializer() => new(2.0, "fan_out", "truncated_normal");

        // Keras' efficientnet block(): expansion, depthwise convolution, squeeze-and-excitation, projection, residual.
        private static KerasTensor EfficientNetBlock(KerasTensor inputs, string activation, double dropRate, string name, int filtersIn,
            int filtersOut, int kernelSize, int strides, int expandRatio, double seRatio, bool idSkip)
        {
            var filters = filtersIn * expandRatio;
            var x = inputs;
            if (expandRatio != 1)
            {
                x = new Conv2D(filters, 1, padding: "same", useBias: false, kernelInitializer: ConvKernelInitializer(), name: name + "expand_conv").Apply(inputs);
                x = new BatchNormalization(axis: 3, name: name + "expand_bn").Apply(x);
                x = new Activation(activation, name: name + "expand_activation").Apply(x);
            }
            string convPad;
            if (strides == 2)
            {
                x = new ZeroPadding2D(ImagenetUtils.CorrectPad(x, kernelSize), name: name + "dwconv_pad").Apply(x);
                convPad = "valid";
            }
            else convPad = "same";
            x = new DepthwiseConv2D(kernelSize, strides: strides, padding: convPad, useBias: false, depthwiseInitializer: ConvKernelInitializer(),
                name: name + "dwconv").Apply(x);
            x = new BatchNormalization(axis: 3, name: name + "bn").Apply(x);
            x = new Activation(activation, name: name + "activation").Apply(x);

            if (seRatio > 0 && seRatio <= 1)
            {
                var filtersSe = Math.Max(1, (int)(filtersIn * seRatio));
                var se = new GlobalAveragePooling2D(name: name + "se_squeeze").Apply(x);
                se = new Reshape(new IntTuple(1, 1, filters), name: name + "se_reshape").Apply(se);
                se = new Conv2D(filtersSe, 1, padding: "same", activation: activation, kernelInitializer: ConvKernelInitializer(), name: name + "se_reduce").Apply(se);
                se = new Conv2D(filters, 1, padding: "same", activation: "sigmoid", kernelInitializer: ConvKernelInitializer(), name: name + "se_expand").Apply(se);
                x = new Multiply(name: name + "se_excite").Apply([x, se]);
            }

            x = new Conv2D(filtersOut, 1, padding: "same", useBias: false, kernelInitializer: ConvKernelInitializer(), name: name + "project_conv").Apply(x);
            x = new BatchNormalization(axis: 3, name: name + "project_bn").Apply(x);
            if (idSkip && strides == 1 && filtersIn == filtersOut)
            {
                if (dropRate > 0) x = new Dropout(dropRate, noiseShape: new Shape(null, 1, 1, 1), name: name + "drop").Apply(x);
                x = new Add(name: name + "add").Apply([x, inputs]);
            }
            return x;
        }

        /// <summary>Keras' <c>keras.applications.efficientnet</c> module.</summary>
        public static class Efficientnet
        {
            /// <summary>
            /// Keras' <c>efficientnet.preprocess_input</c>: returns <paramref name="x"/> unchanged (the models include their
            /// own rescaling and normalization and take pixels in [0, 255]).
            /// </summary>
            /// <param name="x">A batch of images.</param>
            /// <param name="dataFormat"><c>null</c>, "channels_last" or "channels_first" (checked, otherwise unused, as in Keras).</param>
            public static Tensor PreprocessInput(Tensor x, string? dataFormat = null)
            {
                ArgumentNullException.ThrowIfNull(x);
                if (dataFormat is not (null or "channels_last" or "channels_first"))
                    throw new ArgumentException($"Expected data_format to be one of `channels_first` or `channels_last`. Received: data_format={dataFormat}", nameof(dataFormat));
                return x;
            }

            /// <summary>Keras' <c>efficientnet.decode_predictions</c>: per sample the <paramref name="top"/> ImageNet classes as (class name, description, score), best first.</summary>
            /// <param name="preds">Predictions of shape (samples, 1000).</param>
            /// <param name="top">How many classes per sample.</param>
            public static List<List<(string ClassName, string ClassDescription, float Score)>> DecodePredictions(Tensor preds, int top = 5) =>
                ImagenetUtils.DecodePredictions(preds, top);
        }
    }
}
