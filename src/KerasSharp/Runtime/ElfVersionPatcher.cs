using System.Buffers.Binary;
using System.Text;

namespace KerasSharp.Runtime;

/// <summary>
/// Reads and edits the symbol-version requirements (<c>.gnu.version_r</c>) of a 64-bit little-endian ELF shared
/// library. Used to mark a link-time-only version requirement as weak (<c>VER_FLG_WEAK</c>) so that glibc accepts the
/// library on systems whose libstdc++ lacks that version (see docs/native-loading.md).
/// </summary>
internal static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>glibc's VER_FLG_WEAK: a missing weak version is not an error at load time.</summary>
    internal const ushort VerFlagWeak = 0x2;

    /// <summary>One Vernaux entry: the version name, its flags and the file offset of its flags field.</summary>
    internal readonly record struct VersionRequirement(string Library, string Version, ushort Flags, long FlagsOffset)
    {
        /// <summary>True when glibc tolerates the version being absent.</summary>
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    /// <summary>Lists every version requirement of the ELF image.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
    internal static IReadOnlyList<VersionRequirement> ReadRequirements(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        var result = new List<VersionRequirement>();
        for (int i = 0; i < shnum; i++)
        {
            var sh = elf.Slice(checked((int)(shoff + (long)i * shentsize)), shentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed)
                continue;
            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            var strSection = elf.Slice(checked((int)(shoff + (long)link * shentsize)), shentsize);
            long strings = (long)BinaryPrimitives.ReadUInt64LittleEndian(strSection[0x18..]);

            long verneed = offset;
            while (true)
            {
                var vn = elf[checked((int)verneed)..];
                int count = BinaryPrimitives.ReadUInt16LittleEndian(vn[2..]);
                string file = ReadString(elf, strings + BinaryPrimitives.ReadUInt32LittleEndian(vn[4..]));
                long aux = verneed + BinaryPrimitives.ReadUInt32LittleEndian(vn[8..]);
                for (int a = 0; a < count; a++)
                {
                    var vna = elf[checked((int)aux)..];
                    ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(vna[4..]);
                    string name = ReadString(elf, strings + BinaryPrimitives.ReadUInt32LittleEndian(vna[8..]));
                    result.Add(new VersionRequirement(file, name, flags, aux + 4));
                    uint nextAux = BinaryPrimitives.ReadUInt32LittleEndian(vna[12..]);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(vn[12..]);
                if (next == 0) break;
                verneed += next;
            }
        }
        return result;
    }

    /// <summary>
    /// Sets <c>VER_FLG_WEAK</c> on every requirement named <paramref name="version"/> in <paramref name="elf"/>
    /// (in place). Returns how many entries were changed (0 when none was found or all were already weak).
    /// </summary>
    internal static int MarkWeak(Span<byte> elf, string version)
    {
        int changed = 0;
        foreach (var req in ReadRequirements(elf))
        {
            if (req.Version != version || req.IsWeak) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(elf[(int)req.FlagsOffset..], (ushort)(req.Flags | VerFlagWeak));
            changed++;
        }
        return changed;
    }

    private static string ReadString(ReadOnlySpan<byte> elf, long offset)
    {
        var s = elf[checked((int)offset)..];
        int end = s.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? s : s[..end]);
    }
}
