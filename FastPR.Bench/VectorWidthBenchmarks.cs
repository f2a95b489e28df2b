using BenchmarkDotNet.Attributes;
using FastPR.Core;
using Width = FastPR.Core.SimdGaussianSource.LaneWidth;

namespace FastPR.Bench;

/// <summary>
/// The managed kernels on each vector path this machine runs (every path gives the same bits): the Philox/Box–Muller and
/// ziggurat sources in ns per normal, and the fused sweeps of one projected step (Project + UpdateFromV) and of one explicit
/// step over four rows (Project + Accumulate) at d = 1000, in ns per sweep. The 128-bit path is ARM64's (NEON), measured
/// here on x86-64's 128-bit registers against the 256- and 512-bit paths. The sweeps have only 128- and 256-bit forms:
/// at Lanes = 2 they run the 128-bit one, at every other width the one this machine dispatches to (256-bit with AVX2).
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)]
public class VectorWidthBenchmarks
{
    private const int D = 1000;
    private const int Rows = 4;
    private readonly double[] _doubles = new double[GaussianSourceBenchmarks.BufferLength];
    private SimdGaussianSource _source = null!;
    private ZigguratGaussianSource _ziggurat = null!;
    private double[] _l = null!, _w = null!, _u = null!, _xi = null!, _g = null!, _t = null!, _gtr = null!;
    private readonly double[] _z = new double[Rows], _zStar = new double[Rows], _r = new double[Rows];

    /// <summary>64-bit lanes per register: 1 (scalar), 2 (128-bit), 4 (256-bit), 8 (512-bit).</summary>
    [ParamsSource(nameof(Widths))]
    public int Lanes { get; set; }

    /// <summary>The paths this machine runs (AVX-512 only where the CPU has it).</summary>
    public static IEnumerable<int> Widths => new[] { Width.Scalar, Width.Vector128, Width.Vector256, Width.Vector512 }
        .Where(SimdGaussianSource.IsSupported).Select(w => (int)w);

    /// <summary>Opens the streams on the path, or fails the case where this machine cannot run it; fills the sweeps' vectors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ulong key = SeedSequence.RunKey(BenchProblems.RunSeed);
        _source = new SimdGaussianSource(key, (Width)Lanes);
        _ziggurat = new ZigguratGaussianSource(key, (Width)Lanes);
        var random = new Random(7);
        double[] Fill(int n) => Enumerable.Range(0, n).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
        (_l, _w, _u, _xi, _t, _gtr, _g) = (Fill(D), Fill(D), Fill(D), Fill(D), Fill(D), new double[D], Fill(Rows * D));
        Fill(Rows).CopyTo(_r, 0);
    }

    /// <summary>Closes the streams.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _source.Dispose();
        _ziggurat.Dispose();
    }

    /// <summary>Fills 65 536 normals from Philox/Box–Muller.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = GaussianSourceBenchmarks.BufferLength)]
    public void Philox() => _source.Fill(_doubles);

    /// <summary>Fills 65 536 normals from the ziggurat.</summary>
    [Benchmark(OperationsPerInvoke = GaussianSourceBenchmarks.BufferLength)]
    public void Ziggurat() => _ziggurat.Fill(_doubles);

    /// <summary>The projected step's two sweeps (the tiny step sizes keep w bounded over any number of calls).</summary>
    [Benchmark]
    public void ProjectedSweeps()
    {
        if (Lanes == (int)Width.Vector128)
        {
            var p = ProjectedKernels.Project128(_l, _w, _u, _xi);
            ProjectedKernels.UpdateFromV128(_w, _l, 1e-9, p.VXi, _xi, -p.UV, _u, 1e-3);
        }
        else
        {
            var p = ProjectedKernels.Project(_l, _w, _u, _xi);
            ProjectedKernels.UpdateFromV(_w, _l, 1e-9, p.VXi, _xi, -p.UV, _u, 1e-3);
        }
    }

    /// <summary>The explicit step's two sweeps over four rows of G.</summary>
    [Benchmark]
    public void ExplicitSweeps()
    {
        if (Lanes == (int)Width.Vector128)
        {
            ExplicitKernels.Project128<double>(_g, Rows, _l, _w, _t, _z, _zStar);
            ExplicitKernels.Accumulate128<double>(_g, Rows, _r, _gtr, first: true, last: true, _l, -1e-9, _w);
        }
        else
        {
            ExplicitKernels.Project<double>(_g, Rows, _l, _w, _t, _z, _zStar);
            ExplicitKernels.Accumulate<double>(_g, Rows, _r, _gtr, first: true, last: true, _l, -1e-9, _w);
        }
    }
}
