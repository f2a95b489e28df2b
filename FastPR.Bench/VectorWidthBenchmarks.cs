using BenchmarkDotNet.Attributes;
using FastPR.Core;
using Width = FastPR.Core.SimdGaussianSource.LaneWidth;

namespace FastPR.Bench;

/// <summary>
/// The SIMD Philox/Box–Muller source on each vector path this machine runs (they give the same stream bit for bit), in ns
/// per normal: the 128-bit path is ARM64's (NEON), measured here on x86-64 with SSE2 + FMA against the 256- and 512-bit paths.
/// </summary>
[GcConcurrent(false)]
public class VectorWidthBenchmarks
{
    private readonly double[] _doubles = new double[GaussianSourceBenchmarks.BufferLength];
    private SimdGaussianSource _source = null!;

    /// <summary>64-bit lanes per register: 1 (scalar), 2 (128-bit), 4 (256-bit), 8 (512-bit).</summary>
    [Params(1, 2, 4, 8)]
    public int Lanes { get; set; }

    /// <summary>Opens the stream on the path, or fails the case where this machine cannot run it.</summary>
    [GlobalSetup]
    public void Setup() => _source = new SimdGaussianSource(SeedSequence.RunKey(BenchProblems.RunSeed), (Width)Lanes);

    /// <summary>Closes the stream.</summary>
    [GlobalCleanup]
    public void Cleanup() => _source.Dispose();

    /// <summary>Fills 65 536 normals.</summary>
    [Benchmark(OperationsPerInvoke = GaussianSourceBenchmarks.BufferLength)]
    public void Philox() => _source.Fill(_doubles);
}
