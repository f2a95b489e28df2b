using System.Globalization;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>
/// The recorded trajectory of a simulation as a row-major table with trajectory.csv's columns: t, step, s, u, loss, mse,
/// one_minus_u, s2, u2 for a single run; for an ensemble the same (means), then each statistic's _std, _q05, _q95, then members,
/// then u_aligned (the mean of each member's u times the sign of its own final u), then abs_u and its _std, _q05, _q95 (the
/// band of |u| = s*·(1 − one_minus_u), mapped from one_minus_u's: the map is linear and decreasing, so q05 comes from q95).
/// </summary>
internal sealed class RunTable
{
    public RunTable(SimulationResult result, string? checkpoint = null)
    {
        Result = result;
        Checkpoint = checkpoint;
        double sStar = result.Problem.SStar;
        var names = Snapshot.StatisticNames;
        if (result.Ensemble is { } ensemble)
        {
            Columns = ["t", "step", .. names, .. names.SelectMany(n => new[] { n + "_std", n + "_q05", n + "_q95" }), "members", "u_aligned", "abs_u", "abs_u_std", "abs_u_q05", "abs_u_q95"];
            double[]? alignedU = result.Signs?.AlignedU;
            int rows = 0;
            // As the CSV: stop at the first checkpoint no member reached (all diverged before it).
            while (rows < ensemble.CheckpointCount && ensemble.Get(rows, Statistic.S).Count > 0) rows++;
            Values = new double[rows * Columns.Length];
            for (int c = 0; c < rows; c++)
            {
                var row = Values.AsSpan(c * Columns.Length, Columns.Length);
                row[0] = ensemble.Times[c];
                row[1] = ensemble.Steps[c];
                int k = 2;
                foreach (Statistic statistic in Enum.GetValues<Statistic>()) row[k++] = ensemble.Get(c, statistic).Mean;
                foreach (Statistic statistic in Enum.GetValues<Statistic>())
                {
                    var band = ensemble.Get(c, statistic);
                    row[k++] = band.Std;
                    row[k++] = band.Q05;
                    row[k++] = band.Q95;
                }
                row[k++] = ensemble.Get(c, Statistic.S).Count;
                row[k++] = alignedU is not null && c < alignedU.Length ? alignedU[c] : double.NaN;
                var residual = ensemble.Get(c, Statistic.OneMinusU);
                row[k++] = sStar * (1 - residual.Mean);
                row[k++] = sStar * residual.Std;
                row[k++] = sStar * (1 - residual.Q95);
                row[k] = sStar * (1 - residual.Q05);
            }
            Rows = rows;
        }
        else
        {
            Columns = ["t", "step", .. names];
            Rows = result.Trajectory.Length;
            Values = new double[Rows * Columns.Length];
            for (int c = 0; c < Rows; c++)
            {
                var snapshot = result.Trajectory[c];
                var row = Values.AsSpan(c * Columns.Length, Columns.Length);
                row[0] = snapshot.Time;
                row[1] = snapshot.Step;
                int k = 2;
                foreach (Statistic statistic in Enum.GetValues<Statistic>()) row[k++] = snapshot.Get(statistic);
            }
        }
    }

    public SimulationResult Result { get; }
    /// <summary>The checkpoint file an interrupted run left to resume from, or null.</summary>
    public string? Checkpoint { get; }
    public string[] Columns { get; }
    public int Rows { get; }
    public double[] Values { get; }

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
