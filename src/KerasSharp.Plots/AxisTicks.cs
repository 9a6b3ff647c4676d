using System.Globalization;

namespace KerasSharp.Plots;

/// <summary>"Nice" tick positions (steps of 1, 2, 2.5 or 5 times a power of ten) and their labels.</summary>
internal static class AxisTicks
{
    /// <summary>A step of 1, 2, 2.5, 5 or 10 times a power of ten near <paramref name="range"/> / <paramref name="target"/>.</summary>
    public static double NiceStep(double range, int target, bool integer)
    {
        double raw = range / Math.Max(1, target);
        if (!(raw > 0) || !double.IsFinite(raw))
            return 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double norm = raw / magnitude;
        double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 && !integer ? 2.5 : norm <= 5 ? 5 : 10;
        double step = nice * magnitude;
        return integer ? Math.Max(1, Math.Round(step)) : step;
    }

    /// <summary>Tick values inside [<paramref name="min"/>, <paramref name="max"/>], about <paramref name="target"/> of them.</summary>
    public static (double[] Values, double Step) Compute(double min, double max, int target, bool integer)
    {
        double step = NiceStep(max - min, target, integer);
        double first = Math.Ceiling(min / step - 1e-9) * step;
        var values = new List<double>();
        for (int k = 0; k < 1000; k++)
        {
            double v = first + k * step;
            if (v > max + step * 1e-9)
                break;
            values.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }
        return (values.ToArray(), step);
    }

    /// <summary>Labels for <paramref name="values"/>: just enough decimals to tell steps of <paramref name="step"/> apart.</summary>
    public static string[] Format(double[] values, double step)
    {
        double largest = values.Length == 0 ? 0 : values.Max(Math.Abs);
        if (largest >= 1e6 || (largest > 0 && largest < 1e-3))
            return values.Select(v => v.ToString("0.##E+0", CultureInfo.InvariantCulture)).ToArray();
        int decimals = 0;
        while (decimals < 10 && Math.Abs(step * Math.Pow(10, decimals) - Math.Round(step * Math.Pow(10, decimals))) > 1e-6 * step * Math.Pow(10, decimals))
            decimals++;
        return values.Select(v => FormatValue(v, decimals)).ToArray();
    }

    /// <summary><paramref name="v"/> with <paramref name="decimals"/> decimals, invariant culture, never "-0".</summary>
    public static string FormatValue(double v, int decimals)
    {
        var text = v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0 ? text[1..] : text;
    }

    /// <summary>
    /// Ticks of a logarithmic axis over [<paramref name="min"/>, <paramref name="max"/>] (both &gt; 0): powers of ten
    /// (every k-th one when there are more than <paramref name="target"/>), plus 2 and 5 times them when fewer than two
    /// powers of ten fall inside; labels as plain numbers (0.01, 100) or in E notation beyond 1e-3 .. 1e5.
    /// </summary>
    public static (double[] Values, string[] Labels) ComputeLog(double min, double max, int target)
    {
        int lo = (int)Math.Ceiling(Math.Log10(min) - 1e-9), hi = (int)Math.Floor(Math.Log10(max) + 1e-9);
        var values = new List<double>();
        if (hi - lo + 1 >= 2)
        {
            int every = Math.Max(1, (int)Math.Ceiling((hi - lo + 1) / (double)Math.Max(1, target)));
            for (int k = lo; k <= hi; k++)
                if ((k - lo) % every == 0)
                    values.Add(Math.Pow(10, k));
        }
        else
        {
            for (int k = lo - 1; k <= hi; k++)
                foreach (var m in new[] { 1.0, 2.0, 5.0 })
                {
                    double v = m * Math.Pow(10, k);
                    if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9))
                        values.Add(v);
                }
            if (values.Count < 2)
            {
                // Less than a factor 2.5 of range: linear steps read better (all positive, as the range is).
                var (linear, step) = Compute(min, max, target, integer: false);
                return (linear, Format(linear, step));
            }
        }
        var labels = values.Select(v => v >= 1e-3 && v < 1e5
            ? v.ToString("0.###", CultureInfo.InvariantCulture)
            : v.ToString("0E+0", CultureInfo.InvariantCulture)).ToArray();
        return (values.ToArray(), labels);
    }
}
