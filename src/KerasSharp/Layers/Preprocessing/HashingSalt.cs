namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>salt</c> argument of <see cref="Hashing"/>: one integer (used for both halves of the SipHash key) or a pair
/// of integers, written <c>salt: 133</c>, <c>salt: (133, 137)</c> or <c>salt: new long[] { 133, 137 }</c>. Keras keeps
/// (and its config stores) the pair either way.
/// </summary>
public readonly struct HashingSalt : IEquatable<HashingSalt>
{
    /// <summary>A salt whose two key halves are <paramref name="first"/> and <paramref name="second"/>.</summary>
    public HashingSalt(long first, long second) => (First, Second) = (first, second);

    /// <summary>The first half of the SipHash key.</summary>
    public long First { get; }
    /// <summary>The second half of the SipHash key.</summary>
    public long Second { get; }

    /// <summary>One integer: Keras' <c>[salt, salt]</c>.</summary>
    public static implicit operator HashingSalt(long salt) => new(salt, salt);

    /// <summary>A pair of integers.</summary>
    public static implicit operator HashingSalt((long First, long Second) pair) => new(pair.First, pair.Second);

    /// <summary>A list of exactly two integers (Keras' config form).</summary>
    /// <exception cref="ArgumentException">The list does not have two values.</exception>
    public static implicit operator HashingSalt(long[] salt)
    {
        ArgumentNullException.ThrowIfNull(salt);
        return salt.Length == 2
            ? new HashingSalt(salt[0], salt[1])
            : throw new ArgumentException(
                $"The `salt` argument for `Hashing` can only be a tuple of size 2 integers, or a single integer. Received: salt=[{string.Join(", ", salt)}].", nameof(salt));
    }

    /// <inheritdoc />
    public bool Equals(HashingSalt other) => First == other.First && Second == other.Second;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HashingSalt s && Equals(s);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(First, Second);
    /// <summary>Equality of both halves.</summary>
    public static bool operator ==(HashingSalt a, HashingSalt b) => a.Equals(b);
    /// <summary>Inequality of either half.</summary>
    public static bool operator !=(HashingSalt a, HashingSalt b) => !a.Equals(b);
    /// <inheritdoc />
    public override string ToString() => $"[{First}, {Second}]";
}
