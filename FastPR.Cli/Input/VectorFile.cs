using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using FastPR.Core;

namespace FastPR.Cli.Input;

/// <summary>
/// Reads a vector file (text or <c>.npy</c>, parsed by <see cref="VectorFormats"/>). Every vector read remembers its file and
/// the file's SHA-256, so summary.json can say what a run was given. Errors are one line and name the file.
/// </summary>
internal static class VectorFile
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

        double[] values;
        try
        {
            values = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? VectorFormats.ParseNpy(bytes) : VectorFormats.ParseText(Text(bytes));
        }
        catch (FormatException ex)
        {
            throw new UsageException(option, $"'{path}' {ex.Message}.");
        }

        if (values.Length == 0) throw new UsageException(option, $"'{path}' holds no values.");
        Origins.AddOrUpdate(values, new Origin(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), values.Length));
        return values;
    }

    // UTF-8 with or without a byte-order mark (Windows editors write one).
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes);

    /// <summary>Remembers that <paramref name="values"/> came from <paramref name="origin"/> (a resumed run's inputs, from its checkpoint).</summary>
    public static void Remember(double[] values, Origin origin) => Origins.AddOrUpdate(values, origin);

    /// <summary>The file <paramref name="values"/> was read from, or null when it was not read by <see cref="Read"/>.</summary>
    public static Origin? OriginOf(double[]? values) => values is not null && Origins.TryGetValue(values, out var origin) ? origin : null;

    /// <summary>The file <paramref name="values"/> were read from, as summary.json names it, or null (not read from a file).</summary>
    public static Core.SummaryInput? Describe(double[] values) => OriginOf(values) is { } origin ? new(origin.Path, origin.Sha256, origin.Size) : null;
}
