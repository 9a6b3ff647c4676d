namespace KerasSharp.Plots;

/// <summary>How an axis maps data values to positions (matplotlib's <c>set_xscale</c> / <c>set_yscale</c>).</summary>
public enum AxisScale
{
    /// <summary>Equal distances for equal differences (the default).</summary>
    Linear,

    /// <summary>
    /// Base-10 logarithmic: equal distances for equal ratios, ticks at powers of ten (and 2 and 5 times them over a
    /// short range). Values &lt;= 0 cannot be placed: lines break there and points are skipped.
    /// </summary>
    Log,
}
