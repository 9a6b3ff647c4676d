using System.Text;
using KerasSharp.Plots.Tests.TestSupport;

namespace KerasSharp.Plots.Tests;

public class Crc32Tests
{
    [Fact]
    public void CheckValueOfStandardTestString()
    {
        // The CRC-32/ISO-HDLC check value: crc32("123456789") = 0xCBF43926.
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void EmptyInputIsZero() => Assert.Equal(0u, Crc32.Compute([]));

    [Fact]
    public void RunningUpdateEqualsOneShot()
    {
        var data = Encoding.ASCII.GetBytes("IHDR and some bytes");
        uint running = Crc32.Finish(Crc32.Update(Crc32.Update(0xFFFFFFFFu, data.AsSpan(0, 4)), data.AsSpan(4)));
        Assert.Equal(Crc32.Compute(data), running);
        Assert.Equal(PngFile.Crc(data), running); // the tests' independent bitwise implementation
    }
}
