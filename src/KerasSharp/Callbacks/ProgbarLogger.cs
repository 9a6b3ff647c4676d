
namespace KerasSharp.Callbacks;

/// <summary>
/// Prints Keras' progress bar (Keras' <c>ProgbarLogger</c>): <c>Epoch 3/20</c> (only when epochs &gt; 1), then
/// <c>469/469 ━━━━━━━━━━━━━━━━━━━━ 2s 4ms/step - accuracy: 0.9812 - loss: 0.0601 - val_accuracy: 0.9790 - val_loss: 0.0702</c>.
/// <c>verbose = 1</c>: a bar redrawn in place on a terminal (plain final lines when output is redirected);
/// <c>verbose = 2</c>: one line per epoch. Fit, Evaluate and Predict add one when <c>verbose</c> is not 0.
/// Where a logger created without a writer prints (the one Fit, Evaluate and Predict add among them) is
/// <see cref="DefaultOutput"/> and <see cref="DefaultDynamicDisplay"/>: a notebook host sets them to show the bar live
/// (Keras' bar is dynamic in Jupyter: <c>Progbar._dynamic_display</c> is on when <c>ipykernel</c> is loaded).
/// </summary>
public sealed class ProgbarLogger : Callback, IDeclaresBatchHookUse
{
    private readonly TextWriter? writer;
    private readonly bool? dynamicDisplay;
    private Progbar? progbar;
    private int seen;
    private int? target;
    private int verbose = 1;
    private int epochs = 1;
    private bool calledInFit;

    /// <summary>Prints to <see cref="DefaultOutput"/>, or to the console when that is null.</summary>
    public ProgbarLogger() { }

    /// <summary>Prints to <paramref name="output"/>; <paramref name="dynamicDisplay"/> forces in-place redraw on or off
    /// (default: off, as for any writer that is not the console).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public ProgbarLogger(TextWriter output, bool? dynamicDisplay = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        writer = output;
        this.dynamicDisplay = dynamicDisplay;
    }

    /// <summary>
    /// Where loggers created without a writer print (the bar that Fit, Evaluate and Predict show when
    /// <c>verbose</c> is not 0), or null (the default) for <see cref="Console.Out"/>. Read when a bar starts (each
    /// epoch, evaluation or prediction). A notebook host (the KerasSharp.Interactive package) sets it to a writer that
    /// redraws one display in place; set it back to null to print to the console again.
    /// </summary>
    public static TextWriter? DefaultOutput { get; set; }

    /// <summary>
    /// Whether loggers created without a writer redraw the bar in place (<c>\b</c> and <c>\r</c> with Keras' bold and
    /// colour codes, Keras' <c>_dynamic_display</c>) or print only each bar's final line. null (the default): in place
    /// when printing to a console that is not redirected, final lines for <see cref="DefaultOutput"/>.
    /// </summary>
    public static bool? DefaultDynamicDisplay { get; set; }

    private TextWriter Output => writer ?? DefaultOutput ?? Console.Out;

    private bool Dynamic => dynamicDisplay
        ?? (writer is null && (DefaultDynamicDisplay ?? (DefaultOutput is null && !Console.IsOutputRedirected)));

    /// <inheritdoc />
    public override void SetParams(IReadOnlyDictionary<string, object?> parameters)
    {
        base.SetParams(parameters);
        verbose = parameters.TryGetValue("verbose", out var v) && v is int vi ? vi : 1;
        epochs = parameters.TryGetValue("epochs", out var e) && e is int ei ? ei : 1;
        target = parameters.TryGetValue("steps", out var s) && s is int si ? si : null;
    }

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs) => calledInFit = true;

    /// <summary>Only Evaluate's own bar shows test batches; inside Fit the validation pass is not drawn.</summary>
    bool IDeclaresBatchHookUse.ObservesTestBatches => !calledInFit;

    /// <summary>Its batch hooks only draw the bar: they never change weights.</summary>
    bool IDeclaresBatchHookUse.ActsBetweenInferenceBatches => false;

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs) => calledInFit = false;

    /// <inheritdoc />
    public override void OnTestBegin(Logs logs)
    {
        if (!calledInFit) Reset();
    }

    /// <inheritdoc />
    public override void OnPredictBegin(Logs logs) => Reset();

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        Reset();
        if (verbose != 0 && epochs > 1)
        {
            Output.WriteLine($"Epoch {epoch + 1}/{epochs}");
            Output.Flush();
        }
    }

    /// <inheritdoc />
    public override void OnTrainBatchEnd(int batch, Logs logs) => UpdateBar(batch, logs);

    /// <inheritdoc />
    public override void OnTestBatchEnd(int batch, Logs logs)
    {
        if (!calledInFit) UpdateBar(batch, logs);
    }

    /// <inheritdoc />
    public override void OnPredictBatchEnd(int batch, Logs logs) => UpdateBar(batch, null);

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs) => Finalize(logs);

    /// <inheritdoc />
    public override void OnTestEnd(Logs logs)
    {
        if (!calledInFit) Finalize(logs);
    }

    /// <inheritdoc />
    public override void OnPredictEnd(Logs logs) => Finalize(null);

    // Keras' _reset_progbar then _maybe_init_progbar: the bar (and its clock) starts when the epoch, evaluation or
    // prediction begins, so that the final line's time and time per step cover every step, also with verbose = 2.
    private void Reset()
    {
        seen = 0;
        progbar = new Progbar(target, verbose, Output, Dynamic);
    }

    private Progbar Bar => progbar ??= new Progbar(target, verbose, Output, Dynamic);

    private void UpdateBar(int batch, Logs? logs)
    {
        seen = batch + 1;
        if (verbose == 1)
            Bar.Update(seen, logs is null ? null : Sorted(logs), finalize: false);
    }

    private void Finalize(Logs? logs)
    {
        target ??= seen;
        Bar.Target ??= target;
        Bar.Update(target.Value, logs is null ? null : Sorted(logs), finalize: true);
    }

    // Deferred on purpose: the progress bar enumerates the values only when it draws, so a step it does not draw
    // reads no lazy log value (no device synchronisation).
    private static IEnumerable<KeyValuePair<string, double>> Sorted(Logs logs) =>
        logs.Keys.Order(StringComparer.Ordinal).Select(k => new KeyValuePair<string, double>(k, logs[k]));
}
