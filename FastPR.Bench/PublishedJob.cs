using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace FastPR.Bench;

/// <summary>
/// The job BENCHMARKS.md is measured with, used whenever the command line shapes no job itself: one launch, 3 warm-ups and
/// 9 measured iterations of 250 ms each. Shorter iterations and more of them than BenchmarkDotNet's short job, because this
/// machine is shared: a preempted iteration moves the mean less. The whole suite takes about 10 minutes on 2 cores.
/// </summary>
public static class PublishedJob
{
    /// <summary>Command-line options after which the command line's own job is used instead.</summary>
    public static readonly string[] JobOptions =
        ["--job", "-j", "--iterationCount", "--warmupCount", "--iterationTime", "--launchCount", "--invocationCount", "--runOncePerIteration", "--minIterationCount", "--maxIterationCount"];

    /// <summary>The job.</summary>
    public static Job Job { get; } = Job.ShortRun
        .WithWarmupCount(3)
        .WithIterationCount(9)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("FastPR");

    /// <summary>The config to pass to BenchmarkDotNet: the published job unless the arguments choose one.</summary>
    public static IConfig? For(IEnumerable<string> arguments) =>
        arguments.Any(a => JobOptions.Contains(a, StringComparer.OrdinalIgnoreCase)) ? null : DefaultConfig.Instance.AddJob(Job);
}
