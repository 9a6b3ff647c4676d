using KerasSharp.Layers;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// HDF5 weights whose values live outside the file are refused, and the model's weights stay as they were: external
/// raw storage (which could read /etc/passwd or /dev/zero into a bias) and virtual datasets. The files are generated
/// by <c>HostileFiles/make_hostile_h5.py</c> with h5py.
/// </summary>
public class HostileHdf5Tests
{
    [Theory]
    [InlineData("external_storage.h5", "external storage")]
    [InlineData("external_dev_zero.h5", "external storage")]
    [InlineData("virtual_dataset.h5", "virtual dataset")]
    public void WeightsStoredOutsideTheFile_AreRefused_WeightsUnchanged(string file, string expected)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Saving", "HostileFiles", file);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "hostile.weights.h5");
        File.Copy(source, path);
        var model = new Sequential([new Input([3]), new Dense(2)]);
        var before = model.GetWeights();
        var ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("layers/dense", ex.Message);
        Assert.Contains(path, ex.Message);
        var after = model.GetWeights();
        for (int i = 0; i < before.Count; i++) TestSupport.TensorAssert.Close(before[i], after[i], 0);
    }
}
