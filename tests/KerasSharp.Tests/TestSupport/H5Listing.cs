using PureHDF;

namespace KerasSharp.Tests.TestSupport;

/// <summary>Every dataset of an HDF5 tree as <c>"path (d0, d1, ...)"</c>, for comparing weight layouts.</summary>
public static class H5Listing
{
    /// <summary>The datasets of the HDF5 file at <paramref name="path"/>.</summary>
    public static HashSet<string> Datasets(string path)
    {
        using var h5 = H5File.OpenRead(path);
        return Datasets(h5);
    }

    /// <summary>The datasets under <paramref name="root"/>.</summary>
    public static HashSet<string> Datasets(IH5Group root)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        Walk(root, "");
        return result;

        void Walk(IH5Group g, string prefix)
        {
            foreach (var child in g.Children())
            {
                var p = prefix.Length == 0 ? child.Name : $"{prefix}/{child.Name}";
                if (child is IH5Group sub) Walk(sub, p);
                else if (child is IH5Dataset ds) result.Add($"{p} ({string.Join(", ", ds.Space.Dimensions)})");
            }
        }
    }
}
