using System.Net;
using KerasSharp.Callbacks;
using KerasSharp.Plots;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace KerasSharp.Interactive;

/// <summary>
/// Shows KerasSharp's objects in .NET Interactive notebooks (Jupyter with the .NET kernel, Polyglot Notebooks):
/// <list type="bullet">
/// <item>a <see cref="History"/> (what Fit returns) as the PNG of its loss and metric curves
/// (<see cref="HistoryPlotExtensions.ToFigure"/>);</item>
/// <item>a <see cref="Figure"/>, a <see cref="Chart"/> (drawn alone at 800 x 500, as <see cref="Chart.ToPng"/>) or an
/// <see cref="ImageGrid"/> (KerasSharp.Plots) as its PNG;</item>
/// <item>a <see cref="Model"/> (Sequential, functional, subclassed) as its <see cref="Model.Summary"/> table;</item>
/// <item>the progress bar of Fit, Evaluate and Predict as one output per cell that is updated in place, as Keras'
/// bar is in Jupyter, instead of a printed line per epoch.</item>
/// </list>
/// Images are sent as <c>text/html</c> (an <c>&lt;img&gt;</c> with a <c>data:image/png;base64</c> URI) and
/// <c>image/png</c>, so that every front end shows them and saved notebooks keep them.
/// </summary>
/// <example>
/// <code>
/// #r "nuget: KerasSharp.Interactive"   // runs Register() through the package's extension script
/// var history = model.Fit(x, y, epochs: 20);   // a live progress bar
/// history                                      // the loss curve
/// </code>
/// </example>
public static class NotebookFormatters
{
    /// <summary>The MIME type of PNG images.</summary>
    public const string PngMimeType = "image/png";

    /// <summary>
    /// Installs the formatters and the live progress display (<see cref="ProgbarLogger.DefaultOutput"/>). Run by the
    /// package's <c>interactive-extensions/dotnet/extension.dib</c> when a notebook loads it; calling it again
    /// re-installs them (after <c>Formatter.ResetToDefault()</c>, say).
    /// </summary>
    public static void Register()
    {
        string[] imageTypes = [HtmlFormatter.MimeType, PngMimeType];

        Formatter.Register<History>((history, context) => WritePng(history, h => h.ToFigure().ToPng(), "training history", false, context), HtmlFormatter.MimeType);
        Formatter.Register<History>((history, context) => WritePng(history, h => h.ToFigure().ToPng(), "training history", true, context), PngMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(History), imageTypes);

        Formatter.Register<Figure>((figure, context) => WritePng(figure, f => f.ToPng(), figure.Title ?? "figure", false, context), HtmlFormatter.MimeType);
        Formatter.Register<Figure>((figure, context) => WritePng(figure, f => f.ToPng(), figure.Title ?? "figure", true, context), PngMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Figure), imageTypes);

        Formatter.Register<Chart>((chart, context) => WritePng(chart, c => c.ToPng(), chart.Title ?? "chart", false, context), HtmlFormatter.MimeType);
        Formatter.Register<Chart>((chart, context) => WritePng(chart, c => c.ToPng(), chart.Title ?? "chart", true, context), PngMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Chart), imageTypes);

        Formatter.Register<ImageGrid>((grid, context) => WritePng(grid, g => g.ToPng(), grid.Title ?? "images", false, context), HtmlFormatter.MimeType);
        Formatter.Register<ImageGrid>((grid, context) => WritePng(grid, g => g.ToPng(), grid.Title ?? "images", true, context), PngMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ImageGrid), imageTypes);

        Formatter.Register<Model>((model, writer) => writer.Write(SummaryHtml(model)), HtmlFormatter.MimeType);
        Formatter.Register<Model>((model, writer) => writer.Write(SummaryText(model)), PlainTextFormatter.MimeType);

        Formatter.Register<ProgressView>((view, writer) => writer.Write(view.ToHtmlDocument()), HtmlFormatter.MimeType);
        Formatter.Register<ProgressView>((view, writer) => writer.Write(view.PlainText), PlainTextFormatter.MimeType);

        ProgbarLogger.DefaultOutput = new LiveProgressWriter(
            () => KernelInvocationContext.Current,
            view =>
            {
                var displayed = KernelInvocationContextExtensions.Display(
                    KernelInvocationContext.Current!, view, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
                return displayed.Update;
            },
            () => Console.Out);
        ProgbarLogger.DefaultDynamicDisplay = true;
    }

    /// <summary>An HTML <c>&lt;img&gt;</c> showing PNG bytes through a <c>data:image/png;base64</c> URI.</summary>
    /// <param name="png">The PNG file's bytes.</param>
    /// <param name="alt">The image's alternative text.</param>
    /// <returns>The element's HTML.</returns>
    /// <exception cref="ArgumentException"><paramref name="png"/> is empty or not a PNG file.</exception>
    public static string ImageHtml(byte[] png, string alt = "")
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentNullException.ThrowIfNull(alt);
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (!png.AsSpan().StartsWith(signature))
            throw new ArgumentException($"png must be the bytes of a PNG file (starting with the PNG signature), but got {png.Length} bytes that do not.", nameof(png));
        return $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{WebUtility.HtmlEncode(alt)}\" />";
    }

    /// <summary>The model's summary table as printed by <see cref="Model.Summary"/>.</summary>
    /// <param name="model">Any model.</param>
    /// <returns>The table, or for a model that cannot be summarised yet, why.</returns>
    public static string SummaryText(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var writer = new StringWriter { NewLine = "\n" };
        try
        {
            model.Summary(writer);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return $"Model: \"{model.Name}\" ({e.Message})";
        }
        return writer.ToString().TrimEnd('\n');
    }

    private static string SummaryHtml(Model model) =>
        "<pre class=\"kerassharp-summary\">" + WebUtility.HtmlEncode(SummaryText(model)) + "</pre>";

    // image/png gets the base64 text Jupyter expects; text/html an <img>. A history with no epochs yet, a chart with
    // nothing to draw and the like have no picture: HTML says so, and image/png declines so that the other formats are used.
    private static bool WritePng<T>(T value, Func<T, byte[]> render, string alt, bool base64Only, FormatContext context)
    {
        byte[] png;
        try
        {
            png = render(value);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            if (base64Only) return false;
            context.Writer.Write("<pre>" + WebUtility.HtmlEncode(e.Message) + "</pre>");
            return true;
        }
        context.Writer.Write(base64Only ? Convert.ToBase64String(png) : ImageHtml(png, alt));
        return true;
    }
}
