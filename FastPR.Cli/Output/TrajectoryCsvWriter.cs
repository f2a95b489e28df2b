using System.Globalization;
using CsvHelper;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// trajectory.csv: one row per recorded checkpoint, comma-separated with a header, invariant culture, round-trip numbers.
/// A single run has the columns t, step, s, u, loss, mse, one_minus_u, s2, u2. An ensemble has the same columns, holding the
/// means over the members finite at that checkpoint (so a script reads "u" from either), then each statistic's _std, _q05 and
/// _q95, then members (how many contributed), then u_aligned: the mean of each member's u times the sign of its own final u
/// (the raw mean u is meaningless when members split between ±w*).
/// </summary>
internal static class TrajectoryCsvWriter
{
    /// <summary>The header of a single run.</summary>
    public static IReadOnlyList<string> SingleRunColumns { get; } = ["t", "step", .. Snapshot.StatisticNames];

    /// <summary>The header of an ensemble.</summary>
    public static IReadOnlyList<string> EnsembleColumns { get; } =
        ["t", "step", .. Snapshot.StatisticNames, .. Snapshot.StatisticNames.SelectMany(n => new[] { n + "_std", n + "_q05", n + "_q95" }), "members", "u_aligned"];

    /// <summary>RFC 4180 with Unix line ends and invariant numbers.</summary>
    public static CsvWriterOptions Options { get; } = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>Writes the trajectory of <paramref name="result"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, SimulationResult result)
    {
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        if (result.Ensemble is { } ensemble) WriteEnsemble(csv, ensemble, result.Signs?.AlignedU);
        else WriteSingle(csv, result.Trajectory);
    }

    private static void WriteSingle(CsvWriter csv, IReadOnlyList<Snapshot> trajectory)
    {
        Header(csv, SingleRunColumns);
        foreach (var snapshot in trajectory)
        {
            csv.WriteField(Number(snapshot.Time));
            csv.WriteField(snapshot.Step.ToString(CultureInfo.InvariantCulture));
            foreach (Statistic k in Enum.GetValues<Statistic>()) csv.WriteField(Number(snapshot.Get(k)));
            csv.EndRecord();
        }
    }

    private static void WriteEnsemble(CsvWriter csv, EnsembleAggregate ensemble, double[]? alignedU)
    {
        Header(csv, EnsembleColumns);
        for (int c = 0; c < ensemble.CheckpointCount; c++)
        {
            int members = ensemble.Get(c, Statistic.S).Count;
            if (members == 0) break; // no member reached this checkpoint (all diverged or interrupted before it)
            csv.WriteField(Number(ensemble.Times[c]));
            csv.WriteField(ensemble.Steps[c].ToString(CultureInfo.InvariantCulture));
            foreach (Statistic k in Enum.GetValues<Statistic>()) csv.WriteField(Number(ensemble.Get(c, k).Mean));
            foreach (Statistic k in Enum.GetValues<Statistic>())
            {
                var band = ensemble.Get(c, k);
                csv.WriteField(Number(band.Std));
                csv.WriteField(Number(band.Q05));
                csv.WriteField(Number(band.Q95));
            }
            csv.WriteField(members.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Number(alignedU is not null && c < alignedU.Length ? alignedU[c] : double.NaN));
            csv.EndRecord();
        }
    }

    private static void Header(CsvWriter csv, IReadOnlyList<string> columns)
    {
        csv.WriteHeader(columns.ToArray());
    }

    /// <summary>Shortest round-trip form; NaN and ±inf as pandas reads them.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
