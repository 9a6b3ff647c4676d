using System.Text;

namespace KerasSharp.Interactive;

/// <summary>
/// The writer that <see cref="NotebookFormatters.Register"/> gives to KerasSharp's progress bar
/// (<see cref="KerasSharp.Callbacks.ProgbarLogger.DefaultOutput"/>, with dynamic display on): it interprets the bar's
/// in-place redraws as a terminal would and, on each flush (the bar flushes after every redraw, at most every 0.05 s),
/// updates one display per notebook cell, instead of printing a line per step or epoch. Text written outside a cell
/// (no current scope) goes to the console unchanged.
/// </summary>
internal sealed class LiveProgressWriter : TextWriter
{
    private readonly Func<object?> currentScope;
    private readonly Func<ProgressView, Action<ProgressView>> show;
    private readonly Func<TextWriter> fallback;
    private readonly object gate = new();
    private object? scope;
    private TerminalText? terminal;
    private Action<ProgressView>? update;
    private bool changed;

    /// <param name="currentScope">The cell being run (a new display starts when it changes), or null outside cells.</param>
    /// <param name="show">Shows a first view and returns the function that replaces it in place.</param>
    /// <param name="fallback">Where text written outside a cell goes.</param>
    public LiveProgressWriter(Func<object?> currentScope, Func<ProgressView, Action<ProgressView>> show, Func<TextWriter> fallback)
    {
        this.currentScope = currentScope ?? throw new ArgumentNullException(nameof(currentScope));
        this.show = show ?? throw new ArgumentNullException(nameof(show));
        this.fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));
    }

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    /// <inheritdoc />
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty) return;
        var now = currentScope();
        if (now is null)
        {
            fallback().Write(buffer);
            return;
        }
        lock (gate)
        {
            if (!ReferenceEquals(now, scope))
            {
                scope = now;
                terminal = new TerminalText();
                update = null;
            }
            terminal!.Write(buffer);
            changed = true;
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    /// <summary>Shows the text written so far in this cell's display (created on the first flush).</summary>
    public override void Flush()
    {
        if (currentScope() is null)
        {
            fallback().Flush();
            return;
        }
        lock (gate)
        {
            if (!changed || terminal is null) return;
            changed = false;
            var view = new ProgressView(terminal.ToPlainText(), terminal.ToHtml());
            if (update is null) update = show(view);
            else update(view);
        }
    }
}
