using KerasSharp.Tests.TestSupport;
using KerasSharp.Layers;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// HDF5 weights whose values live outside the file, or that hold links, are refused, and the model's weights stay as
/// they were: external raw storage (which could read /etc/passwd or /dev/zero into a bias), virtual datasets, external
/// links, and soft links (one pointing at itself made the loader recurse until the process died). The files are generated
/// by <c>HostileFiles/make_hostile_h5.py</c> with h5py.
/// </summary>
[Collection(GlobalState.Name)]
public class HostileHdf5Tests
{
    [Theory]
    [InlineData("external_storage.h5", "external storage")]
    [InlineData("external_dev_zero.h5", "external storage")]
    [InlineData("virtual_dataset.h5", "virtual dataset")]
    [InlineData("soft_link_loop.h5", "'/layers' is a soft link")]
    [InlineData("soft_link_dataset_loop.h5", "'/layers/dense/vars/0' is a soft link")]
    [InlineData("soft_link_new_style.h5", "'/layers/dense/vars/1' is a soft link")]
    [InlineData("external_link.h5", "'/layers/dense/vars/1' is an external link")]
    public void WeightsStoredOutsideTheFileAreRefusedWeightsUnchanged(string file, string expected)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Saving", "HostileFiles", file);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "hostile.weights.h5");
        File.Copy(source, path);
        var model = new Sequential([new Input([3]), new Dense(2)]);
        var before = model.GetWeights();
        var ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), ex.Message);
        Assert.Contains("layers", ex.Message);
        Assert.Contains(path, ex.Message);
        var after = model.GetWeights();
        for (int i = 0; i < before.Count; i++) TestSupport.TensorAssert.Close(before[i], after[i], 0);
    }
}
