using System.Globalization;

namespace KerasSharp.Callbacks;

/// <summary>
/// Reduces the learning rate when a monitored quantity has stopped improving (Keras'
/// <c>keras.callbacks.ReduceLROnPlateau</c>): after <c>patience</c> epochs without an improvement larger than
/// <c>minDelta</c>, <c>learning_rate = max(learning_rate * factor, minLr)</c>, then <c>cooldown</c> epochs pass before
/// counting again. Every epoch it writes the optimizer's current rate to <c>logs["learning_rate"]</c> (before any
/// reduction, i.e. the rate this epoch trained with). In <c>"auto"</c> mode the quantity is maximised when its name
/// contains <c>acc</c> and minimised otherwise, as in Keras. A monitored key missing from the logs is an error.
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly string monitor;
    private readonly double factor;
    private readonly int patience;
    private readonly int verbose;
    private readonly string mode;
    private readonly double minDelta;
    private readonly int cooldown;
    private readonly double minLr;
    private readonly TextWriter? output;
    private bool higherIsBetter;
    private double best;
    private int cooldownCounter;
    private int wait;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    /// <param name="monitor">Quantity to monitor.</param>
    /// <param name="factor">Factor applied to the learning rate (must be &lt; 1).</param>
    /// <param name="patience">Epochs without improvement before reducing.</param>
    /// <param name="verbose">1 prints a line when the rate is reduced.</param>
    /// <param name="mode"><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="minDelta">Threshold for measuring the new optimum.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting again.</param>
    /// <param name="minLr">Lower bound on the learning rate.</param>
    /// <param name="output">Where verbose messages go (default: the console).</param>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0,
        string mode = "auto", double minDelta = 1e-4, int cooldown = 0, double minLr = 0, TextWriter? output = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        if (!(factor < 1.0))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor.ToString(CultureInfo.InvariantCulture)}.");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"patience must be >= 0, but received {patience}.");
        if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, $"cooldown must be >= 0, but received {cooldown}.");
        Internal.Guard.NonNegative(minLr, nameof(minLr));
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.verbose = verbose;
        this.mode = MonitorSupport.CheckMode(mode, nameof(ReduceLROnPlateau));
        this.minDelta = minDelta;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.output = output;
        Reset();
    }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait => wait;

    /// <summary>The best monitored value so far.</summary>
    public double Best => best;

    private bool InCooldown => cooldownCounter > 0;

    private void Reset()
    {
        higherIsBetter = mode == "max" || (mode == "auto" && monitor.Contains("acc", StringComparison.Ordinal));
        best = higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        cooldownCounter = 0;
        wait = 0;
    }

    private bool Better(double a, double b) => higherIsBetter ? a > b + minDelta : a < b - minDelta;

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs) => Reset();

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var optimizer = Model?.Optimizer ?? throw new InvalidOperationException("ReduceLROnPlateau needs a compiled model (an optimizer).");
        logs["learning_rate"] = (float)optimizer.LearningRate;
        if (!MonitorSupport.TryGetEpochValue(this, logs, monitor, epoch, nameof(ReduceLROnPlateau), out var current)) return;
        if (InCooldown)
        {
            cooldownCounter--;
            wait = 0;
        }
        if (Better(current, best))
        {
            best = current;
            wait = 0;
        }
        else if (!InCooldown)
        {
            wait++;
            if (wait >= patience)
            {
                double oldLr = optimizer.LearningRate;
                if (oldLr > (float)minLr)
                {
                    double newLr = Math.Max(oldLr * factor, minLr);
                    optimizer.LearningRate = newLr;
                    if (verbose > 0)
                        (output ?? Console.Out).WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFormat.Repr(newLr)}.");
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
