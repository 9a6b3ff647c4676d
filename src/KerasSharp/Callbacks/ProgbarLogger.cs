using KerasSharp.Training;

namespace KerasSharp.Callbacks;

/// <summary>
/// Prints Keras' progress bar (Keras' <c>ProgbarLogger</c>): <c>Epoch 3/20</c> (only when epochs &gt; 1), then
/// <c>469/469 ━━━━━━━━━━━━━━━━━━━━ 2s 4ms/step - accuracy: 0.9812 - loss: 0.0601 - val_accuracy: 0.9790 - val_loss: 0.0702</c>.
/// <c>verbose = 1</c>: a bar redrawn in place on a terminal (plain final lines when output is redirected);
/// <c>verbose = 2</c>: one line per epoch. Fit, Evaluate and Predict add one when <c>verbose</c> is not 0.
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

    /// <summary>Prints to the console.</summary>
    public ProgbarLogger() { }

    /// <summary>Prints to <paramref name="output"/>; <paramref name="dynamicDisplay"/> forces in-place redraw on or off
    /// (default: on when writing to a console that is not redirected).</summary>
    public ProgbarLogger(TextWriter output, bool? dynamicDisplay = null)
    {
        writer = output;
        this.dynamicDisplay = dynamicDisplay;
    }

    private TextWriter Output => writer ?? Console.Out;
    private bool Dynamic => dynamicDisplay ?? (writer is null && !Console.IsOutputRedirected);

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
