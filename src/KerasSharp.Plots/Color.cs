namespace KerasSharp.Plots;

/// <summary>An sRGB colour with 8 bits per channel; <see cref="A"/> is the opacity used when drawing (255 = opaque).</summary>
/// <param name="R">Red, 0-255.</param>
/// <param name="G">Green, 0-255.</param>
/// <param name="B">Blue, 0-255.</param>
/// <param name="A">Opacity, 0 (invisible) to 255 (opaque).</param>
public readonly record struct Color(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque white, the background of every chart.</summary>
    public static Color White => new(255, 255, 255);

    /// <summary>Opaque black.</summary>
    public static Color Black => new(0, 0, 0);

    /// <summary>The dark gray used for text, frames and ticks.</summary>
    public static Color DarkGray => new(40, 40, 40);

    /// <summary>The light gray of grid lines.</summary>
    public static Color LightGray => new(225, 225, 225);

    /// <summary>Red, used for markers such as the best-epoch line.</summary>
    public static Color Red => new(214, 39, 40);

    /// <summary>
    /// The series palette (matplotlib's "tab10" order): blue, orange, green, red, purple, brown, pink, gray, olive, cyan.
    /// Series without an explicit colour take these in turn.
    /// </summary>
    public static IReadOnlyList<Color> Palette { get; } =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    /// <summary>This colour with opacity <paramref name="alpha"/> (0-255).</summary>
    public Color WithAlpha(byte alpha) => this with { A = alpha };
}
