namespace KerasSharp.Plots.Tests;

public class ColorMapTests
{
    [Fact]
    public void EndsAreDarkPurpleAndYellow()
    {
        Assert.Equal(new Color(68, 1, 84), ColorMap.At(0));
        Assert.Equal(new Color(253, 231, 37), ColorMap.At(1));
    }

    [Fact]
    public void OutOfRangeIsClampedAndNaNIsWhite()
    {
        Assert.Equal(ColorMap.At(0), ColorMap.At(-3));
        Assert.Equal(ColorMap.At(1), ColorMap.At(7));
        Assert.Equal(Color.White, ColorMap.At(double.NaN));
    }

    [Fact]
    public void BrightnessIncreases()
    {
        double previous = -1;
        for (int i = 0; i <= 10; i++)
        {
            var c = ColorMap.At(i / 10.0);
            double luma = 0.299 * c.R + 0.587 * c.G + 0.114 * c.B;
            Assert.True(luma > previous, $"luma at {i / 10.0}");
            previous = luma;
        }
    }
}
