namespace KerasSharp.Callbacks;

/// <summary>
/// A callback built from functions (Keras' <c>keras.callbacks.LambdaCallback</c>): each argument, when given, runs at
/// that hook. <c>onBatchBegin</c>/<c>onBatchEnd</c> are Keras' older names for training batches and run when
/// <c>onTrainBatchBegin</c>/<c>onTrainBatchEnd</c> are not given.
/// </summary>
public sealed class LambdaCallback : Callback
{
    private readonly Action<int, Logs>? onEpochBegin, onEpochEnd, onTrainBatchBegin, onTrainBatchEnd;
    private readonly Action<int, Logs>? onTestBatchBegin, onTestBatchEnd, onPredictBatchBegin, onPredictBatchEnd;
    private readonly Action<Logs>? onTrainBegin, onTrainEnd, onTestBegin, onTestEnd, onPredictBegin, onPredictEnd;

    /// <summary>Creates the callback; every hook is optional.</summary>
    /// <param name="onEpochBegin"><c>(epoch, logs)</c> at the start of an epoch.</param>
    /// <param name="onEpochEnd"><c>(epoch, logs)</c> at the end of an epoch.</param>
    /// <param name="onTrainBegin"><c>logs</c> at the start of Fit.</param>
    /// <param name="onTrainEnd"><c>logs</c> at the end of Fit.</param>
    /// <param name="onTrainBatchBegin"><c>(batch, logs)</c> before a training batch.</param>
    /// <param name="onTrainBatchEnd"><c>(batch, logs)</c> after a training batch.</param>
    /// <param name="onBatchBegin">Older name of <paramref name="onTrainBatchBegin"/>.</param>
    /// <param name="onBatchEnd">Older name of <paramref name="onTrainBatchEnd"/>.</param>
    /// <param name="onTestBegin"><c>logs</c> at the start of evaluation.</param>
    /// <param name="onTestEnd"><c>logs</c> at the end of evaluation.</param>
    /// <param name="onTestBatchBegin"><c>(batch, logs)</c> before an evaluation batch.</param>
    /// <param name="onTestBatchEnd"><c>(batch, logs)</c> after an evaluation batch.</param>
    /// <param name="onPredictBegin"><c>logs</c> at the start of Predict.</param>
    /// <param name="onPredictEnd"><c>logs</c> at the end of Predict.</param>
    /// <param name="onPredictBatchBegin"><c>(batch, logs)</c> before a prediction batch.</param>
    /// <param name="onPredictBatchEnd"><c>(batch, logs)</c> after a prediction batch.</param>
    public LambdaCallback(Action<int, Logs>? onEpochBegin = null, Action<int, Logs>? onEpochEnd = null,
        Action<Logs>? onTrainBegin = null, Action<Logs>? onTrainEnd = null,
        Action<int, Logs>? onTrainBatchBegin = null, Action<int, Logs>? onTrainBatchEnd = null,
        Action<int, Logs>? onBatchBegin = null, Action<int, Logs>? onBatchEnd = null,
        Action<Logs>? onTestBegin = null, Action<Logs>? onTestEnd = null,
        Action<int, Logs>? onTestBatchBegin = null, Action<int, Logs>? onTestBatchEnd = null,
        Action<Logs>? onPredictBegin = null, Action<Logs>? onPredictEnd = null,
        Action<int, Logs>? onPredictBatchBegin = null, Action<int, Logs>? onPredictBatchEnd = null)
    {
        this.onEpochBegin = onEpochBegin;
        this.onEpochEnd = onEpochEnd;
        this.onTrainBegin = onTrainBegin;
        this.onTrainEnd = onTrainEnd;
        this.onTrainBatchBegin = onTrainBatchBegin ?? onBatchBegin;
        this.onTrainBatchEnd = onTrainBatchEnd ?? onBatchEnd;
        this.onTestBegin = onTestBegin;
        this.onTestEnd = onTestEnd;
        this.onTestBatchBegin = onTestBatchBegin;
        this.onTestBatchEnd = onTestBatchEnd;
        this.onPredictBegin = onPredictBegin;
        this.onPredictEnd = onPredictEnd;
        this.onPredictBatchBegin = onPredictBatchBegin;
        this.onPredictBatchEnd = onPredictBatchEnd;
    }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs) => onEpochBegin?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs) => onEpochEnd?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs) => onTrainBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs) => onTrainEnd?.Invoke(logs);
    /// <inheritdoc />
    public override void OnTrainBatchBegin(int batch, Logs logs) => onTrainBatchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void OnTrainBatchEnd(int batch, Logs logs) => onTrainBatchEnd?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void OnTestBegin(Logs logs) => onTestBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void OnTestEnd(Logs logs) => onTestEnd?.Invoke(logs);
    /// <inheritdoc />
    public override void OnTestBatchBegin(int batch, Logs logs) => onTestBatchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void OnTestBatchEnd(int batch, Logs logs) => onTestBatchEnd?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void OnPredictBegin(Logs logs) => onPredictBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void OnPredictEnd(Logs logs) => onPredictEnd?.Invoke(logs);
    /// <inheritdoc />
    public override void OnPredictBatchBegin(int batch, Logs logs) => onPredictBatchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void OnPredictBatchEnd(int batch, Logs logs) => onPredictBatchEnd?.Invoke(batch, logs);
}
