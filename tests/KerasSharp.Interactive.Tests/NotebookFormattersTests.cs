using System.Text.RegularExpressions;
using KerasSharp.Callbacks;
using KerasSharp.Plots;
using KerasSharp.Plots.Tests.TestSupport;
using Microsoft.DotNet.Interactive.Formatting;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Interactive.Tests;

public sealed class NotebookFormattersTests : IDisposable
{
    public NotebookFormattersTests() => NotebookFormatters.Register();

    public void Dispose()
    {
        Formatter.ResetToDefault();
        ProgbarLogger.DefaultOutput = null;
        ProgbarLogger.DefaultDynamicDisplay = null;
    }

    private static History TrainedHistory()
    {
        Keras.Utils.SetRandomSeed(1);
        var model = Sequential().Add(Input(2)).Add(Dense(1, "sigmoid"));
        model.Compile("adam", "binary_crossentropy", metrics: ["accuracy"]);
        return model.Fit(rand(32, 2), randint(0, 2, [32, 1]).to_type(ScalarType.Float32), epochs: 3, batchSize: 16,
            validationSplit: 0.25, verbose: 0);
    }

    private static byte[] DataUriPng(string html)
    {
        var match = Regex.Match(html, "^<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\" />$");
        Assert.True(match.Success, html.Length > 200 ? html[..200] : html);
        return Convert.FromBase64String(match.Groups[1].Value);
    }

    [Fact]
    public void HistoryIsAnImgDataUriOfItsPlotAndAPngOfTheSameImage()
    {
        var history = TrainedHistory();

        var html = history.ToDisplayString(HtmlFormatter.MimeType);
        var png = PngFile.Decode(DataUriPng(html));
        // HistoryPlotExtensions.ToFigure's default size.
        Assert.Equal(800, png.Width);
        Assert.Equal(500, png.Height);
        Assert.Contains("alt=\"training history\"", html);
        Assert.Equal(history.PlotPng(), DataUriPng(html));

        Assert.Equal(Convert.ToBase64String(history.PlotPng()), history.ToDisplayString(NotebookFormatters.PngMimeType));
        Assert.Equal([HtmlFormatter.MimeType, NotebookFormatters.PngMimeType], Formatter.GetPreferredMimeTypesFor(typeof(History)));
    }

    [Fact]
    public void EmptyHistorySaysWhyInHtmlAndDeclinesPng()
    {
        var html = new History().ToDisplayString(HtmlFormatter.MimeType);
        Assert.StartsWith("<pre>history must contain at least one recorded epoch", html);
        Assert.DoesNotContain("data:image/png", new History().ToDisplayString(NotebookFormatters.PngMimeType));
    }

    [Fact]
    public void FigureChartAndImageGridAreTheirPngs()
    {
        var figure = new Figure(400, 300, title: "Förlust");
        figure.AddChart("loss").AddLine([1.0, 2.0, 3.0], [0.9, 0.5, 0.4], label: "loss");
        var html = figure.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(figure.ToPng(), DataUriPng(html));
        Assert.Contains("alt=\"F&#246;rlust\"", html); // WebUtility.HtmlEncode writes Latin-1 letters as numeric references
        Assert.Equal(400, PngFile.Decode(DataUriPng(html)).Width);

        var chart = new Chart("accuracy").AddLine([1.0, 2.0], [0.5, 0.75]);
        Assert.Equal(chart.ToPng(), DataUriPng(chart.ToDisplayString(HtmlFormatter.MimeType)));
        Assert.Equal(500, PngFile.Decode(Convert.FromBase64String(chart.ToDisplayString(NotebookFormatters.PngMimeType))).Height);

        var grid = new ImageGrid(columns: 2, cellSize: 32).Add(new byte[16 * 16], 16, 16).Add(new byte[16 * 16], 16, 16);
        Assert.Equal(grid.ToPng(), Convert.FromBase64String(grid.ToDisplayString(NotebookFormatters.PngMimeType)));
    }

    [Fact]
    public void ModelIsItsSummaryTable()
    {
        // The course's first network (docs/guide.md step 1): 4 -> 5 -> 5 -> 3 -> 2, 25 + 30 + 18 + 8 = 81 parameters.
        var model = Sequential().Add(Input(4)).Add(Dense(5, "sigmoid")).Add(Dense(5, "sigmoid")).Add(Dense(3, "sigmoid")).Add(Dense(2, "sigmoid"));
        var expected = new StringWriter { NewLine = "\n" };
        model.Summary(expected);

        var text = model.ToDisplayString(PlainTextFormatter.MimeType);
        Assert.Equal(expected.ToString().TrimEnd('\n'), text);
        Assert.Contains(" Total params: 81 (324.00 B)", text);

        var html = model.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal("<pre class=\"kerassharp-summary\">" + System.Net.WebUtility.HtmlEncode(text) + "</pre>", html);
        Assert.Contains("Model: &quot;sequential", html);
    }

    [Fact]
    public void UnbuiltModelIsItsSummaryToo()
    {
        // Keras' summary of a model without an Input shows its layers as "0 (unbuilt)".
        var model = Sequential().Add(Dense(3));
        var text = model.ToDisplayString(PlainTextFormatter.MimeType);
        Assert.StartsWith("Model: \"sequential", text);
        Assert.Contains("0 (unbuilt)", text);
    }

    [Fact]
    public void ImageHtmlRejectsBytesThatAreNotAPng()
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookFormatters.ImageHtml([1, 2, 3]));
        Assert.Equal("png", e.ParamName);
        Assert.Contains("got 3 bytes", e.Message);
    }

    [Fact]
    public void RegisterSetsTheLiveProgressDisplay()
    {
        Assert.IsType<LiveProgressWriter>(ProgbarLogger.DefaultOutput);
        Assert.True(ProgbarLogger.DefaultDynamicDisplay);
    }
}
