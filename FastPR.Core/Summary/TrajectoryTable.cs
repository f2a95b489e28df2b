namespace FastPR.Core;

/// <summary>
/// The recorded trajectory of a run as a table, the one definition behind trajectory.csv and libfastpr's run table. A single
/// run has the columns t, step, s, u, loss, mse, one_minus_u, s2, u2. An ensemble has the same columns, holding the means over
/// the members finite at that record (so a script reads "u" from either), then each statistic's _std, _q05 and _q95, then
/// members (how many contributed), then u_aligned: the mean of each member's u times the sign of its own final u (the raw
/// mean u is meaningless when members split between ±w*). An ensemble's table ends at the first record no member reached.
/// </summary>
public sealed class TrajectoryTable
{
    private readonly Snapshot[] _trajectory;
    private readonly EnsembleAggregate? _ensemble;
    private readonly double[]? _alignedU;

    /// <summary>The table of <paramref name="result"/>.</summary>
    public TrajectoryTable(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _trajectory = result.Trajectory;
        if (result.Ensemble is { } ensemble)
        {
            _ensemble = ensemble;
            _alignedU = result.Signs?.AlignedU;
            Columns = EnsembleColumns;
            int rows = 0;
            while (rows < ensemble.RecordCount && ensemble.Get(rows, Statistic.S).Count > 0) rows++;
            Rows = rows;
        }
        else
        {
            Columns = SingleRunColumns;
            Rows = result.Trajectory.Length;
        }
    }

    private TrajectoryTable(Snapshot[] trajectory)
    {
        _trajectory = trajectory;
        Columns = SingleRunColumns;
        Rows = trajectory.Length;
    }

    /// <summary>
    /// Member <paramref name="member"/>'s own trajectory with <see cref="SingleRunColumns"/>, one row per record it reached: a
    /// single run's table for member 0 of a run of one member.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="member"/> is not in [0, members).</exception>
    public static TrajectoryTable Member(SimulationResult result, int member)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (member < 0 || member >= result.Members.Length)
            throw new ArgumentOutOfRangeException(nameof(member), member, $"member must lie in [0, {result.Members.Length}) (got {member}).");
        return new TrajectoryTable(result.Members[member].Trajectory);
    }

    /// <summary>The columns of a single run.</summary>
    public static IReadOnlyList<string> SingleRunColumns { get; } = ["t", "step", .. Snapshot.StatisticNames];

    /// <summary>The columns of an ensemble.</summary>
    public static IReadOnlyList<string> EnsembleColumns { get; } =
        ["t", "step", .. Snapshot.StatisticNames, .. Snapshot.StatisticNames.SelectMany(n => new[] { n + "_std", n + "_q05", n + "_q95" }), "members", "u_aligned"];

    /// <summary>This table's columns: <see cref="SingleRunColumns"/> or <see cref="EnsembleColumns"/>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows: one per record reached.</summary>
    public int Rows { get; }

    /// <summary>The step (or leap) count of row <paramref name="row"/>, exactly (the "step" column holds it as a double).</summary>
    public long Step(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return _ensemble is { } ensemble ? ensemble.Steps[row] : _trajectory[row].Step;
    }

    /// <summary>Writes row <paramref name="row"/> into <paramref name="values"/> (length <see cref="Columns"/>.Count), in column order.</summary>
    public void Fill(int row, Span<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, Columns.Count, nameof(values));
        int k = 0;
        if (_ensemble is not { } ensemble)
        {
            var snapshot = _trajectory[row];
            values[k++] = snapshot.Time;
            values[k++] = snapshot.Step;
            foreach (Statistic statistic in Enum.GetValues<Statistic>()) values[k++] = snapshot.Get(statistic);
            return;
        }
        values[k++] = ensemble.Times[row];
        values[k++] = ensemble.Steps[row];
        foreach (Statistic statistic in Enum.GetValues<Statistic>()) values[k++] = ensemble.Get(row, statistic).Mean;
        foreach (Statistic statistic in Enum.GetValues<Statistic>())
        {
            var band = ensemble.Get(row, statistic);
            values[k++] = band.Std;
            values[k++] = band.Q05;
            values[k++] = band.Q95;
        }
        values[k++] = ensemble.Get(row, Statistic.S).Count;
        double[]? alignedU = _alignedU;
        values[k] = alignedU is not null && row < alignedU.Length ? alignedU[row] : double.NaN;
    }
}
