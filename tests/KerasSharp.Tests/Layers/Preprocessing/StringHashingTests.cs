using System.Text;
using KerasSharp.Layers;

namespace KerasSharp.Tests.Layers.Preprocessing;

/// <summary>
/// The hashes behind Hashing and the lookup layers' OOV buckets, against published reference values: TensorFlow's
/// fingerprint_test.cc (Fingerprint64 "Hello"/"World"), the farmhashna::Hash64 column of go-farm's farmhash_test.go
/// (generated from Google's C++ FarmHash; covers every length path: 0-16, 17-32, 33-64 and the loop over 64 bytes),
/// and the SipHash-2-4 paper's test vector (key 00..0f).
/// </summary>
public class StringHashingTests
{
    [Theory]
    [InlineData("Hello", 15404698994557526151UL)]
    [InlineData("World", 18308117990299812472UL)]
    [InlineData("", 0x9ae16a3b2f90404fUL)]
    [InlineData("a", 0xb3454265b6df75e3UL)]
    [InlineData("abcdefgh", 0xfee9d22990c82909UL)]
    [InlineData("0123456789=012345", 0x46a7416ed4861e3bUL)]
    [InlineData("C is as portable as Stonehedge!!", 0xb944f8a16261e414UL)]
    [InlineData("Discard medicine more than two years old.", 0xe8f89ab6df9bdd25UL)]
    [InlineData("For every action there is an equal and opposite government program.", 0x55182f8859eca4ceUL)]
    [InlineData("The fugacity of a constituent in a mixture of gases at a given temperature is proportional to its mole fraction.  Lewis-Randall Rule", 0x098eff6958c5e91aUL)]
    public void Fingerprint64MatchesFarmHash(string text, ulong expected) =>
        Assert.Equal(expected, StringHashing.Fingerprint64(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Fingerprint64LongText()
    {
        const string lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. " +
            "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in " +
            "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in " +
            "culpa qui officia deserunt mollit anim id est laborum.";
        Assert.Equal(0xc3f02c4ffd5d71e6UL, StringHashing.Fingerprint64(Encoding.UTF8.GetBytes(lorem)));
    }

    [Fact]
    public void SipHash24MatchesTheReferenceVectors()
    {
        const ulong k0 = 0x0706050403020100UL, k1 = 0x0f0e0d0c0b0a0908UL;
        Assert.Equal(0x726fdb47dd0e0e31UL, StringHashing.SipHash24([], k0, k1));
        Assert.Equal(0xa129ca6149be45e5UL, StringHashing.SipHash24(Enumerable.Range(0, 15).Select(i => (byte)i).ToArray(), k0, k1));
    }
}
