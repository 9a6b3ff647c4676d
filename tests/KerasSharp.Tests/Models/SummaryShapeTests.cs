using KerasSharp.Callbacks;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>Summary rows Keras' summary_utils.format_layer_shape prints, and Callback.Model inside hooks.</summary>
public class SummaryShapeTests
{
    private sealed class TwoDense : Model
    {
        private readonly Dense first = new(4, name: "sum_first");
        private readonly Dense second = new(2, name: "sum_second");

        public TwoDense() : base("two_dense") { }

        public override Tensor Call(Tensor x, bool training = false) => second.Apply(first.Apply(x, training), training);
    }

    [Fact]
    public void LayersOfAModelBuiltByCallingItShowTheirOutputShapes()
    {
        var model = new TwoDense();
        Assert.Contains("?", model.SummaryText());        // never built: Keras prints "?"
        model.Call(randn(2, 3));
        var text = model.SummaryText();
        // format_layer_shape: compute_output_shape of the shapes each layer was built for.
        Assert.Contains("sum_first (Dense)", text);
        Assert.Contains("(None, 4)", text);
        Assert.Contains("(None, 2)", text);
        Assert.DoesNotContain("?", text);
    }

    [Fact]
    public void InputLayerRowsShowZeroParameters()
    {
        var inputs = Input(3, name: "sum_in");
        var model = new Model(inputs, Dense(2).Apply(Dense(2).Apply(inputs)));
        var row = model.SummaryText().Split('\n').Single(l => l.Contains("sum_in (InputLayer)"));
        Assert.Contains(" 0 ", row);
        Assert.DoesNotContain("unbuilt", row);
    }

    private sealed class ModelProbe : Callback
    {
        public string? SeenName;

        public override void OnTrainBegin(Logs logs) => SeenName = Model.Name;   // no null check needed in a hook
    }

    [Fact]
    public void CallbackModelIsSetInHooksAndAnUnattachedCallbackSaysSo()
    {
        var probe = new ModelProbe();
        var ex = Assert.Throws<InvalidOperationException>(() => probe.Model);
        Assert.Contains("ModelProbe.Model is not set yet", ex.Message);
        Assert.False(probe.HasModel);
        var model = new Sequential([Input(2), Dense(1)], name: "cb_model");
        model.Compile("sgd", "mse");
        model.Fit(randn(4, 2), randn(4, 1), epochs: 1, verbose: 0, callbacks: [probe]);
        Assert.Equal("cb_model", probe.SeenName);
        Assert.True(probe.HasModel);
    }
}
