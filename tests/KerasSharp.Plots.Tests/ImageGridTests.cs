using KerasSharp.Plots.Tests.TestSupport;

namespace KerasSharp.Plots.Tests;

public class ImageGridTests
{
    [Fact]
    public void SmallImagesAreEnlargedByAWholeFactorAndLargeOnesReduced()
    {
        var grid = new ImageGrid(cellSize: 128);
        Assert.Equal((112, 112), grid.DrawnSize(28, 28));   // MNIST: 4x
        Assert.Equal((128, 128), grid.DrawnSize(32, 32));   // CIFAR: 4x
        Assert.Equal((100, 50), grid.DrawnSize(50, 25));     // 2x
        Assert.Equal((128, 64), grid.DrawnSize(400, 200));   // reduced to fit
    }

    [Fact]
    public void GreyImagesAreStretchedFromTheirMinimumToMaximum()
    {
        // A 2 x 2 grey image 10, 20 / 30, 40 (uint8): 10 draws black, 40 white, 20 a third of the way.
        var grid = new ImageGrid(columns: 1, cellSize: 32).Add([10, 20, 30, 40], 2, 2);
        var canvas = grid.Render();
        var (x0, y0) = FirstNonWhite(canvas);
        Assert.Equal(new Color(0, 0, 0), canvas.Get(x0, y0));                 // top-left pixel block (10)
        Assert.Equal(new Color(85, 85, 85), canvas.Get(x0 + 16, y0));          // top-right (20): (20-10)/30*255
        Assert.Equal(new Color(255, 255, 255), canvas.Get(x0 + 16, y0 + 16)); // bottom-right (40)
    }

    [Fact]
    public void ColourImagesKeepTheirValuesAndAlphaBlendsOverWhite()
    {
        byte[] rgba = [200, 0, 0, 255, 0, 0, 200, 0];
        var canvas = new ImageGrid(columns: 1, cellSize: 32).Add(rgba, 1, 2, channels: 4).Render();
        var (x0, y0) = FirstNonWhite(canvas);
        Assert.Equal(new Color(200, 0, 0), canvas.Get(x0, y0));
        Assert.Equal(new Color(255, 255, 255), canvas.Get(x0 + 16, y0)); // alpha 0: white
    }

    [Fact]
    public void FloatImagesAreReadAsZeroToOneAndClipped()
    {
        var grid = new ImageGrid(columns: 1, cellSize: 32).AddValues([0.5, 2.0, -1, double.NaN, 0.25, 1, 0, 0, 0], 1, 3, 3, floating: true, title: null, normalize: true);
        var canvas = grid.Render();
        var (x0, y0) = FirstNonWhite(canvas);
        Assert.Equal(new Color(128, 255, 0), canvas.Get(x0, y0));
        Assert.Equal(new Color(0, 64, 255), canvas.Get(x0 + 10, y0));
    }

    [Fact]
    public void TitlesAndGridLayout()
    {
        var grid = new ImageGrid(columns: 2, cellSize: 32, title: "Några siffror");
        for (int i = 0; i < 3; i++)
            grid.Add(new byte[4 * 4], 4, 4, title: $"etikett {i}");
        var png = PngFile.Decode(grid.ToPng());
        Assert.True(png.Width >= Figure.MinWidth);
        Assert.Equal(3, grid.Count);
        Assert.True(png.NonWhite(0, 0, png.Width, 20) > 20); // the grid title
    }

    [Fact]
    public void BadArgumentsNameWhatIsWrong()
    {
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid(columns: -1)).ParamName);
        Assert.Contains("[32, 1024]", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid(cellSize: 8)).Message);
        var grid = new ImageGrid();
        var ex = Assert.Throws<ArgumentException>(() => grid.Add(new byte[5], 2, 2));
        Assert.Contains("4 values, but received 5", ex.Message);
        Assert.Equal("channels", Assert.Throws<ArgumentOutOfRangeException>(() => grid.Add(new byte[8], 2, 2, channels: 2)).ParamName);
        Assert.Contains("no image", Assert.Throws<InvalidOperationException>(() => grid.ToPng()).Message);
    }

    private static (int X, int Y) FirstNonWhite(Canvas canvas)
    {
        for (int y = 0; y < canvas.Height; y++)
            for (int x = 0; x < canvas.Width; x++)
                if (canvas.Get(x, y) != Color.White)
                    return (x, y);
        throw new InvalidOperationException("blank canvas");
    }
}
