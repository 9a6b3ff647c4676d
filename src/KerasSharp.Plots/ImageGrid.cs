using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Plots;

/// <summary>
/// A grid of images with optional titles, for "look at the data" cells (matplotlib's <c>imshow</c> in a grid of
/// subplots, as the Keras tutorials do with <c>plt.subplot(3, 3, i + 1); plt.imshow(images[i]); plt.title(...)</c>).
/// Images are channels-last tensors: <c>(height, width)</c> or <c>(height, width, 1)</c> grey, <c>(height, width, 3)</c>
/// RGB or <c>(height, width, 4)</c> RGBA (alpha over white). Integer images are read as 0-255; floating-point images
/// as 0-1 (clipped), as matplotlib reads them; grey images are drawn with a grey scale from their own minimum to
/// maximum (matplotlib's default normalisation) unless <c>normalize: false</c>. Each image is enlarged by a whole
/// factor (nearest neighbour, so pixels stay sharp) to about <see cref="CellSize"/> pixels, or reduced to fit it.
/// </summary>
/// <example>
/// <code>
/// var ((xTrain, yTrain), _) = Keras.Datasets.Mnist.LoadData();
/// var grid = new ImageGrid(columns: 3);
/// for (int i = 0; i &lt; 9; i++)
///     grid.Add(xTrain[i], title: $"label {yTrain[i].item&lt;byte&gt;()}");
/// grid.SavePng("digits.png");
/// </code>
/// </example>
public sealed class ImageGrid
{
    private readonly List<(byte[] Rgb, int Height, int Width, string? Title)> images = [];

    /// <summary>An empty grid.</summary>
    /// <param name="columns">Images per row, or 0 to choose (a square-ish grid, at most 8 per row).</param>
    /// <param name="cellSize">Target size in pixels of each image's longer side (32 to 1024).</param>
    /// <param name="title">Text above the grid, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative column count, or a cell size outside 32-1024.</exception>
    public ImageGrid(int columns = 0, int cellSize = 128, string? title = null)
    {
        if (columns < 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns must be >= 0 (0 chooses), but received {columns}.");
        if (cellSize is < 32 or > 1024)
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, $"cellSize must be in [32, 1024] pixels, but received {cellSize}.");
        Columns = columns;
        CellSize = cellSize;
        Title = title;
    }

    /// <summary>Images per row (0: chosen from the number of images).</summary>
    public int Columns { get; }

    /// <summary>Target size in pixels of each image's longer side.</summary>
    public int CellSize { get; }

    /// <summary>Text above the grid, or null.</summary>
    public string? Title { get; set; }

    /// <summary>The number of images added so far.</summary>
    public int Count => images.Count;

    /// <summary>Adds one image (copied now: later changes to the tensor do not show).</summary>
    /// <param name="image">A channels-last image tensor: (H, W), (H, W, 1), (H, W, 3) or (H, W, 4), on any device.</param>
    /// <param name="title">Text above the image, or null.</param>
    /// <param name="normalize">For grey images: stretch the image's own minimum..maximum to black..white (matplotlib's default); false reads the values as 0-255 or 0-1 like colour images.</param>
    /// <returns>This grid, to chain calls.</returns>
    /// <exception cref="ArgumentException">The tensor is not an image of a supported shape or type.</exception>
    public ImageGrid Add(Tensor image, string? title = null, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = NewDisposeScope();
        var shape = image.shape;
        bool shapeOk = shape.Length == 2 || (shape.Length == 3 && shape[2] is 1 or 3 or 4);
        if (!shapeOk || shape[0] < 1 || shape[1] < 1)
            throw new ArgumentException($"image must be (height, width) or (height, width, channels) with 1, 3 or 4 channels, but received shape ({string.Join(", ", shape)}).", nameof(image));
        if (shape[0] > 8192 || shape[1] > 8192)
            throw new ArgumentException($"image must be at most 8192 x 8192 pixels, but received {shape[0]} x {shape[1]}.", nameof(image));
        if (image.dtype == ScalarType.Bool || image.is_complex())
            throw new ArgumentException($"image must hold real numbers, but received a tensor of type {image.dtype}.", nameof(image));
        var values = image.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        return AddValues(values, (int)shape[0], (int)shape[1], shape.Length == 2 ? 1 : (int)shape[2], image.is_floating_point(), title, normalize);
    }

    /// <summary>Adds one 8-bit image given as bytes, row-major and channels-last (e.g. MNIST's raw pixels).</summary>
    /// <param name="pixels">height * width * channels values, 0-255.</param>
    /// <param name="height">Rows (1 to 8192).</param>
    /// <param name="width">Columns (1 to 8192).</param>
    /// <param name="channels">1 (grey), 3 (RGB) or 4 (RGBA).</param>
    /// <param name="title">Text above the image, or null.</param>
    /// <param name="normalize">As in <see cref="Add(Tensor, string?, bool)"/>.</param>
    /// <returns>This grid, to chain calls.</returns>
    /// <exception cref="ArgumentException">A size out of range, or a pixel count that does not match it.</exception>
    public ImageGrid Add(byte[] pixels, int height, int width, int channels = 1, string? title = null, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        CheckSize(height, width, channels);
        if (pixels.LongLength != (long)height * width * channels)
            throw new ArgumentException($"pixels must hold height * width * channels = {(long)height * width * channels} values, but received {pixels.LongLength}.", nameof(pixels));
        return AddValues(pixels.Select(b => (double)b).ToArray(), height, width, channels, floating: false, title, normalize);
    }

    private static void CheckSize(int height, int width, int channels)
    {
        if (height is < 1 or > 8192)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"height must be in [1, 8192], but received {height}.");
        if (width is < 1 or > 8192)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be in [1, 8192], but received {width}.");
        if (channels is not (1 or 3 or 4))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, $"channels must be 1, 3 or 4, but received {channels}.");
    }

    /// <summary>
    /// Adds an image from its values (row-major, channels-last): floating-point values read as 0-1, others as 0-255;
    /// grey images stretched from their finite minimum to maximum when <paramref name="normalize"/>.
    /// </summary>
    internal ImageGrid AddValues(double[] values, int height, int width, int channels, bool floating, string? title, bool normalize)
    {
        CheckSize(height, width, channels);
        double lo = 0, hi = floating ? 1 : 255;
        if (channels == 1 && normalize)
        {
            var finite = values.Where(double.IsFinite).ToArray();
            (lo, hi) = finite.Length == 0 ? (0, 1) : (finite.Min(), finite.Max());
        }
        var rgb = new byte[height * width * 3];
        for (int p = 0; p < height * width; p++)
        {
            double Level(int c)
            {
                double v = values[p * channels + c];
                double t = !double.IsFinite(v) ? 0 : hi > lo ? (v - lo) / (hi - lo) : 0;
                return Math.Clamp(t, 0, 1);
            }
            double alpha = channels == 4 ? Level(3) : 1;
            for (int c = 0; c < 3; c++)
            {
                double level = Level(channels == 1 ? 0 : c);
                rgb[p * 3 + c] = (byte)Math.Round(255 * (level * alpha + (1 - alpha)));
            }
        }
        images.Add((rgb, height, width, title));
        return this;
    }

    /// <summary>Adds the first images of a batch <c>(n, H, W[, C])</c>, with a title each when given.</summary>
    /// <param name="batch">Images stacked on the first axis.</param>
    /// <param name="titles">One title per image to add (its length is the number added), or null to add every image untitled.</param>
    /// <param name="normalize">As in <see cref="Add(Tensor, string?, bool)"/>.</param>
    /// <returns>This grid, to chain calls.</returns>
    /// <exception cref="ArgumentException">The batch has fewer images than titles, or its images are not images.</exception>
    public ImageGrid AddBatch(Tensor batch, IReadOnlyList<string?>? titles = null, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.dim() is < 3 or > 4)
            throw new ArgumentException($"batch must be (n, height, width) or (n, height, width, channels), but received shape ({string.Join(", ", batch.shape)}).", nameof(batch));
        long n = titles?.Count ?? batch.shape[0];
        if (n > batch.shape[0])
            throw new ArgumentException($"titles has {n} entries but batch holds only {batch.shape[0]} images.", nameof(titles));
        for (long i = 0; i < n; i++)
        {
            using var item = batch[i];
            Add(item, titles?[(int)i], normalize);
        }
        return this;
    }

    /// <summary>Renders the grid and returns the PNG file's bytes.</summary>
    /// <exception cref="InvalidOperationException">No image was added.</exception>
    public byte[] ToPng() => PngEncoder.Encode(Render());

    /// <summary>Renders the grid and writes it as a PNG file, atomically (temporary file in the same folder, then move).</summary>
    /// <param name="path">Destination file; its folder is created if missing.</param>
    /// <exception cref="InvalidOperationException">No image was added.</exception>
    public void SavePng(string path) => PngEncoder.Save(path, ToPng);

    /// <summary>The drawn size of an image: a whole enlargement factor up to <see cref="CellSize"/>, or a reduction to fit it.</summary>
    internal (int Height, int Width) DrawnSize(int height, int width)
    {
        int longer = Math.Max(height, width);
        if (longer > CellSize)
            return (Math.Max(1, (int)((long)height * CellSize / longer)), Math.Max(1, (int)((long)width * CellSize / longer)));
        int factor = Math.Max(1, CellSize / longer);
        return (height * factor, width * factor);
    }

    internal Canvas Render()
    {
        if (images.Count == 0)
            throw new InvalidOperationException("The image grid has no image to draw; add one with Add or AddBatch first.");
        int n = images.Count;
        int cols = Columns > 0 ? Math.Min(Columns, n) : Math.Min(8, (int)Math.Ceiling(Math.Sqrt(n)));
        int rows = (n + cols - 1) / cols;
        const int scale = 1, gap = 10;
        bool titled = images.Any(i => i.Title is not null);
        int titleH = titled ? BitmapFont.Height(scale) + 2 + BitmapFont.AccentCells * scale : 0;
        int cellW = Math.Max(CellSize, images.Max(i => i.Title is null ? 0 : BitmapFont.Width(i.Title, scale))) + gap;
        int cellH = CellSize + titleH + gap;
        int top = Title is null ? 0 : BitmapFont.Height(2) + 2 * gap;
        int width = Math.Max(Figure.MinWidth, cols * cellW + gap), height = rows * cellH + gap + top;
        var canvas = new Canvas(width, height);
        if (Title is not null)
        {
            int w = BitmapFont.Width(Title, 2);
            canvas.Text(Title, (width - w) / 2, gap, 2, Color.Black);
        }
        for (int k = 0; k < n; k++)
        {
            var (rgb, h, w, title) = images[k];
            int cx = gap + (k % cols) * cellW, cy = top + gap + (k / cols) * cellH;
            if (title is not null)
                canvas.Text(title, cx + (cellW - gap - BitmapFont.Width(title, scale)) / 2, cy + BitmapFont.AccentCells * scale, scale, Color.Black);
            var (dh, dw) = DrawnSize(h, w);
            int ox = cx + (cellW - gap - dw) / 2, oy = cy + titleH + (CellSize - dh) / 2;
            for (int y = 0; y < dh; y++)
            {
                int sy = (int)((long)y * h / dh);
                for (int x = 0; x < dw; x++)
                {
                    int sx = (int)((long)x * w / dw), i = (sy * w + sx) * 3;
                    canvas.Set(ox + x, oy + y, new Color(rgb[i], rgb[i + 1], rgb[i + 2]));
                }
            }
        }
        return canvas;
    }
}
