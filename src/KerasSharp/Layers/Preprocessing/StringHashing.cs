using System.Buffers.Binary;
using System.Numerics;

namespace KerasSharp.Layers;

/// <summary>
/// The two string hashes Keras' preprocessing layers use through TensorFlow: <c>tf.strings.to_hash_bucket_fast</c>
/// (FarmHash's 64-bit fingerprint, <c>farmhash::Fingerprint64</c>) and <c>tf.strings.to_hash_bucket_strong</c>
/// (SipHash-2-4 keyed with two 64-bit words). Both hash the string's bytes; a bucket is the hash modulo the number of
/// buckets, taken as unsigned 64-bit integers.
/// </summary>
internal static class StringHashing
{
    private const ulong K0 = 0xc3a5c85c97cb3127UL;
    private const ulong K1 = 0xb492b66fbe98f273UL;
    private const ulong K2 = 0x9ae16a3b2f90404fUL;

    /// <summary><c>tf.strings.to_hash_bucket_fast</c>: FarmHash Fingerprint64 of <paramref name="bytes"/> modulo <paramref name="buckets"/>.</summary>
    public static long FastBucket(ReadOnlySpan<byte> bytes, long buckets) => (long)(Fingerprint64(bytes) % (ulong)buckets);

    /// <summary><c>tf.strings.to_hash_bucket_strong</c>: SipHash-2-4 with key (<paramref name="key0"/>, <paramref name="key1"/>) modulo <paramref name="buckets"/>.</summary>
    public static long StrongBucket(ReadOnlySpan<byte> bytes, long buckets, ulong key0, ulong key1) =>
        (long)(SipHash24(bytes, key0, key1) % (ulong)buckets);

    private static ulong Fetch64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);
    private static ulong Fetch32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);
    private static ulong Rotate(ulong v, int shift) => shift == 0 ? v : BitOperations.RotateRight(v, shift);
    private static ulong ShiftMix(ulong v) => v ^ (v >> 47);

    private static ulong HashLen16(ulong u, ulong v, ulong mul)
    {
        ulong a = (u ^ v) * mul;
        a ^= a >> 47;
        ulong b = (v ^ a) * mul;
        b ^= b >> 47;
        return b * mul;
    }

    private static ulong HashLen0To16(ReadOnlySpan<byte> s)
    {
        int len = s.Length;
        if (len >= 8)
        {
            ulong mul = K2 + (ulong)len * 2;
            ulong a = Fetch64(s, 0) + K2;
            ulong b = Fetch64(s, len - 8);
            ulong c = Rotate(b, 37) * mul + a;
            ulong d = (Rotate(a, 25) + b) * mul;
            return HashLen16(c, d, mul);
        }
        if (len >= 4)
        {
            ulong mul = K2 + (ulong)len * 2;
            ulong a = Fetch32(s, 0);
            return HashLen16((ulong)len + (a << 3), Fetch32(s, len - 4), mul);
        }
        if (len > 0)
        {
            uint a = s[0], b = s[len >> 1], c = s[len - 1];
            uint y = a + (b << 8);
            uint z = (uint)len + (c << 2);
            return ShiftMix(y * K2 ^ z * K0) * K2;
        }
        return K2;
    }

    private static ulong HashLen17To32(ReadOnlySpan<byte> s)
    {
        int len = s.Length;
        ulong mul = K2 + (ulong)len * 2;
        ulong a = Fetch64(s, 0) * K1;
        ulong b = Fetch64(s, 8);
        ulong c = Fetch64(s, len - 8) * mul;
        ulong d = Fetch64(s, len - 16) * K2;
        return HashLen16(Rotate(a + b, 43) + Rotate(c, 30) + d, a + Rotate(b + K2, 18) + c, mul);
    }

    private static ulong HashLen33To64(ReadOnlySpan<byte> s)
    {
        int len = s.Length;
        ulong mul = K2 + (ulong)len * 2;
        ulong a = Fetch64(s, 0) * K2;
        ulong b = Fetch64(s, 8);
        ulong c = Fetch64(s, len - 8) * mul;
        ulong d = Fetch64(s, len - 16) * K2;
        ulong y = Rotate(a + b, 43) + Rotate(c, 30) + d;
        ulong z = HashLen16(y, a + Rotate(b + K2, 18) + c, mul);
        ulong e = Fetch64(s, 16) * mul;
        ulong f = Fetch64(s, 24);
        ulong g = (y + Fetch64(s, len - 32)) * mul;
        ulong h = (z + Fetch64(s, len - 24)) * mul;
        return HashLen16(Rotate(e + f, 43) + Rotate(g, 30) + h, e + Rotate(f + a, 18) + g, mul);
    }

    private static (ulong, ulong) WeakHashLen32WithSeeds(ReadOnlySpan<byte> s, int at, ulong a, ulong b)
    {
        ulong w = Fetch64(s, at), x = Fetch64(s, at + 8), y = Fetch64(s, at + 16), z = Fetch64(s, at + 24);
        a += w;
        b = Rotate(b + a + z, 21);
        ulong c = a;
        a += x;
        a += y;
        b += Rotate(a, 44);
        return (a + z, b + c);
    }

    /// <summary>FarmHash's <c>Fingerprint64</c> (the <c>farmhashna</c> 64-bit hash), as TensorFlow's <c>Fingerprint64</c>.</summary>
    public static ulong Fingerprint64(ReadOnlySpan<byte> s)
    {
        int len = s.Length;
        if (len <= 16) return HashLen0To16(s);
        if (len <= 32) return HashLen17To32(s);
        if (len <= 64) return HashLen33To64(s);

        const ulong seed = 81;
        ulong x = seed;
        ulong y = unchecked(seed * K1 + 113);
        ulong z = ShiftMix(y * K2 + 113) * K2;
        (ulong First, ulong Second) v = (0, 0), w = (0, 0);
        x = x * K2 + Fetch64(s, 0);
        int pos = 0;
        int end = (len - 1) / 64 * 64;
        int last64 = len - 64;
        do
        {
            x = Rotate(x + y + v.First + Fetch64(s, pos + 8), 37) * K1;
            y = Rotate(y + v.Second + Fetch64(s, pos + 48), 42) * K1;
            x ^= w.Second;
            y += v.First + Fetch64(s, pos + 40);
            z = Rotate(z + w.First, 33) * K1;
            v = WeakHashLen32WithSeeds(s, pos, v.Second * K1, x + w.First);
            w = WeakHashLen32WithSeeds(s, pos + 32, z + w.Second, y + Fetch64(s, pos + 16));
            (z, x) = (x, z);
            pos += 64;
        } while (pos != end);
        ulong mul = K1 + ((z & 0xff) << 1);
        pos = last64;
        w.First += (ulong)((len - 1) & 63);
        v.First += w.First;
        w.First += v.First;
        x = Rotate(x + y + v.First + Fetch64(s, pos + 8), 37) * mul;
        y = Rotate(y + v.Second + Fetch64(s, pos + 48), 42) * mul;
        x ^= w.Second * 9;
        y += v.First * 9 + Fetch64(s, pos + 40);
        z = Rotate(z + w.First, 33) * mul;
        v = WeakHashLen32WithSeeds(s, pos, v.Second * mul, x + w.First);
        w = WeakHashLen32WithSeeds(s, pos + 32, z + w.Second, y + Fetch64(s, pos + 16));
        (z, x) = (x, z);
        return HashLen16(HashLen16(v.First, w.First, mul) + ShiftMix(y) * K0 + z, HashLen16(v.Second, w.Second, mul) + x, mul);
    }

    /// <summary>SipHash-2-4 of <paramref name="data"/> with the 128-bit key (<paramref name="k0"/>, <paramref name="k1"/>).</summary>
    public static ulong SipHash24(ReadOnlySpan<byte> data, ulong k0, ulong k1)
    {
        ulong v0 = k0 ^ 0x736f6d6570736575UL, v1 = k1 ^ 0x646f72616e646f6dUL;
        ulong v2 = k0 ^ 0x6c7967656e657261UL, v3 = k1 ^ 0x7465646279746573UL;
        void Round()
        {
            v0 += v1; v1 = BitOperations.RotateLeft(v1, 13); v1 ^= v0; v0 = BitOperations.RotateLeft(v0, 32);
            v2 += v3; v3 = BitOperations.RotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = BitOperations.RotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = BitOperations.RotateLeft(v1, 17); v1 ^= v2; v2 = BitOperations.RotateLeft(v2, 32);
        }
        int full = data.Length / 8 * 8;
        for (int i = 0; i < full; i += 8)
        {
            ulong m = Fetch64(data, i);
            v3 ^= m;
            Round(); Round();
            v0 ^= m;
        }
        ulong last = (ulong)(data.Length & 0xff) << 56;
        for (int i = 0; i < data.Length - full; i++) last |= (ulong)data[full + i] << (8 * i);
        v3 ^= last;
        Round(); Round();
        v0 ^= last;
        v2 ^= 0xff;
        Round(); Round(); Round(); Round();
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
