using System.Runtime.InteropServices;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>fastpr_engine_*: one SGD engine (kind, source, B, η, σ, seed, member) stepping a caller's w in place.</summary>
internal static unsafe class EngineExports
{
    private const string Kind = "engine";

    [UnmanagedCallersOnly(EntryPoint = "fastpr_engine_create")]
    public static int Create(nint problem, int kind, int source, int batch, double eta, double sigma, ulong seed, int member, nint* engine)
    {
        try
        {
            Buffers.Out(engine, "engine");
            var target = WithSigma(Handles.Get<Problem>(problem, ProblemExports.Kind), sigma);
            if (member < 0) throw new ArgumentOutOfRangeException(nameof(member), member, $"member must be ≥ 0 (got {member}).");
            var settings = new SgdSettings(batch, eta);
            settings.Validate();
            // As Simulator.Run picks them, so member m of a simulation and an engine made here follow the same path.
            var choice = SgdEngines.Choose(Codes.Engine(kind), target, batch);
            var gaussians = GaussianSources.Create(Codes.Source(source), seed, member);
            try
            {
                *engine = Handles.Add(new EngineHandle(SgdEngines.Create(choice.Kind, target, settings, gaussians), gaussians.Name, choice.Reason));
            }
            catch
            {
                gaussians.Dispose();
                throw;
            }
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_engine_step")]
    public static int Step(nint engine, double* w, long length, long steps)
    {
        try
        {
            var handle = Handles.Get<EngineHandle>(engine, Kind);
            var state = Buffers.Doubles(w, length, handle.Engine.Problem.Dimension, "w");
            if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be ≥ 0 (got {steps}).");
            // O(d) against the steps' O(steps·B·d): a NaN or inf in w is a caller's bug, better named than propagated.
            Buffers.Finite(state, "w");
            handle.Step(state, steps);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_engine_info")]
    public static int Info(nint engine, byte* buffer, long capacity, long* needed)
    {
        try
        {
            var handle = Handles.Get<EngineHandle>(engine, Kind);
            var e = handle.Engine;
            string text = $"engine={e.Name}\nsource={handle.Source}\nbatch={e.BatchSize}\neta={e.LearningRate:R}\nsigma={e.Problem.Sigma:R}\n" +
                $"gaussians_per_step={e.GaussiansPerStep}\nreason={handle.Reason}\n";
            return Buffers.Text(text, buffer, capacity, needed);
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_engine_free")]
    public static int Free(nint engine)
    {
        if (engine == 0) return Status.Ok;
        try
        {
            Handles.Get<EngineHandle>(engine, Kind).Dispose(); // fails while another thread steps it, leaving the handle live
            Handles.Remove<EngineHandle>(engine, Kind);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    /// <summary>The problem with label noise σ, or the problem itself when σ is NaN (its own σ); teacher and w(0) stay the same.</summary>
    internal static Problem WithSigma(Problem problem, double sigma) =>
        double.IsNaN(sigma) || sigma == problem.Sigma ? problem
        : new Problem(problem.Spec with { Sigma = sigma }, problem.Teacher, problem.InitialPoint);
}
