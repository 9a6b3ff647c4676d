using KerasSharp.Applications;
using PureHDF;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Applications;

/// <summary>Helpers for the Keras.Applications tests: a temporary ~/.keras, and Keras 2 legacy weight files written from a model.</summary>
internal sealed class ApplicationTestSupport : IDisposable
{
    private readonly IDisposable cache;

    public ApplicationTestSupport(bool verifyHashes = false)
    {
        Root = Directory.CreateTempSubdirectory("ks-apps").FullName;
        cache = ImagenetUtils.UseCacheRoot(Root, offline: true, verifyHashes: verifyHashes);
    }

    /// <summary>The redirected Keras home (holding <c>models/</c>).</summary>
    public string Root { get; }

    public string ModelsFolder => Path.Combine(Root, "models");

    public void Dispose()
    {
        cache.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// Writes <paramref name="model"/>'s weights in the layout of Keras' published application files (Keras 2's
    /// <c>save_weights("x.h5")</c>: root attribute layer_names, one group per layer with weight_names "layer/w:0").
    /// </summary>
    public static void WriteLegacyWeights(Model model, string path)
    {
        var file = new H5File();
        var names = new List<string>();
        foreach (var layer in model.Layers)
        {
            names.Add(layer.Name);
            var group = new H5Group();
            var inner = new H5Group();
            var weightNames = new List<string>();
            for (int k = 0; k < layer.Weights.Count; k++)
            {
                var w = layer.Weights[k];
                var data = w.detach().cpu().contiguous().data<float>().ToArray();
                inner[$"w{k}:0"] = new H5Dataset(data, fileDims: w.shape.Select(d => (ulong)d).ToArray());
                weightNames.Add($"{layer.Name}/w{k}:0");
            }
            if (weightNames.Count > 0) group[layer.Name] = inner;
            group.Attributes["weight_names"] = weightNames.ToArray();
            file[layer.Name] = group;
        }
        file.Attributes["layer_names"] = names.ToArray();
        file.Attributes["backend"] = "tensorflow";
        file.Attributes["keras_version"] = "2.2.4";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        file.Write(path);
    }

    /// <summary>A generated class index in Keras' format: class i is ("n{i:D8}", "class_{i}").</summary>
    public void WriteClassIndex()
    {
        Directory.CreateDirectory(ModelsFolder);
        var entries = Enumerable.Range(0, 1000).Select(i => $"\"{i}\": [\"n{i:D8}\", \"class_{i}\"]");
        File.WriteAllText(Path.Combine(ModelsFolder, "imagenet_class_index.json"), "{" + string.Join(", ", entries) + "}");
    }

    /// <summary>Total parameters of a model (trainable and not), as Keras' count_params.</summary>
    public static long Params(Model model) => model.CountParams();

    public static Tensor RandomImages(int n, int size, int seed = 0)
    {
        var g = new TorchSharp.torch.Generator((ulong)seed);
        return rand([n, size, size, 3], generator: g) * 255;
    }
}
