using System.Globalization;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>
/// The recorded trajectory of a simulation as a row-major table: <see cref="TrajectoryTable"/>'s columns (trajectory.csv's),
/// then for an ensemble abs_u and its _std, _q05, _q95 (the band of |u| = s*·(1 − one_minus_u), mapped from one_minus_u's: the
/// map is linear and decreasing, so q05 comes from q95).
/// </summary>
internal sealed class RunTable
{
    private static readonly string[] AbsU = ["abs_u", "abs_u_std", "abs_u_q05", "abs_u_q95"];

    public RunTable(SimulationResult result, string? checkpoint = null)
    {
        Result = result;
        Checkpoint = checkpoint;
        var table = new TrajectoryTable(result);
        bool ensemble = result.Ensemble is not null;
        int shared = table.Columns.Count;
        Columns = ensemble ? [.. table.Columns, .. AbsU] : [.. table.Columns];
        Rows = table.Rows;
        Values = new double[Rows * Columns.Length];
        // one_minus_u's mean, and its _std, _q05, _q95 (consecutive, after the means).
        int residual = ensemble ? IndexOf(table.Columns, "one_minus_u") : -1, band = ensemble ? IndexOf(table.Columns, "one_minus_u_std") : -1;
        double sStar = result.Problem.SStar;
        for (int r = 0; r < Rows; r++)
        {
            var row = Values.AsSpan(r * Columns.Length, Columns.Length);
            table.Fill(r, row[..shared]);
            if (!ensemble) continue;
            double mean = row[residual], std = row[band], q05 = row[band + 1], q95 = row[band + 2];
            row[shared] = sStar * (1 - mean);
            row[shared + 1] = sStar * std;
            row[shared + 2] = sStar * (1 - q95);
            row[shared + 3] = sStar * (1 - q05);
        }
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
            if (columns[i] == name) return i;
        throw new InvalidOperationException($"no column {name}");
    }

    public SimulationResult Result { get; }
    /// <summary>The checkpoint file an interrupted run left to resume from, or null.</summary>
    public string? Checkpoint { get; }
    public string[] Columns { get; }
    public int Rows { get; }
    public double[] Values { get; }

    /// <summary>How many members the run has (1 for a single run, GD, the flow and the sgd-ode).</summary>
    public int Members => Result.Members.Length;

    /// <summary>Member <paramref name="member"/>'s own trajectory: <see cref="TrajectoryTable.SingleRunColumns"/>, one row per record it reached.</summary>
    public TrajectoryTable Member(int member) => TrajectoryTable.Member(Result, member);

    /// <summary>Copies <paramref name="table"/>, row-major, into <paramref name="values"/> (rows × columns exactly, checked).</summary>
    public static void Copy(TrajectoryTable table, Span<double> values)
    {
        int columns = table.Columns.Count;
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, table.Rows * columns, nameof(values));
        for (int r = 0; r < table.Rows; r++) table.Fill(r, values.Slice(r * columns, columns));
    }

    /// <summary>
    /// What the table does not hold, as key=value lines: stepper, source, status, the step at which a run diverged, why "auto" chose
    /// the engine, records asked and rows recorded with the reason when fewer, steps done, wall seconds, and the checkpoint left.
    /// </summary>
    public string Info() =>
        string.Create(CultureInfo.InvariantCulture,
            $"stepper={Result.Stepper}\nsource={Result.GaussianSource ?? ""}\nstatus={Result.Status.ToString().ToLowerInvariant()}\n" +
            $"diverged_at_step={(Result.DivergedAtStep is long s ? s.ToString(CultureInfo.InvariantCulture) : "")}\n" +
            $"engine_reason={Result.EngineReason ?? ""}\nrecords_requested={Result.Spec.Records}\nrecords={Rows}\n" +
            $"records_note={RecordsNote()}\nsteps_completed={Result.Timing.StepsCompleted}\nwall_seconds={Result.Timing.WallSeconds:R}\n" +
            $"checkpoint={Checkpoint ?? ""}\n");

    /// <summary>The run's analysis as summary.json holds it (RunSummary: the CLI writes the same document), built once on first use.</summary>
    public string Summary() => _summary ??= RunSummary.Serialize(RunSummary.Build(Result, RunSummary.StatusMessage(Result)));

    private string? _summary;

    /// <summary>Why there are fewer rows than records asked for ("" when there are not).</summary>
    private string RecordsNote()
    {
        int asked = Result.Spec.Records;
        if (Rows >= asked) return "";
        if (Result.Status == RunStatus.Interrupted) return $"{Rows} of {asked} records: the run was interrupted before the rest";
        if (Result.Status == RunStatus.Diverged) return $"{Rows} of {asked} records: the run diverged before the rest";
        if (Result.Spec.IsTimeBased) return $"{Rows} of {asked} records: the horizon's log-spaced grid holds only {Rows} distinct times";
        long steps = Result.Spec.Algorithm == AlgorithmKind.SgdSde ? (Result.Spec.TotalSteps + Result.Spec.SdeStride - 1) / Result.Spec.SdeStride : Result.Spec.TotalSteps;
        return $"{Rows} of {asked} records: records fall on whole steps, and {steps} steps give only {Rows} distinct log-spaced steps " +
            "(each small step is recorded once); run more steps, or ask for fewer records";
    }
}
