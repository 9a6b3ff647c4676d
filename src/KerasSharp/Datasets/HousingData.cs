using static TorchSharp.torch;

namespace KerasSharp.Datasets;

/// <summary>
/// Loads Keras' regression datasets for <see cref="Keras.Datasets.BostonHousing"/> and
/// <see cref="Keras.Datasets.CaliforniaHousing"/>: an <c>.npz</c> with arrays <c>x</c> and <c>y</c>, shuffled with
/// NumPy's <c>RandomState(seed)</c> and split at <c>int(len(x) * (1 - test_split))</c>.
/// </summary>
internal static class HousingData
{
    internal static readonly KerasRemoteFile BostonNpz =
        new("boston_housing.npz", KerasDatasetDownloads.OriginFolder + "boston_housing.npz", "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5");

    internal static readonly KerasRemoteFile CaliforniaNpz =
        new("california_housing.npz", KerasDatasetDownloads.OriginFolder + "california_housing.npz", "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f");

    internal static void Validate(double testSplit, long seed, string? version)
    {
        if (!(testSplit >= 0 && testSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(testSplit), testSplit, $"Invalid testSplit argument: {testSplit}. It must be between 0 and 1 (exclusive of 1).");
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"seed must be between 0 and 2**32 - 1 (NumPy's RandomState), but received {seed}.");
        if (version is not null and not ("small" or "large"))
            throw new ArgumentException($"Argument version must be one of 'small', 'large'. Received: version={version}", nameof(version));
    }

    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) Load(KerasRemoteFile remote, string datasetName, string path,
        double testSplit, long seed, string? version)
    {
        Validate(testSplit, seed, version);
        var full = KerasDatasetDownloads.Resolve(path, nameof(path));
        var file = remote with { Name = Path.GetFileName(full) };
        var bytes = KerasDatasetDownloads.Fetch(datasetName, Path.GetDirectoryName(full)!, [file], TimeSpan.FromMinutes(5))[file.Name];
        return FromNpz(bytes, testSplit, seed, version == "small" ? 600 : null);
    }

    /// <summary>Keras' processing: optional truncation to the first <paramref name="take"/> samples, shuffle, split.</summary>
    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) FromNpz(byte[] npz, double testSplit, long seed, int? take)
    {
        Validate(testSplit, seed, null);
        Runtime.LibTorchLoader.EnsureLoaded();
        Dictionary<string, NpyArray> arrays;
        using (var stream = new MemoryStream(npz, writable: false))
            arrays = NpyReader.ReadNpzArrays(stream, ["x", "y"]);
        using var scope = NewDisposeScope();
        var x = KerasDatasetDownloads.ToTensor(arrays["x"], "x");
        var y = KerasDatasetDownloads.ToTensor(arrays["y"], "y");
        if (x.dim() == 0 || y.dim() == 0 || x.shape[0] != y.shape[0])
            throw new InvalidDataException($"The .npz arrays x ({string.Join(", ", x.shape)}) and y ({string.Join(", ", y.shape)}) must have the same number of samples.");
        if (take is int t && x.shape[0] > t)
        {
            x = x.narrow(0, 0, t);
            y = y.narrow(0, 0, t);
        }
        int n = (int)x.shape[0];
        var indices = tensor(new NumpyRandomState(seed).Permutation(n).Select(i => (long)i).ToArray());
        x = x.index_select(0, indices);
        y = y.index_select(0, indices);
        long split = (long)(n * (1 - testSplit)); // Python's int() truncates
        Tensor Part(Tensor t, long start, long end) => t.narrow(0, start, end - start).contiguous().MoveToOuterDisposeScope();
        return ((Part(x, 0, split), Part(y, 0, split)), (Part(x, split, n), Part(y, split, n)));
    }
}
