using System.Globalization;
using CsvHelper;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// trajectory.csv: <see cref="TrajectoryTable"/> (its columns and rows, shared with libfastpr) as comma-separated text with a header,
/// invariant culture, round-trip numbers, and the step column as an exact integer.
/// </summary>
internal static class TrajectoryCsvWriter
{
    /// <summary>RFC 4180 with Unix line ends and invariant numbers.</summary>
    public static CsvWriterOptions Options { get; } = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>Writes the trajectory of <paramref name="result"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, SimulationResult result)
    {
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        var table = new TrajectoryTable(result);
        csv.WriteHeader(table.Columns.ToArray());
        var row = new double[table.Columns.Count];
        for (int r = 0; r < table.Rows; r++)
        {
            table.Fill(r, row);
            for (int c = 0; c < row.Length; c++)
                csv.WriteField(c == 1 ? table.Step(r).ToString(CultureInfo.InvariantCulture) : Number(row[c])); // members: "R" writes a whole double as digits
            csv.EndRecord();
        }
    }

    /// <summary>Shortest round-trip form; NaN and ±inf as pandas reads them.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
