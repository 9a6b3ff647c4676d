using KerasSharp.Tests.TestSupport;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Keras' dict form: <c>model.fit({"a": xa, "b": xb}, {"cls": y1, "reg": y2})</c> maps entries to the inputs and
/// outputs by name (keras/src/trainers/compile_utils.py and the functional model's input standardisation); an unknown
/// or a missing key is refused, naming it and the valid names.
/// </summary>
[Collection(GlobalState.Name)]
public class NamedDataTests
{
    private static Model TwoInTwoOut()
    {
        ClearSession();
        Keras.Utils.SetRandomSeed(8);
        var a = Input(3, name: "a");
        var b = Input(2, name: "b");
        var joined = Concatenate().Apply([a, b]);
        var model = new Model([a, b], [Dense(1, name: "cls").Apply(joined), Dense(1, name: "reg").Apply(joined)]);
        model.Compile(new SGD(learningRate: 0.05), ["mse", "mae"]);
        return model;
    }

    [Fact]
    public void FitEvaluatePredictByInputAndOutputNameEqualTheListForm()
    {
        var xa = randn(20, 3);
        var xb = randn(20, 2);
        var y1 = randn(20, 1);
        var y2 = randn(20, 1);

        var byList = TwoInTwoOut();
        var hList = byList.Fit(new[] { xa, xb }, new[] { y1, y2 }, batchSize: 5, epochs: 2, shuffle: false, verbose: 0);
        var byName = TwoInTwoOut();
        // Dictionary order differs from the model's: entries are matched by name, not position.
        var hName = byName.Fit(new Dictionary<string, Tensor> { ["b"] = xb, ["a"] = xa },
            new Dictionary<string, object> { ["reg"] = y2, ["cls"] = y1 }, batchSize: 5, epochs: 2, shuffle: false, verbose: 0);
        Assert.Equal(hList["loss"], hName["loss"]);
        Assert.Equal(hList["cls_loss"], hName["cls_loss"]);

        var x = new Dictionary<string, Tensor> { ["a"] = xa, ["b"] = xb };
        Assert.Equal(byList.Evaluate(new[] { xa, xb }, new[] { y1, y2 }, verbose: 0)["loss"],
            byName.Evaluate(x, new Dictionary<string, Tensor> { ["cls"] = y1, ["reg"] = y2 }, verbose: 0)["loss"]);
        var p = byName.PredictAll(x, verbose: 0);
        Assert.Equal(byName.PredictAll(new[] { xa, xb }, verbose: 0)[1].data<float>().ToArray(), p[1].data<float>().ToArray());
    }

    [Fact]
    public void AnUnknownOrMissingNameIsRefusedNamingIt()
    {
        var model = TwoInTwoOut();
        var y = new[] { ones(4, 1), ones(4, 1) };
        var unknown = Assert.Throws<ArgumentException>(() =>
            model.Fit(new Dictionary<string, Tensor> { ["a"] = ones(4, 3), ["b"] = ones(4, 2), ["c"] = ones(4, 1) }, y, verbose: 0));
        Assert.Equal("x", unknown.ParamName);
        Assert.Contains("'c'", unknown.Message);
        Assert.Contains("a, b", unknown.Message);

        var missing = Assert.Throws<ArgumentException>(() => model.Fit(new Dictionary<string, Tensor> { ["a"] = ones(4, 3) }, y, verbose: 0));
        Assert.Contains("no entry for the input 'b'", missing.Message);

        var badOutput = Assert.Throws<ArgumentException>(() =>
            model.Evaluate(new[] { ones(4, 3), ones(4, 2) }, new Dictionary<string, Tensor> { ["cls"] = ones(4, 1), ["size"] = ones(4, 1) }, verbose: 0));
        Assert.Equal("y", badOutput.ParamName);
        Assert.Contains("'size'", badOutput.Message);
        Assert.Contains("cls, reg", badOutput.Message);
    }

    [Fact]
    public void ADictionaryForAModelWithoutNamedInputsIsRefused()
    {
        var model = Sequential().Add(Input(2)).Add(Dense(1));
        model.Compile("sgd", "mse");
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(new Dictionary<string, Tensor> { ["x"] = ones(4, 2) }, ones(4, 1), verbose: 0));
        Assert.Contains("has no named inputs", ex.Message);
    }
}
