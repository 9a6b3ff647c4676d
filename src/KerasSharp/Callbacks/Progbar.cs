using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KerasSharp.Callbacks;

/// <summary>
/// Keras' <c>Progbar</c> (keras/src/utils/progbar.py): <c>469/469 ━━━━━━━━━━━━━━━━━━━━ 2s 4ms/step - loss: 0.0601</c>.
/// On a terminal (dynamic) the line is redrawn in place at most every <c>interval</c> seconds, with Keras' bold and
/// colour codes; when output is redirected only the final line of each bar is written, without escape codes.
/// Values are read only when a line is drawn, so undrawn steps cost no device synchronisation.
/// </summary>
internal sealed class Progbar
{
    private const int Width = 20;
    private readonly int verbose;
    private readonly TextWriter output;
    private readonly bool dynamic;
    private readonly double interval;
    private readonly string unitName;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<string> valueOrder = [];
    private readonly Dictionary<string, (double Sum, double Count)> values = new(StringComparer.Ordinal);
    private double lastUpdate = double.NegativeInfinity;
    private double? timeAfterFirstStep;
    private int seenAtLastDraw;
    private int prevTotalWidth;

    public Progbar(int? target, int verbose, TextWriter output, bool dynamic, double interval = 0.05, string unitName = "step")
    {
        Target = target;
        this.verbose = verbose;
        this.output = output;
        this.dynamic = dynamic;
        this.interval = interval;
        this.unitName = unitName;
    }

    /// <summary>Total steps, or null when unknown (set once known).</summary>
    public int? Target { get; set; }

    private int? target => Target;

    /// <summary>Reports progress <paramref name="current"/> (1-based steps done).</summary>
    public void Update(int current, IEnumerable<KeyValuePair<string, double>>? logs, bool finalize)
    {
        double now = clock.Elapsed.TotalSeconds;
        double timePerUnit = EstimateStepDuration(current, now);
        if (verbose == 1)
        {
            if (!finalize && (!dynamic || now - lastUpdate < interval))
                return;
            Accumulate(current, logs, finalize);
            DrawVerbose1(current, now, timePerUnit, finalize);
            lastUpdate = now;
        }
        else if (verbose == 2 && finalize && target is > 0)
        {
            Accumulate(current, logs, finalize);
            var sb = new StringBuilder();
            sb.Append(Count(current)).Append(" - ").Append(Fixed0(now)).Append('s');
            sb.Append(" -").Append(FormatTime(timePerUnit));
            foreach (var k in valueOrder)
            {
                var avg = Average(k);
                sb.Append(" - ").Append(k).Append(": ").Append(avg > 1e-3 ? F4(avg) : E4(avg));
            }
            output.Write(sb.Append('\n').ToString());
            output.Flush();
        }
    }

    private void Accumulate(int current, IEnumerable<KeyValuePair<string, double>>? logs, bool finalize)
    {
        int weight = Math.Max(current - seenAtLastDraw, 1);
        foreach (var (k, v) in logs ?? [])
        {
            if (!values.ContainsKey(k)) valueOrder.Add(k);
            if (finalize || !values.TryGetValue(k, out var acc))
                values[k] = finalize ? (v, 1) : (v * weight, weight);
            else
                values[k] = (acc.Sum + v * weight, acc.Count + weight);
        }
        seenAtLastDraw = current;
    }

    private double Average(string k) => values[k].Sum / Math.Max(1, values[k].Count);

    private void DrawVerbose1(int current, double now, double timePerUnit, bool finalize)
    {
        var sb = new StringBuilder();
        int visible = 0;
        if (dynamic)
        {
            sb.Append('\b', prevTotalWidth).Append('\r');
        }
        if (target is int t && t > 0)
        {
            var count = Count(current);
            int progWidth = (int)(Width * ((double)current / t));
            progWidth = Math.Clamp(progWidth, 0, Width);
            Bold(sb, count).Append(' ');
            if (progWidth > 0) Color(sb, "32", new string('━', progWidth));
            Color(sb, "37", new string('━', Width - progWidth));
            visible += count.Length + 1 + Width;
        }
        else
        {
            var unknown = string.Format(CultureInfo.InvariantCulture, "{0,7}/Unknown", current);
            sb.Append(unknown);
            visible += unknown.Length;
        }

        var info = new StringBuilder();
        string time;
        if (target is > 0 && !finalize)
        {
            double eta = timePerUnit * (target.Value - current);
            time = eta > 3600
                ? $"{(int)(eta / 3600)}:{(int)(eta % 3600 / 60):00}:{(int)(eta % 60):00}"
                : eta > 60 ? $"{(int)(eta / 60)}:{(int)(eta % 60):00}" : $"{(int)eta}s";
        }
        else
        {
            time = Fixed0(now) + "s";
        }
        info.Append(' ');
        Bold(info, time);
        visible += 1 + time.Length;
        var rest = new StringBuilder(FormatTime(timePerUnit));
        foreach (var k in valueOrder)
        {
            var avg = Average(k);
            rest.Append(" - ").Append(k).Append(':').Append(' ').Append(Math.Abs(avg) > 1e-3 ? F4(avg) : E4(avg));
        }
        info.Append(rest);
        visible += rest.Length;
        sb.Append(info);

        if (dynamic && prevTotalWidth > visible)
            sb.Append(' ', prevTotalWidth - visible);
        if (finalize)
            sb.Append('\n');
        output.Write(sb.ToString());
        output.Flush();
        prevTotalWidth = visible;
    }

    private StringBuilder Bold(StringBuilder sb, string text) =>
        dynamic ? sb.Append("\x1b[1m").Append(text).Append("\x1b[0m") : sb.Append(text);

    private StringBuilder Color(StringBuilder sb, string code, string text) =>
        dynamic ? sb.Append("\x1b[").Append(code).Append('m').Append(text).Append("\x1b[0m") : sb.Append(text);

    private string Count(int current)
    {
        int digits = (int)Math.Floor(Math.Log10(target!.Value)) + 1;
        return current.ToString(CultureInfo.InvariantCulture).PadLeft(digits) + "/" + target.Value.ToString(CultureInfo.InvariantCulture);
    }

    private double EstimateStepDuration(int current, double now)
    {
        if (current == 0) return 0;
        double perUnit = timeAfterFirstStep is double first && current > 1
            ? (now - first) / (current - 1)
            : now / current;
        if (current == 1) timeAfterFirstStep = now;
        return perUnit;
    }

    /// <summary>Keras' <c>_format_time</c>: <c> 4ms/step</c>, <c> 2s/step</c>, <c> 850us/step</c>.</summary>
    internal static string FormatTime(double timePerUnit, string unitName = "step") =>
        timePerUnit >= 1 || timePerUnit == 0 ? $" {Fixed0(timePerUnit)}s/{unitName}"
        : timePerUnit >= 1e-3 ? $" {Fixed0(timePerUnit * 1000.0)}ms/{unitName}"
        : $" {Fixed0(timePerUnit * 1_000_000.0)}us/{unitName}";

    private static string Fixed0(double v) => Math.Round(v, MidpointRounding.ToEven).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>Python's <c>f"{v:.4f}"</c>.</summary>
    internal static string F4(double v) => double.IsNaN(v) ? "nan" : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : v.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>Python's <c>f"{v:.4e}"</c> (two-digit exponent at least: <c>1.2345e-05</c>).</summary>
    internal static string E4(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var s = v.ToString("0.0000e+00", CultureInfo.InvariantCulture);
        return s;
    }
}
