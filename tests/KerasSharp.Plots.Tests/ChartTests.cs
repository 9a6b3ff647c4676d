using KerasSharp.Plots.Tests.TestSupport;

namespace KerasSharp.Plots.Tests;

public class ChartTests
{
    private static Canvas RenderAlone(Chart chart, int width = 800, int height = 500) => new Figure(width, height).Add(chart).Render();

    [Fact]
    public void LineIsDrawnThroughItsPoints()
    {
        var red = new Color(200, 0, 0);
        var chart = new Chart("t", "x", "y").AddLine([0, 1, 2, 3], [0, 1, 4, 9], color: red);
        var canvas = RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        // Data points and the midpoint of the segment (1,1)-(2,4), i.e. (1.5, 2.5), are on the line.
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(2), t.PixelY(4), red, radius: 1, tolerance: 10));
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(1.5), t.PixelY(2.5), red, radius: 1, tolerance: 10));
        // Far from the curve (x=0.5, y=8) the plot area is background (white or grid gray), not red.
        Assert.False(Pixels.Near(canvas.GetRgb, t.PixelX(0.5), t.PixelY(8), red, radius: 3, tolerance: 60));
    }

    [Fact]
    public void AxesFitTheDataWithAMargin()
    {
        var chart = new Chart().AddLine([0, 10], [0, 1]);
        RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        // x margin 3%: [-0.3, 10.3]; y margin 7%: [-0.07, 1.07]
        Assert.Equal(-0.3, t.XMin, 9);
        Assert.Equal(10.3, t.XMax, 9);
        Assert.Equal(-0.07, t.YMin, 9);
        Assert.Equal(1.07, t.YMax, 9);
    }

    [Fact]
    public void LimitsOverrideTheData()
    {
        var chart = new Chart { XLimits = (-5, 5), YLimits = (0, 2) }.AddLine([0, 1], [0, 1]);
        RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        Assert.Equal((-5.0, 5.0, 0.0, 2.0), (t.XMin, t.XMax, t.YMin, t.YMax));
    }

    [Fact]
    public void NaNBreaksTheLine()
    {
        var blue = new Color(0, 0, 200);
        var chart = new Chart { XLimits = (0, 4), YLimits = (0, 2) }.AddLine([0, 1, 2, 3, 4], [1, 1, double.NaN, 1, 1], color: blue);
        var canvas = RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(0.5), t.PixelY(1), blue, radius: 1, tolerance: 10));
        Assert.False(Pixels.Near(canvas.GetRgb, t.PixelX(2), t.PixelY(1), blue, radius: 2, tolerance: 60)); // gap around x=2
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(3.5), t.PixelY(1), blue, radius: 1, tolerance: 10));
    }

    [Fact]
    public void ScatterDrawsDots()
    {
        var green = new Color(0, 150, 0);
        var chart = new Chart { XLimits = (0, 10), YLimits = (0, 10) }.AddScatter([2, 8], [3, 7], color: green, radius: 4);
        var canvas = RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(2), t.PixelY(3), green, radius: 0, tolerance: 5));
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(8), t.PixelY(7), green, radius: 0, tolerance: 5));
        Assert.False(Pixels.Near(canvas.GetRgb, t.PixelX(5), t.PixelY(5), green, radius: 3, tolerance: 60));
    }

    [Fact]
    public void FunctionMapColoursByValueAndSpansItsRectangle()
    {
        // f(x, y) = x on [0, 1] x [0, 1]: the left edge is the colour map's low end, the right edge its high end.
        var chart = new Chart().AddFunctionMap((x, y) => x, 0, 1, 0, 1, levels: 0);
        var canvas = RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        Assert.Equal((0.0, 1.0, 0.0, 1.0), (t.XMin, t.XMax, t.YMin, t.YMax));
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(0.001), t.PixelY(0.5), ColorMap.At(0), radius: 0, tolerance: 6));
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(0.999), t.PixelY(0.5), ColorMap.At(1), radius: 0, tolerance: 6));
    }

    [Fact]
    public void PathDrawnAfterTheMapIsOnTop()
    {
        var red = new Color(230, 0, 0);
        var chart = new Chart().AddFunctionMap((x, y) => x * y, -1, 1, -1, 1).AddLine([-0.5, 0.5], [-0.5, 0.5], color: red);
        var canvas = RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(0.1), t.PixelY(0.1), red, radius: 1, tolerance: 10));
    }

    [Fact]
    public void ContourLinesDarkenTheMap()
    {
        var plain = new Chart().AddFunctionMap((x, y) => x * x + y * y, -1, 1, -1, 1, levels: 0);
        var contoured = new Chart().AddFunctionMap((x, y) => x * x + y * y, -1, 1, -1, 1, levels: 8);
        var a = RenderAlone(plain);
        var b = RenderAlone(contoured);
        int differing = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                if (a.Get(x, y) != b.Get(x, y))
                    differing++;
        Assert.True(differing > 1000, $"{differing} pixels changed by contour lines");
    }

    [Fact]
    public void AddFunctionSamplesTheFunction()
    {
        var chart = new Chart().AddFunction(Math.Tanh, -3, 3, color: Color.Black);
        var canvas = RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(0.5), t.PixelY(Math.Tanh(0.5)), Color.Black, radius: 1, tolerance: 30));
    }

    [Fact]
    public void MismatchedLengthsNameYs()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Chart().AddLine([1, 2], [1]));
        Assert.Equal("ys", ex.ParamName);
        Assert.Contains("same length", ex.Message);
        Assert.Contains("2 and 1", ex.Message);
    }

    [Fact]
    public void EmptyPointsNameXs()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Chart().AddScatter([], []));
        Assert.Equal("xs", ex.ParamName);
    }

    [Fact]
    public void NaNOnlySeriesNamesYs()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Chart().AddLine([1, 2], [double.NaN, double.NaN]));
        Assert.Equal("ys", ex.ParamName);
        Assert.Contains("finite", ex.Message);
    }

    [Fact]
    public void EmptyRectangleNamesXMax()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Chart().AddFunctionMap((x, y) => 0, 1, 1, 0, 1));
        Assert.Equal("xMax", ex.ParamName);
    }

    [Fact]
    public void LegendShowsLabelledSeries()
    {
        var blue = new Color(0, 0, 220);
        var withLegend = new Chart { XLimits = (0, 10), YLimits = (0, 10) }.AddLine([0, 1], [0, 0.5], label: "train", color: blue);
        var without = new Chart { XLimits = (0, 10), YLimits = (0, 10) }.AddLine([0, 1], [0, 0.5], color: blue);
        var a = RenderAlone(withLegend);
        var b = RenderAlone(without);
        var t = withLegend.LastTransform!.Value;
        // The line sits in the lower left, so the legend goes to the upper right: text pixels there differ.
        var plot = t.Area;
        int differing = 0;
        for (int y = plot.Y; y < plot.Y + plot.Height / 3; y++)
            for (int x = plot.X + plot.Width / 2; x < plot.Right; x++)
                if (a.Get(x, y) != b.Get(x, y))
                    differing++;
        Assert.True(differing > 50, $"{differing} legend pixels");
    }

    [Fact]
    public void ToPngHasTheRequestedSize()
    {
        var png = PngFile.Decode(new Chart("t").AddLine([0, 1], [1, 0]).ToPng(640, 360));
        Assert.Equal(640, png.Width);
        Assert.Equal(360, png.Height);
    }

    [Fact]
    public void LogYAxisSpacesPowersOfTenEvenly()
    {
        var red = new Color(200, 0, 0);
        var chart = new Chart { YScale = AxisScale.Log }.AddLine([0, 1, 2, 3], [1, 10, 100, 1000], color: red);
        var canvas = RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        Assert.True(t.YLog);
        // Equal ratios, equal distances: 1 -> 10 -> 100 -> 1000 are evenly spaced, so the line is straight.
        Assert.Equal(t.PixelY(1) - t.PixelY(10), t.PixelY(100) - t.PixelY(1000), 6);
        Assert.True(Pixels.Near(canvas.GetRgb, t.PixelX(1.5), t.PixelY(Math.Sqrt(10 * 100)), red, radius: 1, tolerance: 10));
        // The 7% margin is taken in log10 units: log10 range [0, 3] widens by 0.21 each side.
        Assert.Equal(Math.Pow(10, -0.21), t.YMin, 9);
        Assert.Equal(Math.Pow(10, 3.21), t.YMax, 9);
        Assert.Equal(1.0, t.DataY((int)Math.Floor(t.PixelY(1))), 1);
    }

    [Fact]
    public void LogAxisSkipsValuesItCannotPlace()
    {
        var chart = new Chart { YScale = AxisScale.Log }.AddLine([0, 1, 2], [0, 1, 100]).AddScatter([0, 1], [-1, 10]);
        RenderAlone(chart);
        var t = chart.LastTransform!.Value;
        // The limits come from the positive values only (1 .. 100), and 0 or -1 are not placed.
        Assert.Equal(Math.Pow(10, -0.14), t.YMin, 9);
        Assert.Equal(Math.Pow(10, 2.14), t.YMax, 9);
        Assert.False(t.Placeable(0, 0));
        Assert.True(t.Placeable(0, 1));
    }

    [Fact]
    public void LogAxisLimitsMustBePositive()
    {
        var chart = new Chart { XScale = AxisScale.Log, XLimits = (0, 10) }.AddLine([1, 2], [1, 2]);
        var ex = Assert.Throws<InvalidOperationException>(() => chart.ToPng());
        Assert.Contains("XLimits must be > 0", ex.Message);
        Assert.Contains("(0, 10)", ex.Message);
    }

    [Fact]
    public void LogTicksArePowersOfTenOrTwoAndFiveTimesThem()
    {
        var (values, labels) = AxisTicks.ComputeLog(0.5, 2000, 8);
        Assert.Equal([1.0, 10, 100, 1000], values);
        Assert.Equal(["1", "10", "100", "1000"], labels);
        (values, labels) = AxisTicks.ComputeLog(1e-7, 1, 4);
        Assert.Equal([1e-7, 1e-5, 1e-3, 1e-1], values); // 8 decades, every 2nd
        Assert.Equal(["1E-7", "1E-5", "0.001", "0.1"], labels);
        (values, labels) = AxisTicks.ComputeLog(1.5, 12, 6);
        Assert.Equal([2.0, 5, 10], values);
        Assert.Equal(["2", "5", "10"], labels);
    }

    [Fact]
    public void ColorBarTickLabelsKeepAGapFromTheirTicks()
    {
        // The bar's tick labels start a full padding (3 cells of the font scale) after the tick, so "1.0" does not
        // read "-1.0". A 400 x 300 figure draws at font scale 2.
        var chart = new Chart().AddFunctionMap((x, y) => x, 0, 1, 0, 1, levels: 0);
        var canvas = new Figure(400, 300).Add(chart).Render();
        var plot = chart.LastTransform!.Value.Area;
        int pad = 6, barW = 12, tickLen = 6;
        int barX = plot.Right + 3 * pad, tickEnd = barX + barW + 1 + tickLen;
        for (int y = plot.Y; y < plot.Bottom; y++)
            for (int x = tickEnd; x < tickEnd + pad; x++)
                Assert.True(canvas.GetRgb(x, y).R == 255, $"({x}, {y}) tickEnd {tickEnd} plot {plot}");
        // ... and the labels are there, right after the gap.
        int ink = 0;
        for (int y = plot.Y - 10; y < plot.Bottom + 10; y++)
            for (int x = tickEnd + pad; x < tickEnd + pad + 10; x++)
                ink += canvas.GetRgb(x, y).R < 200 ? 1 : 0;
        Assert.True(ink > 10);
    }
}
