using System.Text.Json;
using FastPR.Cli;

namespace FastPR.Tests.Cli;

/// <summary>Runs the fastpr entry point in-process with captured writers, inside a scratch directory deleted afterwards.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness() => Root = Directory.CreateTempSubdirectory("fastpr-cli-tests-").FullName;

    /// <summary>The scratch directory.</summary>
    public string Root { get; }

    /// <summary>A path inside the scratch directory (not created).</summary>
    public string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    public CliRun Run(params string[] args) => Run(args, null, default);

    public CliRun Run(string[] args, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellation)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = FastprCli.Run(args, CliConsole.Captured(output, error, environment ?? new Dictionary<string, string>(), cancellation));
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Exit code and captured streams of one invocation.</summary>
public sealed record CliRun(int Exit, string Out, string Err)
{
    /// <summary>The non-empty lines written to stderr.</summary>
    public string[] ErrorLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}";
}

/// <summary>Readers for the files fastpr writes.</summary>
public static class CliFiles
{
    /// <summary>The header and rows of a CSV, read with CsvHelper.</summary>
    public static (IReadOnlyList<string> Header, List<string[]> Rows) ReadCsv(string path)
    {
        using var reader = CsvHelper.CsvReader.FromFile(path, CsvHelper.CsvReaderOptions.Default, FileOptions.None);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        return (reader.Headers, rows);
    }

    public static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature; and that SkiaSharp decodes it.</summary>
    public static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(signature), "not a PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        int height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        return (width, height);
    }

    public static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
