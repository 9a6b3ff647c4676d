using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;
using KerasSharp.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Reshaping;

[Collection(GlobalState.Name)]

public class ZeroPadding3DTests
{
    [Fact]
    public void Harness() => LayerTest.Run(() => new ZeroPadding3D(), [2, 1, 2, 3, 2], [2, 3, 4, 5, 2]);

    [Fact]
    public void HarnessChannelsFirst() =>
        LayerTest.Run(() => new ZeroPadding3D(((1, 0), (0, 1), (2, 2)), dataFormat: "channels_first"), [2, 2, 1, 2, 3], [2, 2, 2, 3, 7]);

    [Fact]
    public void PadsEachSideAsGiven()
    {
        // one voxel 5; depth +1 before, rows +1 after, columns +2 after -> (2, 2, 3): the 5 sits at depth 1, row 0, column 0
        var y = new ZeroPadding3D(((1, 0), (0, 1), (0, 2))).Apply(full(new long[] { 1, 1, 1, 1, 1 }, 5f));
        Assert.Equal(new long[] { 1, 2, 2, 3, 1 }, y.shape);
        TensorAssert.Close([0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0], y);
        // channels_first, padding 1 on every side: each channel's voxel lands in the centre of a 3x3x3 block (index 13)
        var z = new ZeroPadding3D(1, dataFormat: "channels_first").Apply(tensor(new float[] { 5, 7 }).reshape(1, 2, 1, 1, 1));
        Assert.Equal(new long[] { 1, 2, 3, 3, 3 }, z.shape);
        var expected = new double[54];
        expected[13] = 5;
        expected[27 + 13] = 7;
        TensorAssert.Close(expected, z);
    }

    [Fact]
    public void ConfigIsKerasAndKerasConfigLoads()
    {
        var config = new ZeroPadding3D((1, 2, 3)).GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "padding", "data_format"], config.Keys);
        var padding = (int[][])config["padding"]!;
        Assert.Equal(new[] { 1, 1 }, padding[0]);
        Assert.Equal(new[] { 2, 2 }, padding[1]);
        Assert.Equal(new[] { 3, 3 }, padding[2]);
        Assert.All((int[][])new ZeroPadding3D().GetConfig()["padding"]!, p => Assert.Equal(new[] { 1, 1 }, p));
        // the layer's config in the corpus' reshaping_3d.keras
        var layer = (ZeroPadding3D)LayerDeserializer.FromConfig("ZeroPadding3D", JsonNode.Parse(
            """{"name": "zero_padding3d", "trainable": true, "dtype": "float32", "padding": [[1, 0], [0, 1], [2, 2]], "data_format": "channels_last"}""")!.AsObject());
        Assert.Equal(new[] { 1, 0 }, layer.Padding[0]);
        Assert.Equal(new[] { 0, 1 }, layer.Padding[1]);
        Assert.Equal(new[] { 2, 2 }, layer.Padding[2]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("((1, -1), (0, 0), (0, 0))",
            Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadding3D(((1, -1), (0, 0), (0, 0)))).Message);
        Assert.Contains("'nchw'", Assert.Throws<ArgumentException>(() => new ZeroPadding3D(dataFormat: "nchw")).Message);
        Assert.StartsWith("zero_padding3d", Keras.ZeroPadding3D().Name);
    }
}
