using FastPR.Core;

namespace FastPR.Interop;

/// <summary>
/// The recorded trajectory of a simulation as a row-major table with trajectory.csv's columns: t, step, s, u, loss, mse,
/// one_minus_u, s2, u2 for a single run; for an ensemble the same (means), then each statistic's _std, _q05, _q95, then members,
/// then u_aligned (the mean of each member's u times the sign of its own final u).
/// </summary>
internal sealed class RunTable
{
    public RunTable(SimulationResult result)
    {
        Result = result;
        var names = Snapshot.StatisticNames;
        if (result.Ensemble is { } ensemble)
        {
            Columns = ["t", "step", .. names, .. names.SelectMany(n => new[] { n + "_std", n + "_q05", n + "_q95" }), "members", "u_aligned"];
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
                row[k] = alignedU is not null && c < alignedU.Length ? alignedU[c] : double.NaN;
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
    public string[] Columns { get; }
    public int Rows { get; }
    public double[] Values { get; }

    /// <summary>What the table does not hold, as key=value lines: stepper, source, status, and the steps at which a run diverged.</summary>
    public string Info() =>
        $"stepper={Result.Stepper}\nsource={Result.GaussianSource ?? ""}\nstatus={Result.Status.ToString().ToLowerInvariant()}\n" +
        $"diverged_at_step={(Result.DivergedAtStep is long s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}\n" +
        $"engine_reason={Result.EngineReason ?? ""}\n";
}
