namespace KerasSharp.Plots.Tests;

public class AxisTicksTests
{
    [Fact]
    public void UnitRangeGetsTenthsOrFifths()
    {
        // range 1 / 5 targets = 0.2 -> nice step 0.2
        var (values, step) = AxisTicks.Compute(0, 1, 5, integer: false);
        Assert.Equal(0.2, step, 12);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], values.Select(v => Math.Round(v, 12)));
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], AxisTicks.Format(values, step));
    }

    [Fact]
    public void TicksStayInsideTheRange()
    {
        var (values, step) = AxisTicks.Compute(-2.3, 3.7, 6, integer: false);
        Assert.Equal(1, step);
        Assert.Equal([-2, -1, 0, 1, 2, 3], values);
        Assert.Equal(["-2", "-1", "0", "1", "2", "3"], AxisTicks.Format(values, step));
    }

    [Fact]
    public void IntegerTicksNeverGoBelowOne()
    {
        // epochs 0.7 .. 3.3 with 10 targets would want 0.25; integer ticks use 1
        var (values, step) = AxisTicks.Compute(0.7, 3.3, 10, integer: true);
        Assert.Equal(1, step);
        Assert.Equal([1, 2, 3], values);
    }

    [Fact]
    public void QuarterStepsGetTwoDecimals()
    {
        // range 1 / 4 targets = 0.25 -> step 0.25 -> labels with 2 decimals
        var (values, step) = AxisTicks.Compute(0, 1, 4, integer: false);
        Assert.Equal(0.25, step);
        Assert.Equal(["0.00", "0.25", "0.50", "0.75", "1.00"], AxisTicks.Format(values, step));
    }

    [Fact]
    public void NegativeZeroIsPrintedAsZero() => Assert.Equal("0.0", AxisTicks.FormatValue(-0.00001, 1));

    [Fact]
    public void HugeValuesUseExponent()
    {
        var labels = AxisTicks.Format([0, 2e6, 4e6], 2e6);
        Assert.Equal(["0E+0", "2E+6", "4E+6"], labels);
    }
}
