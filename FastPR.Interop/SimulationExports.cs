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
