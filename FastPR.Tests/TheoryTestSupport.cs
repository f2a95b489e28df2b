using FastPR.Core;

namespace FastPR.Tests;

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

    /// <summary>Writes the driver's snapshots into an array, in order. Allocates nothing per snapshot.</summary>
    public sealed class ArraySink(Snapshot[] destination) : IRecordSink
    {
        public int Count { get; private set; }
        public void Record(in Snapshot snapshot, ReadOnlySpan<double> w) => destination[Count++] = snapshot;
    }

    /// <summary>The flow through <paramref name="times"/> (each ≥ <paramref name="startTime"/>) by the run driver; snapshots into <paramref name="destination"/>.</summary>
    public static RunResult Run(this LogTimeFlowIntegrator integrator, Span<double> w, ReadOnlySpan<double> times, Snapshot[] destination, double startTime = 0) =>
        Run(integrator, w, times, new ArraySink(destination), startTime);

    /// <summary>As above, into a sink made beforehand (so the run itself allocates nothing).</summary>
    public static RunResult Run(this LogTimeFlowIntegrator integrator, Span<double> w, ReadOnlySpan<double> times, ArraySink sink, double startTime = 0)
    {
        var advancer = new LogTimeFlowAdvancer(integrator, times, startTime);
        return RunDriver.Run(ref advancer, integrator.Problem, w, times.Length, sink);
    }

    /// <summary>Log-time GD from step 0 through <paramref name="steps"/> by the run driver; snapshots into <paramref name="destination"/>.</summary>
    public static RunResult Run(this LogTimeGdIntegrator integrator, Span<double> w, ReadOnlySpan<long> steps, Snapshot[] destination) =>
        Run(integrator, w, steps, new ArraySink(destination));

    /// <summary>As above, into a sink made beforehand.</summary>
    public static RunResult Run(this LogTimeGdIntegrator integrator, Span<double> w, ReadOnlySpan<long> steps, ArraySink sink)
    {
        var advancer = new LogTimeGdAdvancer(integrator, steps);
        return RunDriver.Run(ref advancer, integrator.Problem, w, steps.Length, sink);
    }

    /// <summary>|a/b − 1|.</summary>
    public static double RelativeError(double a, double b) => Math.Abs(a / b - 1);

    /// <summary>A problem with an explicit spectrum-normalised teacher (s* = 1) and initial point.</summary>
    public static Problem WithTeacher(ProblemSpec spec, double[] teacherDirection, double[] initial)
    {
        var lambda = Spectrum.PowerLaw(spec.Dimension, spec.Exponent, spec.Normalized).Lambda;
        double norm2 = 0;
        for (int i = 0; i < teacherDirection.Length; i++) norm2 += lambda[i] * teacherDirection[i] * teacherDirection[i];
        var teacher = new double[teacherDirection.Length];
        for (int i = 0; i < teacher.Length; i++) teacher[i] = teacherDirection[i] / Math.Sqrt(norm2);
        return new Problem(spec, teacher, initial);
    }
}
