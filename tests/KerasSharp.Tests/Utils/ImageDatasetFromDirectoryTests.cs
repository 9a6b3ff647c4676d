using KerasSharp.Tests.TestSupport;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

/// <summary>image_dataset_from_directory on a folder of generated PNGs: Keras' indexing, labels, split and messages.</summary>
[Collection(GlobalState.Name)]
public sealed class ImageDatasetFromDirectoryTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ks-imgds-test-").FullName;

    public ImageDatasetFromDirectoryTests()
    {
        // Two classes, folder names deliberately not in creation order; each image is a 3x2 solid colour (class * 100 + index).
        foreach (var (cls, c) in new[] { ("b_cat", 1), ("a_dog", 0) })
        {
            Directory.CreateDirectory(Path.Combine(root, cls));
            for (int i = 0; i < 3; i++)
                Keras.Utils.SaveImg(Path.Combine(root, cls, $"img{i}.png"), full([3, 2, 3], (float)(c * 100 + i)), scale: false);
        }
        File.WriteAllText(Path.Combine(root, "a_dog", "notes.txt"), "ignored");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void InfersSortedClassesAndIntLabels()
    {
        var ds = Keras.Utils.ImageDatasetFromDirectory(root, imageSize: (3, 2), batchSize: 4, shuffle: false, verbose: false);
        Assert.Equal(new[] { "a_dog", "b_cat" }, ds.ClassNames);
        Assert.Equal(2, ds.Count);
        Assert.Equal(6, ds.SampleCount);
        Assert.Equal(Path.Combine(root, "a_dog", "img0.png"), ds.FilePaths![0]);
        var batches = ds.ToList();
        Assert.Equal(new long[] { 4, 3, 2, 3 }, batches[0].X.shape);
        Assert.Equal(ScalarType.Float32, batches[0].X.dtype);
        Assert.Equal(ScalarType.Int32, batches[0].Y.dtype);
        Assert.Equal(new[] { 0, 0, 0, 1 }, batches[0].Y.data<int>().ToArray());
        Assert.Equal(new[] { 1, 1 }, batches[1].Y.data<int>().ToArray());
        Assert.Equal(new float[] { 0, 1, 2, 100 }, batches[0].X[.., 0, 0, 0].data<float>().ToArray());
    }

    [Fact]
    public void CategoricalBinaryAndNoLabels()
    {
        var cat = Keras.Utils.ImageDatasetFromDirectory(root, labelMode: "categorical", imageSize: (3, 2), batchSize: 6, shuffle: false, verbose: false).Single();
        Assert.Equal(new long[] { 6, 2 }, cat.Y.shape);
        Assert.Equal(new float[] { 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1 }, cat.Y.flatten().data<float>().ToArray());
        var bin = Keras.Utils.ImageDatasetFromDirectory(root, labelMode: "binary", imageSize: (3, 2), batchSize: 6, shuffle: false, verbose: false).Single();
        Assert.Equal(new long[] { 6, 1 }, bin.Y.shape);
        var none = Keras.Utils.ImageDatasetFromDirectory(root, labels: null, imageSize: (1, 1), batchSize: null, shuffle: false, verbose: false);
        Assert.False(none.HasTargets);
        Assert.Equal(new long[] { 1, 1, 3 }, none.Inputs.First().shape);
        var explicitLabels = Keras.Utils.ImageDatasetFromDirectory(root, labelList: [5, 4, 3, 2, 1, 0], imageSize: (1, 1), batchSize: 6, shuffle: false, verbose: false);
        Assert.Equal(new[] { 5, 4, 3, 2, 1, 0 }, explicitLabels.Single().Y.data<int>().ToArray());
    }

    [Fact]
    public void ValidationSplitUsesNumpySeededShuffle()
    {
        // NumPy: RandomState(113).shuffle(arange(6)) = [1, 0, 3, 2, 4, 5]; int(0.34 * 6) = 2 validation files (the last two).
        var (train, val) = Keras.Utils.ImageDatasetsFromDirectory(root, validationSplit: 0.34, seed: 113, imageSize: (3, 2), verbose: false);
        string F(string cls, int i) => Path.Combine(root, cls, $"img{i}.png");
        Assert.Equal(new[] { F("a_dog", 1), F("a_dog", 0), F("b_cat", 0), F("a_dog", 2) }, train.FilePaths);
        Assert.Equal(new[] { F("b_cat", 1), F("b_cat", 2) }, val.FilePaths);
        var vb = val.Single();
        Assert.Equal(new[] { 1, 1 }, vb.Y.data<int>().ToArray());
        Assert.Equal(new float[] { 101, 102 }, vb.X[.., 0, 0, 0].data<float>().Order().ToArray());
        var trainOnly = Keras.Utils.ImageDatasetFromDirectory(root, validationSplit: 0.34, subset: "training", seed: 113, imageSize: (3, 2), verbose: false);
        Assert.Equal(train.FilePaths, trainOnly.FilePaths);
    }

    [Fact]
    public void FitsAModel()
    {
        Keras.Utils.SetRandomSeed(3);
        var ds = Keras.Utils.ImageDatasetFromDirectory(root, imageSize: (3, 2), batchSize: 4, seed: 1, verbose: false);
        var model = new Sequential([new Input([3, 2, 3]), new Rescaling(1.0 / 255), new Flatten(), new Dense(2, activation: "softmax")]);
        model.Compile("adam", "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(ds, epochs: 2, verbose: 0);
        Assert.Equal(2, history["loss"].Count);
    }

    [Fact]
    public void RejectsWhatKerasRejects()
    {
        Assert.Contains("must provide a seed", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, validationSplit: 0.2, subset: "training")).Message);
        Assert.Contains("If subset is set, validationSplit must be set", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, subset: "training")).Message);
        Assert.Contains("labelMode argument must be one of", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, labelMode: "sparse")).Message);
        Assert.Contains("did not match the names of the subdirectories", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, classNames: ["cow"], verbose: false)).Message);
        Assert.Contains("len(labels) is 2 while we found 6 files", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, labelList: [0, 1], verbose: false)).Message);
        Directory.CreateDirectory(Path.Combine(root, "c_cow"));
        Assert.Contains("exactly 2 classNames", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, labelMode: "binary", verbose: false)).Message);
        var empty = Directory.CreateDirectory(Path.Combine(root, "c_cow", "x")).FullName;
        Assert.Contains("No images found in directory", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(empty, verbose: false)).Message);
        Assert.Contains("ImageDatasetsFromDirectory", Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, validationSplit: 0.2, subset: "both", seed: 1)).Message);
    }
}
