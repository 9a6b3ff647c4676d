using System.Security.Cryptography;
using System.Text.Json;
using KerasSharp.Activations;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Applications;

/// <summary>
/// The shared part of Keras' <c>keras/src/applications/imagenet_utils.py</c>: argument checks, the input shape
/// (<c>obtain_input_shape</c>), the padding for strided convolutions (<c>correct_pad</c>), <c>preprocess_input</c> in
/// its three modes, <c>decode_predictions</c>, and the cache of published files (<c>get_file(cache_subdir="models")</c>).
/// </summary>
internal static class ImagenetUtils
{
    /// <summary>Keras' <c>CLASS_INDEX_PATH</c>.</summary>
    internal const string ClassIndexUrl = "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json";

    /// <summary>MD5 Keras checks <c>imagenet_class_index.json</c> against.</summary>
    internal const string ClassIndexMd5 = "c2c37ea517e94d9795004a39431a14cb";

    private static readonly AsyncLocal<string?> CacheRootOverride = new();
    private static readonly AsyncLocal<bool> OfflineOverride = new();
    private static readonly AsyncLocal<bool> SkipHashOverride = new();
    private static readonly object ClassIndexLock = new();
    private static Dictionary<int, (string Id, string Name)>? classIndex;
    private static string? classIndexPath;

    /// <summary>
    /// Keras' cache folder for models: <c>$KERAS_HOME/models</c> if <c>KERAS_HOME</c> is set, else
    /// <c>~/.keras/models</c> (tests may redirect it for the current async flow).
    /// </summary>
    internal static string ModelsFolder
    {
        get
        {
            if (CacheRootOverride.Value is { } root) return Path.Combine(root, "models");
            var kerasHome = Environment.GetEnvironmentVariable("KERAS_HOME");
            if (string.IsNullOrEmpty(kerasHome))
                kerasHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keras");
            return Path.Combine(kerasHome, "models");
        }
    }

    /// <summary>Redirects the cache root (the folder holding <c>models/</c>), disables downloads and optionally the MD5 check, for the current flow (tests with generated files).</summary>
    internal static IDisposable UseCacheRoot(string root, bool offline = true, bool verifyHashes = true)
    {
        var (oldRoot, oldOffline, oldSkip) = (CacheRootOverride.Value, OfflineOverride.Value, SkipHashOverride.Value);
        CacheRootOverride.Value = root;
        OfflineOverride.Value = offline;
        SkipHashOverride.Value = !verifyHashes;
        return new Restore(() => { CacheRootOverride.Value = oldRoot; OfflineOverride.Value = oldOffline; SkipHashOverride.Value = oldSkip; });
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>
    /// Keras' check of the <c>weights</c> argument: <c>null</c>, <c>"imagenet"</c> or the path of an existing file; and,
    /// with <c>"imagenet"</c> and the top, exactly 1000 classes.
    /// </summary>
    internal static void ValidateWeights(string? weights, bool includeTop, int classes)
    {
        if (!(weights is null or "imagenet" || File.Exists(weights)))
            throw new ArgumentException(
                "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet), " +
                $"or the path to the weights file to be loaded.  Received: weights={weights}", nameof(weights));
        if (weights == "imagenet" && includeTop && classes != 1000)
            throw new ArgumentException(
                $"If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes={classes}", nameof(classes));
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be a positive integer; received classes={classes}.");
    }

    /// <summary>Python's <c>str(float(value))</c> ("1.0", "0.35"), as Keras' weight file names spell alpha.</summary>
    internal static string PythonFloat(double value)
    {
        var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>Keras' check of <c>pooling</c>: <c>null</c>, <c>"avg"</c> or <c>"max"</c> (Keras ignores other values silently; KerasSharp refuses them).</summary>
    internal static void ValidatePooling(string? pooling)
    {
        if (pooling is not (null or "avg" or "max"))
            throw new ArgumentException($"pooling must be null, \"avg\" or \"max\"; received pooling=\"{pooling}\".", nameof(pooling));
    }

    /// <summary>The classifier activation from its Keras name (<c>null</c>: none, i.e. logits).</summary>
    internal static ActivationFunction? Activation(string? name)
    {
        if (name is null) return null;
        try { return ActivationRegistry.Get(name); }
        catch (ArgumentException e) { throw new ArgumentException($"Unknown classifierActivation '{name}': {e.Message}", "classifierActivation", e); }
    }

    /// <summary>Keras' <c>validate_activation</c>: with pretrained weights only <c>None</c> (linear) or softmax.</summary>
    internal static void ValidateActivation(ActivationFunction? classifierActivation, string? weights)
    {
        if (weights is null) return;
        var name = classifierActivation?.Name ?? "linear";
        if (name is not ("softmax" or "linear"))
            throw new ArgumentException(
                "Only `None` and `softmax` activations are allowed for the `classifier_activation` argument when using " +
                $"pretrained weights, with `include_top=True`; Received: classifier_activation={name}", nameof(classifierActivation));
    }

    /// <summary>Keras' <c>obtain_input_shape</c> for <c>channels_last</c>.</summary>
    internal static Shape ObtainInputShape(Shape? inputShape, int defaultSize, int minSize, bool requireFlatten, string? weights)
    {
        Shape defaultShape = weights != "imagenet" && inputShape is { Rank: 3 } s0
            ? new Shape(defaultSize, defaultSize, s0[2])
            : new Shape(defaultSize, defaultSize, 3);
        if (weights != "imagenet" && inputShape is { Rank: 3 } s1 && s1[2] is not (1 or 3))
            Console.Error.WriteLine($"Warning: This model usually expects 1 or 3 input channels. However, it was passed an input_shape with {s1[2]} input channels.");
        if (weights == "imagenet" && requireFlatten)
        {
            if (inputShape is { } given && given != defaultShape)
                throw new ArgumentException(
                    $"When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be {defaultShape}.  Received: input_shape={given}",
                    nameof(inputShape));
            return defaultShape;
        }
        Shape shape;
        if (inputShape is { Rank: > 0 } s)
        {
            if (s.Rank != 3) throw new ArgumentException("`input_shape` must be a tuple of three integers.", nameof(inputShape));
            if (s[2] != 3 && weights == "imagenet")
                throw new ArgumentException($"The input must have 3 channels; Received `input_shape={s}`", nameof(inputShape));
            if (s[0] is { } h && h < minSize || s[1] is { } w && w < minSize)
                throw new ArgumentException($"Input size must be at least {minSize}x{minSize}; Received: input_shape={s}", nameof(inputShape));
            shape = s;
        }
        else shape = requireFlatten ? defaultShape : new Shape(null, null, 3);
        if (requireFlatten && !shape.IsFullyDefined)
            throw new ArgumentException(
                $"If `include_top` is True, you should specify a static `input_shape`. Received: input_shape={shape}", nameof(inputShape));
        return shape;
    }

    /// <summary>
    /// The argument checks and image input every application starts with, in Keras' order: <c>weights</c> and
    /// <c>classes</c>, <c>pooling</c>, the classifier activation (with the top), then the input shape from
    /// <c>obtain_input_shape</c> and the input layer (or the given tensor).
    /// </summary>
    internal static (KerasTensor Input, ActivationFunction? Classifier) CheckArgumentsAndInput(string? weights, bool includeTop, int classes,
        string? pooling, string? classifierActivation, Shape? inputShape, KerasTensor? inputTensor, int defaultSize = 224, int minSize = 32)
    {
        ValidateWeights(weights, includeTop, classes);
        ValidatePooling(pooling);
        var classifier = Activation(classifierActivation);
        if (includeTop) ValidateActivation(classifier, weights);
        var shape = ObtainInputShape(inputShape, defaultSize, minSize, includeTop, weights);
        return (ImageInput(inputTensor, shape), classifier);
    }

    /// <summary>
    /// The model input: a new <c>Input(shape)</c>, or <paramref name="inputTensor"/> (a 4D Keras tensor, used as it is,
    /// as Keras uses a Keras tensor given as <c>input_tensor</c>).
    /// </summary>
    internal static KerasTensor ImageInput(KerasTensor? inputTensor, Shape shape)
    {
        if (inputTensor is null) return new Input(shape);
        if (inputTensor.Shape.Rank != 4)
            throw new ArgumentException($"inputTensor must be a 4D Keras tensor (batch, height, width, channels); received {inputTensor}.", nameof(inputTensor));
        return inputTensor;
    }

    /// <summary>Keras' <c>operation_utils.get_source_inputs</c>: the Input tensors <paramref name="tensor"/> depends on.</summary>
    internal static List<KerasTensor> SourceInputs(KerasTensor tensor)
    {
        var result = new List<KerasTensor>();
        var seen = new HashSet<KerasTensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<KerasTensor>([tensor]);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!seen.Add(t)) continue;
            if (t.Node.Inputs.Count == 0) { result.Add(t); continue; }
            foreach (var i in t.Node.Inputs.Reverse()) stack.Push(i);
        }
        return result;
    }

    /// <summary>Keras' <c>correct_pad</c> (channels_last): zero padding so a strided "valid" convolution behaves like TF's "same".</summary>
    internal static PaddingTuple CorrectPad(KerasTensor inputs, int kernelSize)
    {
        var h = inputs.Shape[1];
        var w = inputs.Shape[2];
        var (adjustH, adjustW) = h is null ? (1, 1) : ((int)(1 - h.Value % 2), (int)(1 - w!.Value % 2));
        var correct = kernelSize / 2;
        return ((correct - adjustH, correct), (correct - adjustW, correct));
    }

    /// <summary>
    /// Keras' <c>get_file(fileName, url, cache_subdir="models", file_hash=md5)</c>: the cached file's path, downloading it
    /// when missing or when its MD5 differs. Without a network the exception names the URL and the path to put it at.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is not cached (or is corrupt) and could not be downloaded.</exception>
    internal static string GetFile(string fileName, string url, string? md5)
    {
        var folder = ModelsFolder;
        var path = Path.Combine(folder, fileName);
        string? corrupt = null;
        if (File.Exists(path) && (SkipHashOverride.Value || md5 is null)) return path;
        if (File.Exists(path))
        {
            var actual = Md5Of(path);
            if (actual == md5) return path;
            corrupt = actual;
            Console.Error.WriteLine($"KerasSharp: the cached file '{path}' is corrupt (md5 {actual}, expected {md5}); fetching it again.");
        }
        string reason;
        if (OfflineOverride.Value || Environment.GetEnvironmentVariable("KERASSHARP_OFFLINE") == "1")
            reason = "downloads are disabled (KERASSHARP_OFFLINE=1)";
        else
        {
            try
            {
                Directory.CreateDirectory(folder);
                var tmp = path + ".part" + Environment.ProcessId;
                using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) })
                using (var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
                {
                    response.EnsureSuccessStatusCode();
                    using var body = response.Content.ReadAsStream();
                    using var fs = File.Create(tmp);
                    body.CopyTo(fs);
                }
                var actual = md5 is null ? null : Md5Of(tmp);
                if (actual != md5)
                {
                    File.Delete(tmp);
                    throw new InvalidDataException($"the downloaded file has md5 {actual}, expected {md5}");
                }
                File.Move(tmp, path, overwrite: true);
                return path;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                reason = $"the download failed ({e.GetType().Name}: {e.Message})";
            }
        }
        throw new FileNotFoundException(
            $"Could not get '{fileName}': {reason}. Download it from {url} and put it at '{path}' " +
            "(the cache folder is $KERAS_HOME/models, else ~/.keras/models" + (md5 is null ? "" : $"; expected md5 {md5}") +
            (corrupt is null ? "" : $"; the file there now has md5 {corrupt}") + ").", path);
    }

    private static string Md5Of(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexString(MD5.HashData(fs)).ToLowerInvariant();
    }

    /// <summary>Keras' <c>imagenet_utils.preprocess_input</c> (channels_last) for a float tensor (other dtypes become float32).</summary>
    internal static Tensor PreprocessInput(Tensor x, string? dataFormat, string mode)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (mode is not ("caffe" or "tf" or "torch"))
            throw new ArgumentException($"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode={mode}", nameof(mode));
        if (dataFormat is not (null or "channels_last" or "channels_first"))
            throw new ArgumentException($"Expected data_format to be one of `channels_first` or `channels_last`. Received: data_format={dataFormat}", nameof(dataFormat));
        var channelsFirst = dataFormat == "channels_first";
        if (x.dim() < 3 || x.shape[channelsFirst ? (x.dim() == 3 ? 0 : 1) : x.dim() - 1] != 3)
            throw new ArgumentException($"x must be a 3D or 4D batch of images with 3 color channels ({dataFormat ?? "channels_last"}); received shape {Shape.Of(x)}.", nameof(x));
        using var scope = NewDisposeScope();
        var f = x.is_floating_point() ? x : x.to(ScalarType.Float32);
        Tensor result;
        if (mode == "tf") result = f / 127.5 - 1.0;
        else
        {
            var channelAxis = channelsFirst ? (f.dim() == 3 ? 0 : 1) : f.dim() - 1;
            double[] mean = mode == "torch" ? [0.485, 0.456, 0.406] : [103.939, 116.779, 123.68];
            if (mode == "torch") f = f / 255.0;
            else f = f.flip(channelAxis);   // 'RGB' -> 'BGR'
            var shape = Enumerable.Repeat(1L, (int)f.dim()).ToArray();
            shape[channelAxis] = 3;
            result = f - tensor(mean, dtype: f.dtype, device: f.device).reshape(shape);
            if (mode == "torch") result = result / tensor(new[] { 0.229, 0.224, 0.225 }, dtype: f.dtype, device: f.device).reshape(shape);
        }
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras' <c>decode_predictions</c>: per sample, the <paramref name="top"/> classes as
    /// <c>(class_name, class_description, score)</c>, best first, from <c>imagenet_class_index.json</c>.
    /// </summary>
    internal static List<List<(string ClassName, string ClassDescription, float Score)>> DecodePredictions(Tensor preds, int top)
    {
        ArgumentNullException.ThrowIfNull(preds);
        if (preds.dim() != 2 || preds.shape[1] != 1000)
            throw new ArgumentException(
                "`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape (samples, 1000)). " +
                $"Received array with shape: {Shape.Of(preds)}", nameof(preds));
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, $"top must be a positive integer; received top={top}.");
        var index = ClassIndex();
        var values = preds.detach().cpu().to(ScalarType.Float32).data<float>().ToArray();
        var results = new List<List<(string, string, float)>>();
        for (long r = 0; r < preds.shape[0]; r++)
        {
            var row = values.AsSpan((int)(r * 1000), 1000).ToArray();
            var order = Enumerable.Range(0, 1000).OrderByDescending(i => row[i]).ThenByDescending(i => i).Take(Math.Min(top, 1000));
            results.Add(order.Select(i => (index[i].Id, index[i].Name, row[i])).ToList());
        }
        return results;
    }

    private static Dictionary<int, (string Id, string Name)> ClassIndex()
    {
        var path = GetFile("imagenet_class_index.json", ClassIndexUrl, ClassIndexMd5);
        lock (ClassIndexLock)
        {
            if (classIndex is not null && classIndexPath == path) return classIndex;
            var parsed = new Dictionary<int, (string, string)>();
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                foreach (var p in doc.RootElement.EnumerateObject())
                    parsed[int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture)] = (p.Value[0].GetString()!, p.Value[1].GetString()!);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException)
            {
                throw new InvalidDataException($"'{path}' is not Keras' ImageNet class index (a JSON object \"0\": [\"n01440764\", \"tench\"], ...): {e.Message}", e);
            }
            for (int i = 0; i < 1000; i++)
                if (!parsed.ContainsKey(i)) throw new InvalidDataException($"'{path}' has no entry for class {i}.");
            classIndexPath = path;
            return classIndex = parsed;
        }
    }

    /// <summary>Loads Keras' published weights for <paramref name="model"/>, or a weights file given by path.</summary>
    internal static void LoadWeights(Model model, string? weights, string fileName, string url, string? md5)
    {
        if (weights is null) return;
        var path = weights == "imagenet" ? GetFile(fileName, url, md5) : weights;
        model.LoadWeights(path);
    }
}
