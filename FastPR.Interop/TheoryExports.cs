using System.Runtime.InteropServices;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>fastpr_theory_*: the theory summary of a problem (ρ, c, T1, cutoff, …) and the Phase III prediction from a state.</summary>
internal static unsafe class TheoryExports
{
    private const string Kind = "theory";

    /// <summary>The number of values fastpr_theory_values writes (FASTPR_THEORY_COUNT).</summary>
    internal const int Count = 11;

    [UnmanagedCallersOnly(EntryPoint = "fastpr_theory_create")]
    public static int Create(nint problem, nint* theory)
    {
        try
        {
            Buffers.Out(theory, "theory");
            var target = Handles.Get<Problem>(problem, ProblemExports.Kind);
            *theory = Handles.Add(new TheoryHandle(target, TheorySummary.For(target)));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    /// <summary>In fastpr.h's order; NaN where the summary has no value (e.g. ρ without a growth rate).</summary>
    [UnmanagedCallersOnly(EntryPoint = "fastpr_theory_values")]
    public static int Values(nint theory, double* values, long count)
    {
        try
        {
            var s = Handles.Get<TheoryHandle>(theory, Kind).Summary;
            var destination = Buffers.Doubles(values, count, Count, "values");
            double?[] all = [s.Lambda1, s.Hda, s.SigmaStarSq, s.SStar, s.U0, s.Rho, s.C, s.T1Predicted, s.CutoffTime, s.TeacherAveragedExponent, s.BoundExponent];
            for (int i = 0; i < Count; i++) destination[i] = all[i] ?? double.NaN;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_theory_phase_three")]
    public static int PhaseThree(nint theory, double* w, long length, double startTime, double* times, double* mse, long count)
    {
        try
        {
            var problem = Handles.Get<TheoryHandle>(theory, Kind).Problem;
            var state = Buffers.Doubles(w, length, problem.Dimension, "w");
            Buffers.Finite(state, "w");
            var at = Buffers.Doubles(times, count, "times");
            var destination = Buffers.Doubles(mse, count, "mse");
            var prediction = new PhaseThreePrediction(problem, state, startTime);
            for (int i = 0; i < at.Length; i++) destination[i] = prediction.Mse(at[i]);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_theory_free")]
    public static int Free(nint theory)
    {
        try
        {
            Handles.Remove<TheoryHandle>(theory, Kind);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    private sealed record TheoryHandle(Problem Problem, TheorySummary Summary);
}
