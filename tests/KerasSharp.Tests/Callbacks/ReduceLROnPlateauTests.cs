using KerasSharp.Tests.TestSupport;
using KerasSharp.Callbacks;
using static KerasSharp.Tests.Callbacks.CallbackTestSupport;

namespace KerasSharp.Tests.Callbacks;

[Collection(GlobalState.Name)]

public class ReduceLROnPlateauTests
{
    private static History Fit(Model model, int epochs, params Callback[] callbacks)
    {
        var (x, y) = SampleData(8);
        var (xv, yv) = SampleData(4);
        return model.Fit(x, y, batchSize: 4, epochs: epochs, verbose: 0, validationData: (xv, yv), callbacks: callbacks);
    }

    [Fact]
    public void ReducesAfterPatienceAndLogsTheRateOfEachEpoch()
    {
        var model = TinyModel(learningRate: 0.1);
        var cb = new ReduceLROnPlateau(factor: 0.5, patience: 2);
        // Flat val_loss: epoch 0 sets best; epochs 1, 2 wait 1, 2 -> reduce to 0.05 after epoch 2; epochs 3, 4 -> 0.025.
        var h = Fit(model, 5, Script("val_loss", 1, 1, 1, 1, 1), cb);
        // logs["learning_rate"] is the rate the epoch trained with (float32 as Keras' variable).
        Assert.Equal(new[] { 0.1f, 0.1f, 0.1f, 0.05f, 0.05f }.Select(v => (double)v), h["learning_rate"]);
        Assert.Equal(0.025, model.Optimizer!.LearningRate, 1e-12);
    }

    [Fact]
    public void ImprovementResetsTheWaitAndMinLrBoundsTheRate()
    {
        var model = TinyModel(learningRate: 0.1);
        var cb = new ReduceLROnPlateau(factor: 0.1, patience: 1, minLr: 0.02);
        // 1.0 best; 0.5 improves (wait 0); 0.6 wait 1 -> 0.1*0.1 = 0.01 < minLr: 0.02; 0.7 wait 1: 0.02 is not above minLr, stays.
        Fit(model, 4, Script("val_loss", 1.0, 0.5, 0.6, 0.7), cb);
        Assert.Equal(0.02, model.Optimizer!.LearningRate, 1e-12);
        Assert.Equal(0.5, cb.Best);
    }

    [Fact]
    public void MinDeltaAndCooldown()
    {
        var model = TinyModel(learningRate: 1.0);
        var cb = new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1, minDelta: 0.1, cooldown: 2);
        // loss: 1.0 best; 0.95 (not better by minDelta 0.1) wait 1 -> 0.5, cooldown 2; 0.95: cooldown 2->1, no counting;
        // 0.95: cooldown 1->0, then counts again: wait 1 -> 0.25. (Without the cooldown: 0.125.)
        Fit(model, 4, Script("loss", 1.0, 0.95, 0.95, 0.95), cb);
        Assert.Equal(0.25, model.Optimizer!.LearningRate, 1e-12);
    }

    [Fact]
    public void AutoModeMaximisesQuantitiesNamedAcc()
    {
        var model = TinyModel(learningRate: 1.0);
        // accuracy rising: no reduction in max mode.
        Fit(model, 3, Script("val_accuracy", 0.1, 0.2, 0.3), new ReduceLROnPlateau(monitor: "val_accuracy", patience: 1));
        Assert.Equal(1.0, model.Optimizer!.LearningRate, 1e-12);
    }

    [Fact]
    public void FactorOfOneOrMoreIsAnError()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 1.0));
        Assert.Contains("factor >= 1.0", ex.Message);
    }

    [Fact]
    public void VerbosePrintsTheNewRate()
    {
        var output = new StringWriter();
        Fit(TinyModel(learningRate: 0.1), 2, Script("val_loss", 1, 1), new ReduceLROnPlateau(patience: 1, verbose: 1, output: output));
        // 0.1 * 0.1 in double arithmetic is 0.010000000000000002, printed as Python prints that float.
        Assert.Equal("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000000000002.\n", output.ToString().Replace("\r", ""));
    }
}
