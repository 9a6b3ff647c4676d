namespace KerasSharp.Plots;

/// <summary>
/// An image holding one or more <see cref="Chart"/>s in a grid (filled row by row), with an optional title on top,
/// rendered to PNG by a built-in pure-managed rasterizer (no native graphics library, no system fonts).
/// </summary>
/// <example>
/// <code>
/// var figure = new Figure(800, 600, title: "Activations");
/// figure.AddChart("sigmoid").AddFunction(x => 1 / (1 + Math.Exp(-x)), -5, 5);
/// figure.AddChart("tanh").AddFunction(Math.Tanh, -5, 5);
/// figure.SavePng("activations.png");
/// </code>
/// </example>
public sealed class Figure
{
    /// <summary>The smallest image width accepted, in pixels.</summary>
    public const int MinWidth = 200;

    /// <summary>The smallest image height accepted, in pixels.</summary>
    public const int MinHeight = 150;

    private readonly List<Chart> charts = [];

    /// <summary>An empty figure.</summary>
    /// <param name="width">Image width in pixels (&gt;= <see cref="MinWidth"/>).</param>
    /// <param name="height">Image height in pixels (&gt;= <see cref="MinHeight"/>).</param>
    /// <param name="title">Text on top of the image, or null.</param>
    /// <param name="columns">Charts per row; 0 picks one row for up to 3 charts, else about a square grid.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is too small, or <paramref name="columns"/> is negative.</exception>
    public Figure(int width = 800, int height = 500, string? title = null, int columns = 0)
    {
        if (width < MinWidth)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be >= {MinWidth} pixels, but received {width}.");
        if (height < MinHeight)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"height must be >= {MinHeight} pixels, but received {height}.");
        if (columns < 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns must be >= 0, but received {columns}.");
        Width = width;
        Height = height;
        Title = title;
        Columns = columns;
    }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Text on top of the image, or null.</summary>
    public string? Title { get; set; }

    /// <summary>Charts per row (0 = automatic).</summary>
    public int Columns { get; }

    /// <summary>The charts, in drawing order (row by row).</summary>
    public IReadOnlyList<Chart> Charts => charts;

    /// <summary>Adds a new empty chart and returns it.</summary>
    /// <param name="title">The chart's title, or null.</param>
    /// <param name="xLabel">The x axis label, or null.</param>
    /// <param name="yLabel">The y axis label, or null.</param>
    /// <returns>The new chart.</returns>
    public Chart AddChart(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        var chart = new Chart(title, xLabel, yLabel);
        charts.Add(chart);
        return chart;
    }

    /// <summary>Adds an existing chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>This figure.</returns>
    public Figure Add(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        charts.Add(chart);
        return this;
    }

    /// <summary>Renders the figure and returns the PNG file's bytes.</summary>
    /// <exception cref="InvalidOperationException">The figure has no chart.</exception>
    public byte[] ToPng() => PngEncoder.Encode(Render());

    /// <summary>Renders the figure and writes it as a PNG file, atomically (temporary file in the same folder, then move).</summary>
    /// <param name="path">Destination file; its folder is created if missing.</param>
    /// <exception cref="InvalidOperationException">The figure has no chart.</exception>
    public void SavePng(string path) => PngEncoder.Save(path, ToPng);

    /// <summary>Draws every chart onto a new canvas.</summary>
    internal Canvas Render()
    {
        if (charts.Count == 0)
            throw new InvalidOperationException("The figure has no chart to draw; add one with AddChart or Add first.");
        int n = charts.Count;
        int cols = Columns > 0 ? Math.Min(Columns, n) : n <= 3 ? n : (int)Math.Ceiling(Math.Sqrt(n));
        int rows = (n + cols - 1) / cols;

        var canvas = new Canvas(Width, Height);
        int titleScale = Width >= 600 && Height >= 400 ? 2 : 1;
        int top = 0;
        if (Title is not null)
        {
            int pad = 4 * titleScale;
            int w = BitmapFont.Width(Title, titleScale);
            canvas.Text(Title, (Width - w) / 2, pad, titleScale, Color.Black);
            canvas.Text(Title, (Width - w) / 2 + 1, pad, titleScale, Color.Black);
            top = BitmapFont.Height(titleScale) + 2 * pad;
        }
        int cellW = Width / cols, cellH = (Height - top) / rows;
        int scale = cellW >= 300 && cellH >= 220 ? 2 : 1;
        for (int i = 0; i < n; i++)
        {
            int r = i / cols, c = i % cols;
            charts[i].Render(canvas, new PixelRect(c * cellW, top + r * cellH, cellW, cellH), scale);
        }
        return canvas;
    }
}
