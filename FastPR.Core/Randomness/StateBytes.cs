using System.Buffers.Binary;
using System.Text;

namespace FastPR.Core;

/// <summary>Little-endian writing and checked reading of the small tagged states behind <see cref="IResumable"/>.</summary>
internal static class StateBytes
{
    /// <summary>A four-letter tag, then a key and a position: the whole state of a counter-based stream.</summary>
    public static byte[] Counter(string tag, ulong key, long position)
    {
        var bytes = new byte[20];
        Encoding.ASCII.GetBytes(tag, bytes);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(4), key);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), position);
        return bytes;
    }

    /// <summary>The position stored by <see cref="Counter"/>, after checking the tag and the key.</summary>
    public static long ReadCounter(ReadOnlySpan<byte> state, string tag, ulong key, string what)
    {
        if (state.Length != 20 || !HasTag(state, tag)) throw new ArgumentException($"The bytes are not the state of a {what}.", nameof(state));
        if (BinaryPrimitives.ReadUInt64LittleEndian(state[4..]) != key)
            throw new ArgumentException($"The state belongs to a {what} with another key.", nameof(state));
        long position = BinaryPrimitives.ReadInt64LittleEndian(state[12..]);
        if (position < 0) throw new ArgumentException($"The state of the {what} has a negative position.", nameof(state));
        return position;
    }

    /// <summary>Whether <paramref name="state"/> starts with the four-letter <paramref name="tag"/>.</summary>
    public static bool HasTag(ReadOnlySpan<byte> state, string tag)
    {
        Span<byte> expected = stackalloc byte[4];
        Encoding.ASCII.GetBytes(tag, expected);
        return state.Length >= 4 && state[..4].SequenceEqual(expected);
    }
}
