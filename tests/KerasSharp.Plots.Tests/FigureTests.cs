using KerasSharp.Plots.Tests.TestSupport;

namespace KerasSharp.Plots.Tests;

public class FigureTests
{
    [Fact]
    public void TooNarrowNamesWidth()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Figure(width: 50));
        Assert.Equal("width", ex.ParamName);
        Assert.Contains(">= 200", ex.Message);
        Assert.Contains("received 50", ex.Message);
    }

    [Fact]
    public void TooLowNamesHeight()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Figure(height: 10));
        Assert.Equal("height", ex.ParamName);
        Assert.Contains(">= 150", ex.Message);
    }

    [Fact]
    public void NoChartIsAnError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Figure().ToPng());
        Assert.Contains("no chart", ex.Message);
    }

    [Fact]
    public void ChartsAreLaidOutInAGrid()
    {
        var figure = new Figure(800, 600);
        for (int i = 0; i < 4; i++)
            figure.AddChart($"c{i}").AddLine([0, 1], [0, 1]);
        figure.Render();
        // 4 charts -> 2 x 2: chart 1 is right of chart 0, chart 2 below chart 0.
        var a = figure.Charts[0].LastTransform!.Value.Area;
        var b = figure.Charts[1].LastTransform!.Value.Area;
        var c = figure.Charts[2].LastTransform!.Value.Area;
        Assert.True(b.X >= 400 && b.Y == a.Y);
        Assert.True(c.Y >= 300 && c.X == a.X);
    }

    [Fact]
    public void SavePngWritesADecodablePngOfTheRequestedSize()
    {
        var dir = Directory.CreateTempSubdirectory("ksplots");
        try
        {
            var path = Path.Combine(dir.FullName, "fig.png");
            var figure = new Figure(500, 300, title: "Title");
            figure.AddChart("a").AddLine([0, 1, 2], [2, 0, 1]);
            figure.SavePng(path);
            var png = PngFile.Decode(File.ReadAllBytes(path));
            Assert.Equal(500, png.Width);
            Assert.Equal(300, png.Height);
            Assert.Single(Directory.GetFiles(dir.FullName)); // no temporary file left
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void TitleIsDrawnOnTop()
    {
        var with = new Figure(400, 300, title: "Hello");
        with.AddChart().AddLine([0, 1], [0, 1]);
        var without = new Figure(400, 300);
        without.AddChart().AddLine([0, 1], [0, 1]);
        var png = PngFile.Decode(with.ToPng());
        without.Render();
        // The title band (top 12 rows, at scale 1) holds the title's text pixels, and pushes the chart down.
        Assert.True(png.NonWhite(0, 0, 400, 12) > 20);
        Assert.True(with.Charts[0].LastTransform!.Value.Area.Y > without.Charts[0].LastTransform!.Value.Area.Y + 7);
    }

    [Fact]
    public void NordicTitleAndLabelsRenderTheirLetters()
    {
        // The course's labels are Swedish and Norwegian: every character has a glyph of its own (none falls back
        // to '?'), and the rendering differs from the same text with those letters replaced by '?'.
        const string title = "Förlust och noggrannhet – nøyaktighet";
        Assert.All(title, c => Assert.True(BitmapFont.Covers(c), $"'{c}' not covered"));
        var real = new Figure(600, 300, title: title);
        real.AddChart(xLabel: "epok", yLabel: "förlust").AddLine([0, 1], [0, 1], label: "nøyaktighet");
        var fallback = new Figure(600, 300, title: "F?rlust och noggrannhet ? n?yaktighet");
        fallback.AddChart(xLabel: "epok", yLabel: "f?rlust").AddLine([0, 1], [0, 1], label: "n?yaktighet");
        var a = PngFile.Decode(real.ToPng());
        var b = PngFile.Decode(fallback.ToPng());
        Assert.True(a.NonWhite(0, 0, 600, 20) > 50);
        Assert.NotEqual(a.NonWhite(0, 0, 600, 20), b.NonWhite(0, 0, 600, 20));
        Assert.Equal(BitmapFont.Width(title, 2), BitmapFont.Width("F?rlust och noggrannhet ? n?yaktighet", 2));
    }
}
