using System.Text.Json;
using FastPR.Cli.Output;

namespace FastPR.Cli.Sweep;

/// <summary>
/// The lease file of a running sweep point, DIR/.points/&lt;point&gt;.lease: who runs it and when it last said so.
/// </summary>
/// <param name="Token">Unique to the runner that holds it.</param>
/// <param name="Host">Machine of the runner.</param>
/// <param name="Pid">Process of the runner.</param>
/// <param name="Job">The Slurm job and array task ("123_4"), if any.</param>
/// <param name="Started">When the runner took the lease (UTC).</param>
/// <param name="Renewed">When the runner last renewed it (UTC).</param>
internal sealed record PointLeaseRecord(string Token, string Host, int Pid, string? Job, DateTime Started, DateTime Renewed)
{
    /// <summary>Whether the runner renewed it within <see cref="PointLease.Expiry"/> of <paramref name="now"/>.</summary>
    public bool IsLive(DateTime now) => now - Renewed < PointLease.Expiry;

    /// <summary>"job 123_4 (pid 77 on node1)", or "pid 77 on node1" outside Slurm, or "a runner writing its lease".</summary>
    public string Holder => Token.Length == 0 ? "a runner writing its lease" : Job is null ? $"pid {Pid} on {Host}" : $"job {Job} (pid {Pid} on {Host})";
}

/// <summary>
/// One runner per sweep point, across processes, Slurm tasks and machines sharing the sweep folder: a runner takes the point's
/// lease before running it and renews it every <see cref="RenewEvery"/>; another runner skips a point whose lease is live and
/// takes over one whose lease has not been renewed for <see cref="Expiry"/> (its runner died), continuing from the checkpoint.
/// A new lease is created exclusively (O_EXCL); an expired one is replaced by rename and read back after a pause, so of two
/// runners taking it over at once one sees the other's token and steps back. A runner that finds a foreign token when renewing
/// has lost the point and stops it.
/// </summary>
internal sealed class PointLease : IDisposable
{
    public const string FolderName = ".points";

    /// <summary>How often the running point renews its lease.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    /// <summary>A lease not renewed for this long belongs to a dead runner.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan TakeoverPause = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly Timer _timer;
    private readonly Action _lost;
    private readonly object _gate = new();
    private PointLeaseRecord _record;
    private bool _disposed;

    private PointLease(string path, PointLeaseRecord record, Action lost)
    {
        _path = path;
        _record = record;
        _lost = lost;
        _timer = new Timer(_ => Renew(), null, RenewEvery, RenewEvery);
    }

    /// <summary>DIR/.points/&lt;point&gt;.lease.</summary>
    public static string PathFor(string directory, string point) => Path.Combine(directory, FolderName, point + ".lease");

    /// <summary>
    /// The lease at <paramref name="path"/>, or null when there is none. A lease being written (empty, partial, or locked by the
    /// runner creating it) counts as renewed when the file was last written.
    /// </summary>
    public static PointLeaseRecord? Read(string path)
    {
        DateTime written = File.GetLastWriteTimeUtc(path);
        if (written.Year < 1700) return null; // no such file
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            text = ""; // a sharing violation: another runner is creating it
        }
        try
        {
            if (JsonSerializer.Deserialize(text, SummaryJson.Context.PointLeaseRecord) is { } record) return record;
        }
        catch (JsonException)
        {
        }
        return new PointLeaseRecord("", "?", 0, null, written, written);
    }

    /// <summary>
    /// Takes the lease of <paramref name="point"/>, or returns null and the live lease of the runner that holds it.
    /// <paramref name="lost"/> is called (on a timer thread) if another runner takes the lease over while this one holds it.
    /// </summary>
    public static PointLease? TryAcquire(string directory, string point, string? job, Action lost, out PointLeaseRecord? holder)
    {
        string path = PathFor(directory, point);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var now = DateTime.UtcNow;
        var mine = new PointLeaseRecord(Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId, job, now, now);
        holder = null;
        try
        {
            // O_EXCL makes it exclusive; FileShare.Read lets others read it meanwhile (None would flock it against their reads).
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(mine, SummaryJson.Context.PointLeaseRecord));
            }
            return new PointLease(path, mine, lost);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        var current = Read(path);
        if (current is not null && current.IsLive(DateTime.UtcNow))
        {
            holder = current;
            return null;
        }
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(mine, SummaryJson.Context.PointLeaseRecord));
        Thread.Sleep(TakeoverPause);
        var after = Read(path);
        if (after is null || after.Token != mine.Token)
        {
            holder = after ?? current;
            return null;
        }
        return new PointLease(path, mine, lost);
    }

    /// <summary>Renews the lease, or stops the point when another runner's token is there.</summary>
    private void Renew()
    {
        lock (_gate)
        {
            if (_disposed) return;
            var current = Read(_path);
            if (current is null || current.Token != _record.Token)
            {
                _disposed = true;
                _timer.Dispose();
                _lost();
                return;
            }
            _record = _record with { Renewed = DateTime.UtcNow };
            try
            {
                AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(_record, SummaryJson.Context.PointLeaseRecord));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A missed renewal costs nothing until Expiry passes; the next one may succeed.
            }
        }
    }

    /// <summary>Stops renewing and removes the lease if it is still this runner's.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _timer.Dispose();
            if (Read(_path) is { } current && current.Token == _record.Token)
            {
                try
                {
                    File.Delete(_path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Left behind, it expires.
                }
            }
        }
    }
}
