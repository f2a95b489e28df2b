using FastPR.Core.Engines;
using FastPR.Core.Model;
using FastPR.Core.Statistics;

namespace FastPR.Tests.Theory;

/// <summary>Shared helpers of the theory tests.</summary>
internal static class TheoryTestSupport
{
    /// <summary>Steps a fixed-step stepper from w(0) through the given times (multiples of its step) and records snapshots.</summary>
    public static Snapshot[] Record(IStepper stepper, double[] times)
    {
        var statistics = new ModelStatistics(stepper.Problem);
        var w = stepper.Problem.CopyInitialPoint();
        var snapshots = new Snapshot[times.Length];
        long step = 0;
        for (int k = 0; k < times.Length; k++)
        {
            long target = (long)Math.Round(times[k] / stepper.TimePerStep);
            for (; step < target; step++) stepper.Step(w);
            snapshots[k] = statistics.Snapshot(w, step * stepper.TimePerStep, step);
        }
        return snapshots;
    }

    /// <summary>|a/b − 1|.</summary>
    public static double RelativeError(double a, double b) => Math.Abs(a / b - 1);

    /// <summary>A problem with an explicit spectrum-normalised teacher (s* = 1) and initial point.</summary>
    public static Problem WithTeacher(ProblemSpec spec, double[] teacherDirection, double[] initial)
    {
        var lambda = new PowerLawSpectrum(spec.Dimension, spec.Exponent, spec.Normalized).Lambda;
        double norm2 = 0;
        for (int i = 0; i < teacherDirection.Length; i++) norm2 += lambda[i] * teacherDirection[i] * teacherDirection[i];
        var teacher = new double[teacherDirection.Length];
        for (int i = 0; i < teacher.Length; i++) teacher[i] = teacherDirection[i] / Math.Sqrt(norm2);
        return new Problem(spec, teacher, initial);
    }
}
