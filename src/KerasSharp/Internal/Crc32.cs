namespace KerasSharp.Internal;

/// <summary>The CRC-32 of zip archives (IEEE 802.3, reflected polynomial 0xEDB88320), computed incrementally.</summary>
internal sealed class Crc32
{
    private static readonly uint[] Table = BuildTable();
    private uint state = 0xFFFFFFFFu;

    /// <summary>Adds <paramref name="data"/> to the checksum.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        uint c = state;
        foreach (byte b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        state = c;
    }

    /// <summary>The checksum of everything appended so far.</summary>
    public uint Value => state ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
