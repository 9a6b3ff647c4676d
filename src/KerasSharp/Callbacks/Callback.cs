namespace KerasSharp.Callbacks;

/// <summary>
/// Base of training callbacks (Keras' <c>keras.callbacks.Callback</c>): override the hooks you need. Fit calls them in
/// Keras' order: OnTrainBegin; per epoch OnEpochBegin, per batch OnTrainBatchBegin/OnTrainBatchEnd, then (when
/// validating) OnTestBegin ... OnTestEnd, then OnEpochEnd with training and <c>val_</c> logs merged; OnTrainEnd.
/// Setting <c>Model.StopTraining = true</c> from any hook ends Fit after the current batch/epoch.
/// </summary>
public abstract class Callback
{
    private Model? model;

    /// <summary>
    /// The model being trained, evaluated or run (Keras' <c>self.model</c>). Fit, Evaluate and Predict set it before
    /// the first hook, so inside a hook it is never null.
    /// </summary>
    /// <exception cref="InvalidOperationException">Read before the callback took part in a run (no model set yet).</exception>
    public Model Model
    {
        get => model ?? throw new InvalidOperationException(
            $"{GetType().Name}.Model is not set yet: Fit, Evaluate and Predict set it (Keras' set_model) before calling the callback's hooks.");
        private set => model = value;
    }

    /// <summary>True once a run has set <see cref="Model"/>.</summary>
    public bool HasModel => model is not null;

    /// <summary>Run parameters: <c>epochs</c>, <c>steps</c>, <c>verbose</c> (Keras' <c>self.params</c>).</summary>
    public IReadOnlyDictionary<string, object?> Params { get; private set; } = new Dictionary<string, object?>();

    /// <summary>The History of the Fit this callback takes part in (set by the framework), or null outside Fit.</summary>
    internal History? RunHistory { get; set; }

    /// <summary>Called by the framework before a run (Keras' <c>set_model</c>).</summary>
    public virtual void SetModel(Model model) => Model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Called by the framework before a run (Keras' <c>set_params</c>).</summary>
    public virtual void SetParams(IReadOnlyDictionary<string, object?> parameters) => Params = parameters;

    /// <summary>Start of Fit.</summary>
    public virtual void OnTrainBegin(Logs logs) { }
    /// <summary>End of Fit; <paramref name="logs"/> holds the last epoch's values.</summary>
    public virtual void OnTrainEnd(Logs logs) { }
    /// <summary>Start of an epoch (0-based).</summary>
    public virtual void OnEpochBegin(int epoch, Logs logs) { }
    /// <summary>End of an epoch: training metrics and <c>val_</c> metrics.</summary>
    public virtual void OnEpochEnd(int epoch, Logs logs) { }
    /// <summary>Start of a training batch (0-based within the epoch).</summary>
    public virtual void OnTrainBatchBegin(int batch, Logs logs) { }
    /// <summary>End of a training batch: running loss and metrics of the epoch so far.</summary>
    public virtual void OnTrainBatchEnd(int batch, Logs logs) { }
    /// <summary>Start of Evaluate (or of validation inside Fit).</summary>
    public virtual void OnTestBegin(Logs logs) { }
    /// <summary>End of Evaluate (or of validation inside Fit).</summary>
    public virtual void OnTestEnd(Logs logs) { }
    /// <summary>Start of an evaluation batch.</summary>
    public virtual void OnTestBatchBegin(int batch, Logs logs) { }
    /// <summary>End of an evaluation batch.</summary>
    public virtual void OnTestBatchEnd(int batch, Logs logs) { }
    /// <summary>Start of Predict.</summary>
    public virtual void OnPredictBegin(Logs logs) { }
    /// <summary>End of Predict.</summary>
    public virtual void OnPredictEnd(Logs logs) { }
    /// <summary>Start of a prediction batch.</summary>
    public virtual void OnPredictBatchBegin(int batch, Logs logs) { }
    /// <summary>End of a prediction batch.</summary>
    public virtual void OnPredictBatchEnd(int batch, Logs logs) { }
}
