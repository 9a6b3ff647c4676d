namespace KerasSharp.Interactive;

/// <summary>
/// One state of a live progress display: what a terminal would show of the progress text written so far. Formatted
/// as <c>text/html</c> (a <c>&lt;pre&gt;</c> with Keras' bold and colours) and <c>text/plain</c> by the formatters
/// <see cref="NotebookFormatters.Register"/> installs.
/// </summary>
internal sealed class ProgressView
{
    public ProgressView(string plainText, string html)
    {
        PlainText = plainText;
        Html = html;
    }

    /// <summary>The lines without escape codes (e.g. <c>4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - loss: 0.2500</c>).</summary>
    public string PlainText { get; }

    /// <summary>The same lines as HTML, for inside a <c>&lt;pre&gt;</c>.</summary>
    public string Html { get; }

    /// <summary>The <c>text/html</c> form.</summary>
    public string ToHtmlDocument() => "<pre class=\"kerassharp-progress\">" + Html + "</pre>";

    /// <inheritdoc />
    public override string ToString() => PlainText;
}
