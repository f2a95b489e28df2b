using System.Diagnostics;
using FastPR.Core;

namespace FastPR.Cli.Commands;

/// <summary>A count of operations over an elapsed wall-clock time.</summary>
/// <param name="Operations">Steps or normals completed.</param>
/// <param name="Seconds">Elapsed wall-clock seconds.</param>
public readonly record struct Measurement(long Operations, double Seconds)
{
    /// <summary>Operations per second.</summary>
    public double PerSecond => Operations / Seconds;
    /// <summary>Nanoseconds per operation.</summary>
    public double NanosecondsPerOperation => Seconds * 1e9 / Operations;
}

/// <summary>
/// Quick single-threaded Stopwatch throughput: a warm-up (JIT, caches, MKL dispatch), then as many whole batches as fit in the
/// time budget. Not a substitute for BenchmarkDotNet (no outlier rejection or confidence intervals); use it for ratios measured
/// back to back in one process.
/// </summary>
internal static class Throughput
{
    /// <summary>Steps of <paramref name="engine"/> per second, stepping a copy of the problem's initial point.</summary>
    public static Measurement Steps(ISgdEngine engine, double seconds, double warmupSeconds)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var w = engine.Problem.CopyInitialPoint();
        return Measure(() => engine.Step(w), seconds, warmupSeconds);
    }

    /// <summary>Normals of <paramref name="source"/> per second, filling a buffer of <paramref name="bufferLength"/>.</summary>
    public static Measurement Gaussians(IGaussianSource source, int bufferLength, double seconds, double warmupSeconds)
    {
        ArgumentNullException.ThrowIfNull(source);
        var buffer = new double[bufferLength];
        var m = Measure(() => source.Fill(buffer), seconds, warmupSeconds);
        return m with { Operations = m.Operations * bufferLength };
    }

    private static Measurement Measure(Action operation, double seconds, double warmupSeconds)
    {
        if (!(seconds > 0) || !double.IsFinite(seconds)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds must be finite and > 0.");
        if (!(warmupSeconds >= 0) || !double.IsFinite(warmupSeconds)) throw new ArgumentOutOfRangeException("warmup", warmupSeconds, "warmup must be finite and ≥ 0.");
        var clock = Stopwatch.StartNew();
        do operation(); while (clock.Elapsed.TotalSeconds < warmupSeconds);
        // Time batches of growing size so the clock is read rarely compared with the work.
        long done = 0, batch = 1;
        clock.Restart();
        while (true)
        {
            for (long k = 0; k < batch; k++) operation();
            done += batch;
            double elapsed = clock.Elapsed.TotalSeconds;
            if (elapsed >= seconds) return new Measurement(done, elapsed);
            if (elapsed < seconds / 10) batch *= 2;
        }
    }
}
