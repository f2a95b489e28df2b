using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FastPR.Cli.Input;

/// <summary>
/// Reads a vector of doubles from a text file (one number per line; blank lines and <c>#</c> comments ignored) or a NumPy
/// <c>.npy</c> file holding a 1-D little-endian float64 array. Every vector read remembers its file and the file's SHA-256,
/// so summary.json can say what a run was given. Errors are one line and name the file.
/// </summary>
internal static partial class VectorFile
{
    /// <summary>Where a vector came from: the file, its SHA-256 (hex) and the number of values.</summary>
    public sealed record Origin(string Path, string Sha256, int Size);

    private static readonly ConditionalWeakTable<double[], Origin> Origins = new();

    /// <summary>The values in <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">Missing, unreadable, empty or malformed file (names <paramref name="option"/>).</exception>
    public static double[] Read(string path, string option)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(option, $"cannot read '{path}': {ex.Message}");
        }

        double[] values = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? Npy(bytes, path, option) : Text(bytes, path, option);
        if (values.Length == 0) throw new UsageException(option, $"'{path}' holds no values.");
        Origins.AddOrUpdate(values, new Origin(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), values.Length));
        return values;
    }

    /// <summary>The file <paramref name="values"/> was read from, or null when it was not read by <see cref="Read"/>.</summary>
    public static Origin? OriginOf(double[]? values) => values is not null && Origins.TryGetValue(values, out var origin) ? origin : null;

    private static double[] Text(byte[] bytes, string path, string option)
    {
        var values = new List<double>();
        string[] lines = Encoding.UTF8.GetString(bytes).Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            if (!double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new UsageException(option, $"'{path}' line {n + 1}: '{line}' is not a number (one value per line; # starts a comment).");
            values.Add(value);
        }
        return values.ToArray();
    }

    private static double[] Npy(byte[] bytes, string path, string option)
    {
        UsageException Bad(string why) => new(option, $"'{path}' is not a 1-D float64 .npy array: {why}.");
        ReadOnlySpan<byte> magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(magic)) throw Bad("no NumPy magic string");
        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BitConverter.ToUInt16(bytes, 8);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12) throw Bad("truncated header");
            headerLength = (int)Math.Min(BitConverter.ToUInt32(bytes, 8), int.MaxValue);
            headerStart = 12;
        }
        else
        {
            throw Bad($"format version {major}");
        }

        if (headerStart + headerLength > bytes.Length) throw Bad("truncated header");
        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
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
        for (int i = 0; i < count; i++) values[i] = BitConverter.ToDouble(bytes, dataStart + (8 * i));
        return values;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(\s*(\d+)\s*,\s*\)")]
    private static partial Regex ShapePattern();
}
