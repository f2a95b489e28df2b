using System.Runtime.InteropServices;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>fastpr_simulate and fastpr_run_*: an SGD ensemble, population GD or the gradient flow through Simulator.Run, read back as a table.</summary>
internal static unsafe class SimulationExports
{
    private const string Kind = "run";

    [UnmanagedCallersOnly(EntryPoint = "fastpr_simulate")]
    public static int Simulate(nint problem, int algorithm, int engine, int source, int batch, double eta, double sigma, long steps, double time,
        int records, int seeds, int threads, ulong seed, nint* run)
    {
        try
        {
            Buffers.Out(run, "run");
            var target = Handles.Get<Problem>(problem, ProblemExports.Kind);
            var spec = new SimulationSpec
            {
                Problem = double.IsNaN(sigma) ? target.Spec : target.Spec with { Sigma = sigma },
                Algorithm = Codes.Algorithm(algorithm),
                Engine = Codes.Engine(engine),
                Gaussians = Codes.Source(source),
                BatchSize = batch,
                LearningRate = eta,
                Steps = steps < 0 ? null : steps,
                Time = double.IsNaN(time) ? null : time,
                Records = records,
                Seeds = seeds,
                Threads = threads == 0 ? null : threads,
                Seed = seed,
            };
            *run = Handles.Add(new RunTable(Simulator.Run(spec)));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_simulate_options")]
    public static int SimulateOptions(nint problem, byte* options, nint monitor, nint* run)
    {
        try
        {
            Buffers.Out(run, "run");
            var target = Handles.Get<Problem>(problem, ProblemExports.Kind);
            var watch = monitor == 0 ? null : Handles.Get<RunMonitor>(monitor, MonitorExports.Kind);
            var parsed = RunOptions.Parse(Marshal.PtrToStringUTF8((nint)options) ?? "");
            var saved = parsed.ResumePath is string resume ? CheckpointFile.Read(resume) : null;
            // A resumed run is the checkpoint's; the keys given must repeat its values (the thread count may change).
            var baseline = saved is null ? new SimulationSpec { Problem = target.Spec } : saved.Spec with { Problem = target.Spec };
            var spec = parsed.Apply(baseline);
            try
            {
                spec.Validate();
            }
            catch (ArgumentException ex)
            {
                throw RunOptions.InCallerWords(ex);
            }
            if (saved?.Mismatch(spec) is string mismatch) throw new ArgumentException($"resume: {mismatch}", "resume");
            string? checkpoint = parsed.CheckpointPath ?? parsed.ResumePath;
            var checkpoints = checkpoint is null && saved is null && parsed.CheckpointEvery is null ? null : CheckpointFile.Options(checkpoint, parsed.CheckpointEvery, saved);
            SimulationResult result;
            try
            {
                result = Simulator.Run(spec, watch, watch?.Token ?? default, checkpoints);
            }
            catch (ArgumentException ex)
            {
                throw RunOptions.InCallerWords(ex);
            }
            if (checkpoint is not null && result.Status != RunStatus.Interrupted) CheckpointFile.Remove(checkpoint);
            *run = Handles.Add(new RunTable(result, checkpoint is not null && result.Status == RunStatus.Interrupted ? checkpoint : null));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_shape")]
    public static int Shape(nint run, long* rows, long* columns)
    {
        try
        {
            Buffers.Out(rows, "rows");
            Buffers.Out(columns, "columns");
            var table = Handles.Get<RunTable>(run, Kind);
            *rows = table.Rows;
            *columns = table.Columns.Length;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_columns")]
    public static int Columns(nint run, byte* buffer, long capacity, long* needed)
    {
        try
        {
            return Buffers.Text(string.Join(',', Handles.Get<RunTable>(run, Kind).Columns), buffer, capacity, needed);
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_table")]
    public static int Table(nint run, double* values, long length)
    {
        try
        {
            var table = Handles.Get<RunTable>(run, Kind);
            table.Values.CopyTo(Buffers.Doubles(values, length, table.Values.Length, "values"));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_members")]
    public static int Members(nint run, long* members)
    {
        try
        {
            Buffers.Out(members, "members");
            *members = Handles.Get<RunTable>(run, Kind).Members;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_member_shape")]
    public static int MemberShape(nint run, int member, long* rows, long* columns)
    {
        try
        {
            Buffers.Out(rows, "rows");
            Buffers.Out(columns, "columns");
            var table = Handles.Get<RunTable>(run, Kind).Member(member);
            *rows = table.Rows;
            *columns = table.Columns.Count;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_member_table")]
    public static int MemberTable(nint run, int member, double* values, long length)
    {
        try
        {
            var table = Handles.Get<RunTable>(run, Kind).Member(member);
            RunTable.Copy(table, Buffers.Doubles(values, length, (long)table.Rows * table.Columns.Count, "values"));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_info")]
    public static int Info(nint run, byte* buffer, long capacity, long* needed)
    {
        try
        {
            return Buffers.Text(Handles.Get<RunTable>(run, Kind).Info(), buffer, capacity, needed);
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_summary")]
    public static int Summary(nint run, byte* buffer, long capacity, long* needed)
    {
        try
        {
            return Buffers.Text(Handles.Get<RunTable>(run, Kind).Summary(), buffer, capacity, needed);
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_run_free")]
    public static int Free(nint run)
    {
        try
        {
            Handles.Remove<RunTable>(run, Kind);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }
}
