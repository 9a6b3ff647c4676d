using KerasSharp.Utils;
using static KerasSharp.Keras;

namespace KerasSharp.Tests.Utils;

/// <summary>Keras.Utils.ModelToDot / PlotModel against Keras' model_to_dot (keras/src/utils/model_visualization.py).</summary>
public class PlotModelTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ks-plotmodel").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static Model TwoBranchModel()
    {
        var a = Input(new Shape(4), name: "a");
        var b = Input(new Shape(3), name: "b");
        var h = Dense(5, "relu", name: "hidden").Apply(a);
        var c = Concatenate(name: "joined").Apply([h, b]);
        var y = Dense(2, "softmax", name: "out").Apply(c);
        return new Model([a, b], [y], name: "two_branch");
    }

    [Fact]
    public void FunctionalGraphHasOneBoxPerLayerAndArrowsAlongTheConnections()
    {
        var view = ModelGraphView.Of(TwoBranchModel(), new(ShowShapes: true, ShowDtype: true, ShowLayerNames: true, ExpandNested: false, ShowLayerActivations: true, ShowTrainable: true));
        Assert.Equal(["a", "b", "hidden", "joined", "out"], view.Boxes.Select(x => x.Id).Order());
        Assert.Equal([("a", "hidden"), ("b", "joined"), ("hidden", "joined"), ("joined", "out")], view.Edges.Order());
        var hidden = view.Boxes.Single(x => x.Id == "hidden");
        Assert.Equal("hidden (Dense)", hidden.Title);
        Assert.Equal("relu", hidden.Activation);
        Assert.Equal(["Input shape: (None, 4)", "Output shape: (None, 5)", "Output dtype: float32"], hidden.Cells);
        Assert.True(hidden.Trainable);
        // InputLayers: no input-shape cell and no trainable cell (no weights), as in Keras.
        var input = view.Boxes.Single(x => x.Id == "a");
        Assert.Equal("a (InputLayer)", input.Title);
        Assert.Equal(["Output shape: (None, 4)", "Output dtype: float32"], input.Cells);
        Assert.Null(input.Trainable);
        Assert.Equal("[(None, 5), (None, 3)]", view.Boxes.Single(x => x.Id == "joined").Cells[0]["Input shape: ".Length..]);
    }

    [Fact]
    public void DotTextHasKerasGraphAttributesLabelsAndEdges()
    {
        var dot = Keras.Utils.ModelToDot(TwoBranchModel(), showShapes: true, rankdir: "LR", dpi: 96);
        Assert.StartsWith("digraph G {\nrankdir=LR;\nconcentrate=True;\ndpi=96;\nsplines=ortho;\nnode [shape=record];\n", dot);
        Assert.Contains("\"hidden\" [label=<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\"><tr><td colspan=\"2\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\"><b>hidden</b> (Dense)</font></td></tr>", dot);
        Assert.Contains("<td bgcolor=\"white\"><font point-size=\"14\">Output shape: <b>(None, 5)</b></font></td>", dot);
        Assert.Contains("\"a\" -> \"hidden\"  [penwidth=2];", dot);
        Assert.EndsWith("}\n", dot);
        // Keras 3's plot_model default shows class names only.
        var path = Path.Combine(dir, "m.dot");
        Keras.Utils.PlotModel(TwoBranchModel(), path);
        Assert.Contains("<b>Dense</b></font>", File.ReadAllText(path));
    }

    [Fact]
    public void SequentialChainsItsLayersAndNestedModelsExpandIntoClusters()
    {
        var inner = Sequential(name: "inner").Add(Input(3)).Add(Dense(4, name: "d1")).Add(Dense(4, name: "d2"));
        var model = Sequential(name: "outer").Add(Input(3)).Add(inner).Add(Dense(1, name: "head"));
        var flat = ModelGraphView.Of(model, default);
        Assert.Equal(["inner", "head"], flat.Boxes.Select(x => x.Id));
        Assert.Equal([("inner", "head")], flat.Edges);
        var expanded = ModelGraphView.Of(model, new(false, false, true, ExpandNested: true, false, false));
        Assert.Equal(["d1", "d2", "head"], expanded.Boxes.Select(x => x.Id));
        Assert.Equal([("d1", "d2"), ("d2", "head")], expanded.Edges);
        Assert.Equal("inner", expanded.Boxes[0].Cluster);
        Assert.Contains("subgraph \"cluster_inner\" {", Keras.Utils.ModelToDot(model, expandNested: true));
    }

    [Fact]
    public void PngIsDrawnByThePlotsPackage()
    {
        var path = Path.Combine(dir, "model.png");
        Keras.Utils.PlotModel(TwoBranchModel(), path, showShapes: true, showLayerNames: true, showTrainable: true);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        // Five boxes in three ranks (inputs, hidden, joined+..., out): the picture is taller than wide at TB.
        var canvas = KerasSharp.Plots.ModelPlot.Render(ModelGraphView.Of(TwoBranchModel(), new(true, false, true, false, false, false)), "TB", 96, out var boxes);
        Assert.Equal(5, boxes.Count);
        Assert.True(boxes["a"].Bottom <= boxes["hidden"].Y && boxes["hidden"].Bottom <= boxes["joined"].Y && boxes["joined"].Bottom <= boxes["out"].Y);
        Assert.Equal(boxes["a"].Y, boxes["b"].Y); // both inputs in the first rank
        Assert.Equal(new KerasSharp.Plots.Color(0, 0, 0), canvas.Get(boxes["out"].X + 2, boxes["out"].Y + 2)); // black title row
    }

    [Fact]
    public void BadArgumentsAndUnbuiltModelsAreRefused()
    {
        Assert.Equal("rankdir", Assert.Throws<ArgumentException>(() => Keras.Utils.ModelToDot(TwoBranchModel(), rankdir: "BT")).ParamName);
        Assert.Equal("dpi", Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.ModelToDot(TwoBranchModel(), dpi: 0)).ParamName);
        Assert.Contains(".png, .dot or .gv", Assert.Throws<ArgumentException>(() => Keras.Utils.PlotModel(TwoBranchModel(), Path.Combine(dir, "m.svg"))).Message);
        var unbuilt = Sequential().Add(Dense(2));
        Assert.Contains("has not yet been built", Assert.Throws<InvalidOperationException>(() => Keras.Utils.ModelToDot(unbuilt)).Message);
        Assert.Empty(Directory.GetFiles(dir));
    }
}
