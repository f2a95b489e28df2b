using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace FastPR.Tests.Bench;

/// <summary>
/// The CI smoke pass of FastPR.Bench without BenchmarkDotNet: every benchmark of every parameter set is set up, called
/// repeatedly on one instance, and must allocate 0 managed bytes per call after two warm-up calls. Allocation is
/// asserted; time never is (the stopwatch only caps how long a slow benchmark is repeated).
/// </summary>
public sealed class BenchmarkAllocationTests
{
    private const int WarmupCalls = 2;
    private const int MaxCalls = 2000;
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(150);

    public static TheoryData<string> ClassNames => [.. BenchmarkCases.Classes.Select(t => t.Name)];

    // Whole runs (an ensemble, a sweep, an sgd-ode prediction) allocate their results by design: they measure what a user waits
    // for, not a kernel, so the per-call allocation check does not apply to them.
    private static readonly string[] WholeRunClasses = ["ScalingBenchmarks", "SgdPredictionBenchmarks"];

    public static TheoryData<string> KernelClassNames => [.. BenchmarkCases.Classes.Select(t => t.Name).Except(WholeRunClasses)];

    [Fact]
    public void TheSuiteHasItsNineClasses()
    {
        Assert.Equal(
            ["GaussianSourceBenchmarks", "GradientFlowBenchmarks", "PopulationDynamicsBenchmarks", "PythonLoopBenchmarks", "ScalingBenchmarks", "SgdPredictionBenchmarks", "SgdStepBenchmarks", "StatisticsBenchmarks", "VectorWidthBenchmarks"],
            BenchmarkCases.Classes.Select(t => t.Name).Order());
    }

    [Theory]
    [MemberData(nameof(ClassNames))]
    public void EveryClass_HasMemoryDiagnoser_NoBackgroundGc_OneBaseline_AndNoIterationSetup(string className)
    {
        Type type = BenchmarkCases.Classes.Single(t => t.Name == className);
        Assert.NotNull(type.GetCustomAttribute<MemoryDiagnoserAttribute>());
        Assert.NotNull(type.GetCustomAttribute<GcConcurrentAttribute>()); // see BenchProblems
        Assert.Single(BenchmarkCases.BenchmarkMethods(type), m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);
        // Per-iteration hooks force one invocation per iteration and distort short operations; this test does not model them.
        Assert.DoesNotContain(type.GetMethods(), m => m.GetCustomAttribute<IterationSetupAttribute>() is not null
                                                      || m.GetCustomAttribute<IterationCleanupAttribute>() is not null);
    }

    [SkippableTheory]
    [MemberData(nameof(KernelClassNames))]
    public void EveryBenchmark_Runs_AndAllocatesNothingPerCall(string className)
    {
        MklRequirement.SkipUnlessAvailable(); // the suite benchmarks MKL next to the managed code
        Type type = BenchmarkCases.Classes.Single(t => t.Name == className);
        var failures = new List<string>();
        // Background GC is off for the whole test host (FastPR.Tests.csproj): one finishing during a long native call
        // charged this thread a few KB it never allocated (seen: 5.9–7.2 KB in about one run in two).
        RunAll(type, failures, out int cases);
        Assert.True(cases > 0);
        Assert.True(failures.Count == 0, "Allocating benchmarks:\n" + string.Join("\n", failures));
    }

    private static void RunAll(Type type, List<string> failures, out int cases)
    {
        cases = 0;
        foreach (var parameters in BenchmarkCases.ParameterGrid(type))
        {
            foreach (MethodInfo method in BenchmarkCases.BenchmarkMethods(type))
            {
                Assert.True(method.ReturnType == typeof(void), $"{type.Name}.{method.Name} must return void.");
                object instance = Activator.CreateInstance(type)!;
                foreach (var (property, value) in parameters) property.SetValue(instance, value);
                BenchmarkCases.GlobalSetup(instance, method);
                try
                {
                    long allocated = AllocatedOverCalls(method.CreateDelegate<Action>(instance), out int calls);
                    if (allocated != 0)
                        failures.Add($"{method.Name} [{BenchmarkCases.Describe(parameters)}]: {allocated} B over {calls} calls");
                    cases++;
                }
                finally
                {
                    BenchmarkCases.GlobalCleanup(instance, method);
                }
            }
        }
    }

    /// <summary>Bytes allocated on this thread by the measured calls (all of them, not an average).</summary>
    private static long AllocatedOverCalls(Action benchmark, out int calls)
    {
        for (int i = 0; i < WarmupCalls; i++) benchmark();
        var clock = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        calls = 0;
        do
        {
            benchmark();
            calls++;
        }
        while (calls < MaxCalls && clock.Elapsed < Budget);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
