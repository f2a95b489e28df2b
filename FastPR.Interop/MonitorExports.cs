using System.Runtime.InteropServices;

namespace FastPR.Interop;

/// <summary>fastpr_monitor_*: cancel a running fastpr_simulate_options from another thread and poll its progress.</summary>
internal static unsafe class MonitorExports
{
    internal const string Kind = "monitor";

    [UnmanagedCallersOnly(EntryPoint = "fastpr_monitor_create")]
    public static int Create(nint* monitor)
    {
        try
        {
            Buffers.Out(monitor, "monitor");
            *monitor = Handles.Add(new RunMonitor());
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_monitor_cancel")]
    public static int Cancel(nint monitor)
    {
        try
        {
            Handles.Get<RunMonitor>(monitor, Kind).Cancel();
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_monitor_progress")]
    public static int Progress(nint monitor, double* fraction, double* time, long* steps, long* reports)
    {
        try
        {
            Buffers.Out(fraction, "fraction");
            Buffers.Out(time, "time");
            Buffers.Out(steps, "steps");
            Buffers.Out(reports, "reports");
            var (latest, count) = Handles.Get<RunMonitor>(monitor, Kind).Read();
            *fraction = latest.Fraction;
            *time = latest.Time;
            *steps = latest.Steps;
            *reports = count;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_monitor_free")]
    public static int Free(nint monitor)
    {
        try
        {
            Handles.Remove<RunMonitor>(monitor, Kind)?.Dispose();
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }
}
