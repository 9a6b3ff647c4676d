namespace KerasSharp.Plots;

/// <summary>An integer pixel rectangle [X, X+Width) x [Y, Y+Height).</summary>
internal readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>First column right of the rectangle.</summary>
    public int Right => X + Width;

    /// <summary>First row below the rectangle.</summary>
    public int Bottom => Y + Height;

    /// <summary>True when (x, y) lies inside.</summary>
    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;
}
