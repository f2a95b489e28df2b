using System.Runtime.InteropServices;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>fastpr_statistics: the exact statistics of a state (s, u, loss, mse, one_minus_u, s2, u2).</summary>
internal static unsafe class StatisticsExports
{
    [UnmanagedCallersOnly(EntryPoint = "fastpr_statistics")]
    public static int Statistics(nint problem, double* w, long length, double* values, long count)
    {
        try
        {
            var target = Handles.Get<Problem>(problem, ProblemExports.Kind);
            var state = Buffers.Doubles(w, length, target.Dimension, "w");
            var destination = Buffers.Doubles(values, count, Snapshot.StatisticCount, "values");
            // A diverged state is a valid question: its statistics come out non-finite rather than as an error.
            var snapshot = new ModelStatistics(target).Snapshot(state, 0, 0);
            foreach (Statistic statistic in Enum.GetValues<Statistic>()) destination[(int)statistic] = snapshot.Get(statistic);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }
}
