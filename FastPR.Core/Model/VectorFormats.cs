using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FastPR.Core;

/// <summary>
/// The two formats FastPR reads vectors (eigenvalues, a teacher, w(0)) from: text, one number per line with blank lines and
/// <c>#</c> comments ignored, and NumPy's <c>.npy</c> holding a 1-D little-endian float64 array. Pure parsing: reading the
/// file is the caller's.
/// </summary>
public static partial class VectorFormats
{
    /// <summary>The numbers in <paramref name="text"/>, one per line.</summary>
    /// <exception cref="FormatException">A line is not a number (the message gives its line number).</exception>
    public static double[] ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new List<double>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            if (!double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new FormatException($"line {n + 1}: '{line}' is not a number (one value per line; # starts a comment)");
            values.Add(value);
        }
        return values.ToArray();
    }

    /// <summary>The values of a NumPy <c>.npy</c> file's bytes: format 1–3, dtype '&lt;f8', C order, shape (n,).</summary>
    /// <exception cref="FormatException">Not such an array (the message says why).</exception>
    public static double[] ParseNpy(ReadOnlySpan<byte> bytes)
    {
        static FormatException Bad(string why) => new($"not a 1-D float64 .npy array: {why}");
        ReadOnlySpan<byte> magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(magic)) throw Bad("no NumPy magic string");
        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BitConverter.ToUInt16(bytes[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12) throw Bad("truncated header");
            headerLength = (int)Math.Min(BitConverter.ToUInt32(bytes[8..]), int.MaxValue);
            headerStart = 12;
        }
        else
        {
            throw Bad($"format version {major}");
        }

        if (headerStart + (long)headerLength > bytes.Length) throw Bad("truncated header");
        string header = Encoding.Latin1.GetString(bytes.Slice(headerStart, headerLength));
        var descr = DescrPattern().Match(header);
        if (!descr.Success) throw Bad("no 'descr' in the header");
        if (descr.Groups[1].Value is not ("<f8" or "=f8" or "f8")) throw Bad($"dtype '{descr.Groups[1].Value}' (need '<f8', float64)");
        if (FortranPattern().Match(header) is { Success: true } fortran && fortran.Groups[1].Value == "True") throw Bad("Fortran order");
        var shape = ShapePattern().Match(header);
        if (!shape.Success) throw Bad("shape is not a 1-D tuple (n,)");
        int count = int.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture);
        int dataStart = headerStart + headerLength;
        if (bytes.Length - dataStart != 8L * count) throw Bad($"{bytes.Length - dataStart} data bytes for {count} values");
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = BitConverter.ToDouble(bytes.Slice(dataStart + (8 * i), 8));
        return values;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(\s*(\d+)\s*,\s*\)")]
    private static partial Regex ShapePattern();
}
