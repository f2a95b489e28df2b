using System.Text;

namespace FastPR.Interop;

/// <summary>Checks and wraps caller-owned buffers: (double*, length) pairs are used in place, never copied.</summary>
internal static unsafe class Buffers
{
    /// <summary>The caller's doubles as a span, after checking the pointer and the exact length.</summary>
    public static Span<double> Doubles(double* data, long length, long expected, string name)
    {
        if (length != expected) throw new ArgumentException($"{name} must have length {expected} (got {length}).", name);
        return Doubles(data, length, name);
    }

    /// <summary>The caller's doubles as a span of any length ≥ 0 (≤ 2³¹ − 1).</summary>
    public static Span<double> Doubles(double* data, long length, string name)
    {
        if (length < 0 || length > int.MaxValue) throw new ArgumentException($"{name} must have a length in [0, 2^31) (got {length}).", name);
        if (data is null && length > 0) throw new ArgumentException($"{name} is a null pointer.", name);
        return new Span<double>(data, (int)length);
    }

    /// <summary>Throws unless every value is finite, naming the first that is not.</summary>
    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"{name}[{i}] is {values[i]}; it must be finite.", name);
        }
    }

    /// <summary>Writes <paramref name="text"/> as NUL-terminated UTF-8; *needed gets the size with the NUL even when it does not fit.</summary>
    public static int Text(string text, byte* buffer, long capacity, long* needed)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        if (needed is not null) *needed = length + 1;
        if (capacity < length + 1)
            throw new InteropException(Status.BufferTooSmall, $"the text needs {length + 1} bytes with its NUL; the buffer has {capacity}.");
        if (buffer is null) throw new ArgumentException("buffer is a null pointer.", "buffer");
        int written = Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, length));
        buffer[written] = 0;
        return Status.Ok;
    }

    /// <summary>Checks an out-pointer.</summary>
    public static void Out(void* pointer, string name)
    {
        if (pointer is null) throw new ArgumentException($"{name} is a null pointer.", name);
    }
}
