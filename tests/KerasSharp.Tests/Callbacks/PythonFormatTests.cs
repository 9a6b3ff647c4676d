using KerasSharp.Callbacks;

namespace KerasSharp.Tests.Callbacks;

public class PythonFormatTests
{
    [Theory]
    // Expected strings are what Python 3 prints for format(value, spec).
    [InlineData(3, "02d", "03")]
    [InlineData(12, "02d", "12")]
    [InlineData(7, "", "7")]
    [InlineData(5, "4d", "   5")]
    [InlineData(5, "<4d", "5   ")]
    [InlineData(1234567, ",d", "1,234,567")]
    [InlineData(0.123456, ".2f", "0.12")]
    [InlineData(2.5, ".0f", "2")]
    [InlineData(0.000123456, ".3e", "1.235e-04")]
    [InlineData(123456.0, "e", "1.234560e+05")]
    [InlineData(0.5, ".1%", "50.0%")]
    [InlineData(0.0001234, "g", "0.0001234")]
    [InlineData(1234567.0, "g", "1.23457e+06")]
    [InlineData(100.0, "g", "100")]
    [InlineData(-1.5, "+08.3f", "-001.500")]
    [InlineData(1.5, "+.1f", "+1.5")]
    public void FormatValueMatchesPython(object value, string spec, string expected) =>
        Assert.Equal(expected, PythonFormat.FormatValue(value, spec));

    [Theory]
    // Python's repr(float).
    [InlineData(0.1, "0.1")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void ReprMatchesPython(double value, string expected) => Assert.Equal(expected, PythonFormat.Repr(value));

    [Fact]
    public void FormatFillsFieldsAndEscapes()
    {
        var values = new Dictionary<string, object> { ["epoch"] = 3, ["val_loss"] = 0.34567 };
        Assert.Equal("ckpt/m-03-0.35{x}.keras", PythonFormat.Format("ckpt/m-{epoch:02d}-{val_loss:.2f}{{x}}.keras", values));
        var ex = Assert.Throws<KeyNotFoundException>(() => PythonFormat.Format("{val_acc:.2f}", values));
        Assert.Contains("'val_acc'", ex.Message);
        Assert.Contains("epoch, val_loss", ex.Message);
        Assert.Throws<FormatException>(() => PythonFormat.Format("{val_loss:d}", values)); // Python: unknown code 'd' for float
    }
}
