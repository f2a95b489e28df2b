namespace FastPR.Core;

/// <summary>Log-spaced record steps: step 0, then roughly geometric steps up to the last, without duplicates.</summary>
public static class RecordSchedule
{
    /// <summary>
    /// Up to <paramref name="count"/> distinct steps in [0, <paramref name="totalSteps"/>], always including 0 and the last step.
    /// Fewer are returned when small step numbers collide after rounding.
    /// </summary>
    public static long[] LogSpaced(long totalSteps, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (totalSteps == 0) return [0];
        if (count == 2) return [0, totalSteps];
        var steps = new List<long>(count) { 0 };
        double logMax = DeterministicMath.Log(totalSteps);
        // Geometric points totalSteps^(j/(count−2)) for j < count − 2; the last one (j = count − 2) is totalSteps itself,
        // appended exactly, because exp(log N) can round below N for huge N and would then cost an extra record.
        for (int j = 0; j < count - 2; j++)
        {
            double value = Math.Round(DeterministicMath.Exp(logMax * j / (count - 2)));
            long step = value >= totalSteps ? totalSteps : Math.Max(1, (long)value);
            if (step > steps[^1]) steps.Add(step);
        }
        if (steps[^1] != totalSteps) steps.Add(totalSteps);
        return steps.ToArray();
    }
}
