using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using PureHDF;

namespace KerasSharp.Tests.Saving;

/// <summary><c>LoadWeights</c> checks everything in the file, the optimizer's state included, before changing anything.</summary>
[Collection(GlobalState.Name)]
public class LoadWeightsAtomicityTests
{
    [Fact]
    public void BadOptimizerVariableChangesNoWeightAndNoOptimizerState()
    {
        var (x, y) = SavingTestSupport.Batch();
        var source = SavingTestSupport.SmallModel();
        source.TrainOnBatch(x, y);
        var tree = WeightsStore.Build(source);
        // Adam's slot for the first kernel, replaced by a dataset of the wrong shape.
        H5Tensors.GroupAt(tree, "optimizer/vars")["2"] = new H5Dataset(new float[5], fileDims: [5]);
        var path = Path.Combine(SavingTestSupport.NewFolder(), "bad-optimizer.weights.h5");
        tree.Write(path);

        var target = SavingTestSupport.SmallModel();
        target.TrainOnBatch(x, y);
        target.TrainOnBatch(x, y);
        var before = target.GetWeights();
        long iterations = target.Optimizer!.Iterations;
        var ex = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));
        Assert.Contains("variable 2", ex.Message);
        Assert.Contains(path, ex.Message);
        var after = target.GetWeights();
        for (int i = 0; i < before.Count; i++) TensorAssert.Close(before[i], after[i], 0);
        Assert.Equal(iterations, target.Optimizer.Iterations);

        // The same file with a good slot loads weights and optimizer together.
        var good = Path.Combine(SavingTestSupport.NewFolder(), "good.weights.h5");
        source.SaveWeights(good);
        target.LoadWeights(good);
        Assert.Equal(source.Optimizer!.Iterations, target.Optimizer.Iterations);
        var expected = source.GetWeights();
        var loaded = target.GetWeights();
        for (int i = 0; i < expected.Count; i++) TensorAssert.Close(expected[i], loaded[i], 0);
    }
}
