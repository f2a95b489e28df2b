namespace FastPR.Core;

/// <summary>Log-spaced output times for the log-time integrators (the continuous-time analogue of <see cref="RecordSchedule"/>).</summary>
internal static class LogTimeGrid
{
    /// <summary>
    /// <paramref name="count"/> ≥ 2 geometrically spaced times from <paramref name="first"/> &gt; 0 to <paramref name="last"/> &gt; first
    /// (both included exactly), preceded by 0 when <paramref name="includeZero"/>.
    /// </summary>
    public static double[] LogSpaced(double first, double last, int count, bool includeZero = false)
    {
        Guard.FinitePositive(first, nameof(first));
        Guard.FinitePositive(last, nameof(last));
        if (last <= first) throw new ArgumentOutOfRangeException(nameof(last), last, $"last must be > first = {first}.");
        Guard.AtLeast(count, 2, nameof(count));
        int offset = includeZero ? 1 : 0;
        var times = new double[count + offset];
        double logFirst = DeterministicMath.Log(first), logRatio = DeterministicMath.Log(last / first);
        for (int k = 0; k < count; k++) times[offset + k] = DeterministicMath.Exp(logFirst + logRatio * k / (count - 1));
        times[offset] = first;
        times[^1] = last;
        return times;
    }
}
