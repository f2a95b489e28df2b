namespace FastPR.Core;

/// <summary>
/// Which minimum each ensemble member went to: u_mean is meaningless when members split between ±w*, so each member's u is also
/// taken with the sign of its own final u.
/// </summary>
/// <param name="AlignedU">Per record, the mean over the finite members of u_m(t)·sign(u_m(final)).</param>
/// <param name="FractionTowardMinus">Fraction of the members whose final u is negative (toward −w*).</param>
public sealed record SignAlignment(double[] AlignedU, double FractionTowardMinus)
{
    /// <summary>From the members' trajectories (each member's last snapshot gives its sign).</summary>
    public static SignAlignment Of(IReadOnlyList<Snapshot[]> members, int records)
    {
        ArgumentNullException.ThrowIfNull(members);
        var sum = new double[records];
        var count = new int[records];
        int minus = 0, ended = 0;
        foreach (var trajectory in members)
        {
            if (trajectory.Length == 0) continue;
            ended++;
            double sign = trajectory[^1].U < 0 ? -1 : 1;
            if (sign < 0) minus++;
            for (int k = 0; k < Math.Min(records, trajectory.Length); k++)
            {
                sum[k] += sign * trajectory[k].U;
                count[k]++;
            }
        }
        var aligned = new double[records];
        for (int k = 0; k < records; k++) aligned[k] = count[k] > 0 ? sum[k] / count[k] : double.NaN;
        return new SignAlignment(aligned, ended > 0 ? (double)minus / ended : double.NaN);
    }
}
