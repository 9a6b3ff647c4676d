namespace KerasSharp.Plots;

/// <summary>A perceptually ordered colour map from dark purple (low) through teal to yellow (high), like viridis.</summary>
internal static class ColorMap
{
    private static readonly Color[] Anchors =
    [
        new(68, 1, 84), new(72, 40, 120), new(62, 74, 137), new(49, 104, 142), new(38, 130, 142),
        new(31, 158, 137), new(53, 183, 121), new(109, 205, 89), new(180, 222, 44), new(253, 231, 37),
    ];

    /// <summary>The colour at <paramref name="t"/> in [0, 1] (clamped; NaN gives white).</summary>
    public static Color At(double t)
    {
        if (double.IsNaN(t))
            return Color.White;
        t = Math.Clamp(t, 0, 1) * (Anchors.Length - 1);
        int i = Math.Min((int)t, Anchors.Length - 2);
        double f = t - i;
        Color a = Anchors[i], b = Anchors[i + 1];
        return new Color(
            (byte)Math.Round(a.R + (b.R - a.R) * f),
            (byte)Math.Round(a.G + (b.G - a.G) * f),
            (byte)Math.Round(a.B + (b.B - a.B) * f));
    }
}
