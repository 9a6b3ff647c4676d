using PureHDF;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// HDF5 through PureHDF: builds group trees for writing, converts tensors to datasets and back (float32, float64,
/// int8/16/32/64, uint8, bool), and reads the shape of a dataset.
/// </summary>
internal static class H5Tensors
{
    /// <summary>The group at <paramref name="path"/> (<c>a/b/c</c>) under <paramref name="root"/>, created as needed.</summary>
    public static H5Group GroupAt(H5Group root, string path)
    {
        var g = root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!g.TryGetValue(part, out var child))
            {
                child = new H5Group();
                g[part] = child;
            }
            g = child as H5Group ?? throw new InvalidOperationException($"HDF5 path '{path}': '{part}' is a dataset, not a group.");
        }
        return g;
    }

    /// <summary>A dataset holding <paramref name="t"/>'s values (copied to the CPU) with its shape.</summary>
    public static H5Dataset ToDataset(Tensor t)
    {
        using var scope = NewDisposeScope();
        var c = t.detach().cpu().contiguous();
        var dims = c.shape.Select(d => (ulong)d).ToArray();
        object data = c.dtype switch
        {
            ScalarType.Float32 => c.data<float>().ToArray(),
            ScalarType.Float64 => c.data<double>().ToArray(),
            ScalarType.Int64 => c.data<long>().ToArray(),
            ScalarType.Int32 => c.data<int>().ToArray(),
            ScalarType.Int16 => c.data<short>().ToArray(),
            ScalarType.Int8 => c.data<sbyte>().ToArray(),
            ScalarType.Byte => c.data<byte>().ToArray(),
            ScalarType.Bool => c.to_type(ScalarType.Byte).data<byte>().ToArray(),
            _ => c.to_type(ScalarType.Float32).data<float>().ToArray(),
        };
        return new H5Dataset(data, fileDims: dims);
    }

    // PureHDF 2.2 keeps a dataset's External Data Files message internal; read once through reflection. Should an
    // upgrade drop the property, every dataset is refused (fail closed) and H5TensorsTests fails first.
    private static readonly System.Reflection.PropertyInfo? ExternalFileList =
        typeof(PureHDF.VOL.Native.NativeDataset).GetProperty("InternalExternalFileList",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);

    /// <summary>
    /// Refuses datasets whose values live outside the file: HDF5 external raw storage (which a hostile file can
    /// point at any local file, such as /etc/passwd or /dev/zero) and virtual datasets (mapped from other files).
    /// Keras never writes either.
    /// </summary>
    /// <exception cref="InvalidDataException">The dataset's storage is outside the file.</exception>
    internal static void RefuseOutsideStorage(IH5Dataset ds, string what)
    {
        if (ds.Layout.Class == H5DataLayoutClass.VirtualStorage)
            throw new InvalidDataException($"{what}: the dataset is a virtual dataset mapped from other files; KerasSharp reads weights only from the file itself.");
        if (ds is PureHDF.VOL.Native.NativeDataset native)
        {
            if (ExternalFileList is null)
                throw new InvalidDataException($"{what}: cannot verify that the dataset's storage is inside the file (this PureHDF version hides it), so it is not read.");
            if (ExternalFileList.GetValue(native) is not null)
                throw new InvalidDataException($"{what}: the dataset keeps its values in external files (HDF5 external storage); KerasSharp reads weights only from the file itself.");
        }
    }

    /// <summary>The shape of a dataset (empty for a scalar).</summary>
    public static long[] ShapeOf(IH5Dataset ds) => ds.Space.Dimensions.Select(d => (long)d).ToArray();

    /// <summary>Reads <paramref name="ds"/> into a CPU tensor of its own dtype and shape.</summary>
    /// <exception cref="InvalidDataException">The element type is not numeric.</exception>
    public static Tensor ReadTensor(IH5Dataset ds, string what)
    {
        RefuseOutsideStorage(ds, what);
        var shape = ShapeOf(ds);
        var type = ds.Type;
        int size = (int)type.Size;
        switch (type.Class)
        {
            case H5DataTypeClass.FloatingPoint when size == 4: return torch.tensor(ds.Read<float[]>(), shape);
            case H5DataTypeClass.FloatingPoint when size == 8: return torch.tensor(ds.Read<double[]>(), shape);
            case H5DataTypeClass.FixedPoint:
                bool signed = type.FixedPoint.IsSigned;
                return size switch
                {
                    8 when signed => torch.tensor(ds.Read<long[]>(), shape),
                    8 => torch.tensor(ds.Read<ulong[]>().Select(v => (long)v).ToArray(), shape),
                    4 when signed => torch.tensor(ds.Read<int[]>(), shape),
                    4 => torch.tensor(ds.Read<uint[]>().Select(v => (long)v).ToArray(), shape),
                    2 when signed => torch.tensor(ds.Read<short[]>(), shape),
                    2 => torch.tensor(ds.Read<ushort[]>().Select(v => (int)v).ToArray(), shape),
                    1 when signed => torch.tensor(ds.Read<sbyte[]>(), shape),
                    1 => torch.tensor(ds.Read<byte[]>(), shape),
                    _ => throw new InvalidDataException($"{what}: unsupported integer size {size} bytes."),
                };
            case H5DataTypeClass.Enumerated when size == 1: // h5py stores numpy bools as an int8 enum
                return torch.tensor(ds.Read<byte[]>(), shape).to_type(ScalarType.Bool);
            default:
                throw new InvalidDataException($"{what}: unsupported HDF5 data type {type.Class} ({size} bytes); expected numbers.");
        }
    }
}
