using KerasSharp.Plots.Tests.TestSupport;

namespace KerasSharp.Plots.Tests;

public class HistoryPlotExtensionsTests
{
    private static readonly Color Train = Color.Palette[0];
    private static readonly Color Validation = Color.Palette[1];

    private static History TwoQuantities() => Histories.Make(
        ("loss", [1.0, 0.6, 0.4, 0.3, 0.25, 0.22]),
        ("accuracy", [0.5, 0.7, 0.8, 0.85, 0.88, 0.9]),
        ("val_loss", [1.2, 0.9, 0.8, 0.78, 0.8, 0.85]),
        ("val_accuracy", [0.45, 0.6, 0.66, 0.7, 0.7, 0.69]));

    [Fact]
    public void PngHasRequestedSizeAndIsNotBlank()
    {
        var png = PngFile.Decode(TwoQuantities().PlotPng(800, 500));
        Assert.Equal(800, png.Width);
        Assert.Equal(500, png.Height);
        Assert.True(png.DistinctColors(0, 0, 800, 500) > 50, "many colours from anti-aliased curves and text");
        Assert.True(png.NonWhite(0, 0, 800, 500) > 5000);
    }

    [Fact]
    public void OneChartPerQuantityLossFirstValidationJoined()
    {
        var history = Histories.Make(("accuracy", [0.5, 0.6]), ("loss", [1.0, 0.8]), ("val_accuracy", [0.4, 0.5]), ("val_loss", [1.1, 0.9]), ("mae", [3, 2]));
        var figure = history.ToFigure();
        Assert.Equal(["loss", "accuracy", "mae"], figure.Charts.Select(c => c.Title));
        Assert.Equal([2, 2, 1], figure.Charts.Select(c => c.SeriesCount));
        Assert.All(figure.Charts, c => Assert.Equal("epoch", c.XLabel));
    }

    [Fact]
    public void ValidationOnlyKeyGetsItsOwnChart()
    {
        var figure = Histories.Make(("loss", [1.0, 0.8]), ("val_auc", [0.7, 0.8])).ToFigure();
        Assert.Equal(["loss", "val_auc"], figure.Charts.Select(c => c.Title));
    }

    [Fact]
    public void CurvesAreDrawnAtTheirEpochs()
    {
        var history = TwoQuantities();
        var figure = history.ToFigure();
        var canvas = figure.Render();
        var loss = figure.Charts[0].LastTransform!.Value;
        var accuracy = figure.Charts[1].LastTransform!.Value;
        // Epoch 1-based on x: loss[2] = 0.4 at epoch 3; val_loss[3] = 0.78 at epoch 4; accuracy[5] = 0.9 at epoch 6.
        Assert.True(Pixels.Near(canvas.GetRgb, loss.PixelX(3), loss.PixelY(0.4), Train, radius: 1, tolerance: 10));
        Assert.True(Pixels.Near(canvas.GetRgb, loss.PixelX(4), loss.PixelY(0.78), Validation, radius: 1, tolerance: 10));
        Assert.True(Pixels.Near(canvas.GetRgb, accuracy.PixelX(6), accuracy.PixelY(0.9), Train, radius: 1, tolerance: 10));
        Assert.Equal(1, loss.XMin, 0); // about 0.85 .. 6.15 with the 3% margin
        Assert.Equal(6, loss.XMax, 0);
        // The decoded PNG has the same pixels as the canvas it was encoded from.
        var png = PngFile.Decode(history.PlotPng());
        int x = (int)loss.PixelX(3), y = (int)loss.PixelY(0.4);
        Assert.Equal(canvas.GetRgb(x, y), png[x, y]);
    }

    [Fact]
    public void BestEpochIsMarkedInTheMonitoredChart()
    {
        var plain = TwoQuantities().ToFigure();
        var marked = TwoQuantities().WithBest(3, "val_loss").ToFigure();
        var a = plain.Render();
        var b = marked.Render();
        var loss = marked.Charts[0].LastTransform!.Value;
        // Best epoch 3 (0-based) is epoch 4 on the 1-based axis: a red dashed line at x = 4 through the loss chart.
        int px = (int)Math.Floor(loss.PixelX(4));
        int red = 0;
        for (int y = loss.Area.Y; y < loss.Area.Bottom; y++)
            if (Pixels.Near(b.GetRgb, px, y, Color.Red, radius: 0, tolerance: 30))
                red++;
        Assert.True(red > loss.Area.Height / 3, $"{red} red pixels in the marker column");
        Assert.Equal(3, marked.Charts[0].SeriesCount); // loss, val_loss, marker
        Assert.Equal(2, marked.Charts[1].SeriesCount); // accuracy chart untouched
        int redBefore = 0;
        for (int y = loss.Area.Y; y < loss.Area.Bottom; y++)
            if (Pixels.Near(a.GetRgb, px, y, Color.Red, radius: 0, tolerance: 30))
                redBefore++;
        Assert.Equal(0, redBefore);
    }

    [Fact]
    public void BestEpochFollowsTheMonitoredMetric()
    {
        var marked = TwoQuantities().WithBest(1, "val_accuracy").ToFigure();
        Assert.Equal(2, marked.Charts[0].SeriesCount);
        Assert.Equal(3, marked.Charts[1].SeriesCount);
    }

    [Fact]
    public void EmptyHistoryNamesHistory()
    {
        var ex = Assert.Throws<ArgumentException>(() => Histories.Make().PlotPng());
        Assert.Equal("history", ex.ParamName);
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void NaNOnlySeriesNamesHistoryAndKey()
    {
        var history = Histories.Make(("loss", [1.0, 0.5]), ("val_loss", [double.NaN, double.NaN]));
        var ex = Assert.Throws<ArgumentException>(() => history.PlotPng());
        Assert.Equal("history", ex.ParamName);
        Assert.Contains("val_loss", ex.Message);
        Assert.Contains("NaN", ex.Message);
    }

    [Fact]
    public void SomeNaNIsFine()
    {
        var png = PngFile.Decode(Histories.Make(("loss", [1.0, double.NaN, 0.5])).PlotPng(400, 300));
        Assert.Equal(400, png.Width);
    }

    [Fact]
    public void TooSmallSizeNamesTheArgument()
    {
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => TwoQuantities().PlotPng(width: 20)).ParamName);
        Assert.Equal("height", Assert.Throws<ArgumentOutOfRangeException>(() => TwoQuantities().PlotPng(height: 20)).ParamName);
    }

    [Fact]
    public void PlotWritesTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("ksplots");
        try
        {
            var path = Path.Combine(dir.FullName, "history.png");
            TwoQuantities().Plot(path, 640, 400, title: "history");
            var png = PngFile.Decode(File.ReadAllBytes(path));
            Assert.Equal((640, 400), (png.Width, png.Height));
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void SingleEpochStillRenders()
    {
        var figure = Histories.Make(("loss", [0.7])).ToFigure();
        var canvas = figure.Render();
        var t = figure.Charts[0].LastTransform!.Value;
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(1), t.PixelY(0.7), Train, radius: 1, tolerance: 10));
    }
}
