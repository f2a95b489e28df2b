using BenchmarkDotNet.Attributes;
using FastPR.Core;
using FastPR.Native;

namespace FastPR.Bench;

/// <summary>
/// Nanoseconds per standard normal: each invocation fills a 65 536-element buffer and counts as that many operations,
/// so Mean reads as ns per Gaussian. The grid holds the candidates for the default VSL generator: MCG59, SFMT19937 and
/// PHILOX4X32X10 × ICDF and BOXMULLER2, in double (vdRngGaussian) and float (vsRngGaussian), the managed SIMD
/// Philox/Box–Muller source and the managed ziggurat (double and float); the baseline is the scalar managed Philox source.
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)] // see BenchProblems: background GCs mis-charge the benchmark thread
[ProcessCount(3)] // one process measured SFMT at 2.5 ns, others at 1.7: average over processes
public class GaussianSourceBenchmarks
{
    /// <summary>Normals per invocation: large enough to amortise the call, small enough (512 KiB of doubles) for L2.</summary>
    public const int BufferLength = 65536;

    private readonly double[] _doubles = new double[BufferLength];
    private readonly float[] _floats = new float[BufferLength];
    private VslStream _mcg59Icdf = null!, _mcg59BoxMuller2 = null!;
    private VslStream _sfmtIcdf = null!, _sfmtBoxMuller2 = null!;
    private VslStream _philoxIcdf = null!, _philoxBoxMuller2 = null!;
    private ManagedGaussianSource _managed = null!;
    private SimdGaussianSource _simd = null!;
    private ZigguratGaussianSource _ziggurat = null!;

    /// <summary>Opens one stream per generator and method, all from the same run key.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ulong key = SeedSequence.RunKey(BenchProblems.RunSeed);
        _managed = new ManagedGaussianSource(key);
        _simd = new SimdGaussianSource(key);
        _ziggurat = new ZigguratGaussianSource(key);
        ReadOnlySpan<uint> words = [(uint)key, (uint)(key >> 32)];
        _mcg59Icdf = VslStream.Create(VslBrng.Mcg59, words);
        _mcg59BoxMuller2 = VslStream.Create(VslBrng.Mcg59, words);
        _sfmtIcdf = VslStream.Create(VslBrng.Sfmt19937, words);
        _sfmtBoxMuller2 = VslStream.Create(VslBrng.Sfmt19937, words);
        _philoxIcdf = VslStream.Create(VslBrng.Philox4x32x10, words);
        _philoxBoxMuller2 = VslStream.Create(VslBrng.Philox4x32x10, words);
    }

    /// <summary>Closes the streams.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _managed.Dispose();
        _simd.Dispose();
        _ziggurat.Dispose();
        foreach (var stream in new[] { _mcg59Icdf, _mcg59BoxMuller2, _sfmtIcdf, _sfmtBoxMuller2, _philoxIcdf, _philoxBoxMuller2 }) stream.Dispose();
    }

    /// <summary>ManagedGaussianSource: scalar Philox4x32-10 + Box–Muller (the reference engine's source).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BufferLength)]
    public void Managed() => _managed.Fill(_doubles);

    /// <summary>SimdGaussianSource: the same Philox4x32-10 + Box–Muller mapping over 512- or 256-bit lanes.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void ManagedSimd() => _simd.Fill(_doubles);

    /// <summary>ZigguratGaussianSource: sixteen xoshiro256++ lanes and a 1024-layer SIMD ziggurat, double.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Ziggurat_Double() => _ziggurat.Fill(_doubles);

    /// <summary>ZigguratGaussianSource in float.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Ziggurat_Float() => _ziggurat.Fill(_floats);

    /// <summary>MCG59, ICDF, double.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Mcg59_Icdf_Double() => Double(_mcg59Icdf, VslGaussianMethod.Icdf);

    /// <summary>MCG59, ICDF, float.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Mcg59_Icdf_Float() => Float(_mcg59Icdf, VslGaussianMethod.Icdf);

    /// <summary>MCG59, BOXMULLER2, double.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Mcg59_BoxMuller2_Double() => Double(_mcg59BoxMuller2, VslGaussianMethod.BoxMuller2);

    /// <summary>MCG59, BOXMULLER2, float.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Mcg59_BoxMuller2_Float() => Float(_mcg59BoxMuller2, VslGaussianMethod.BoxMuller2);

    /// <summary>SFMT19937, ICDF, double.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Sfmt19937_Icdf_Double() => Double(_sfmtIcdf, VslGaussianMethod.Icdf);

    /// <summary>SFMT19937, ICDF, float.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Sfmt19937_Icdf_Float() => Float(_sfmtIcdf, VslGaussianMethod.Icdf);

    /// <summary>SFMT19937, BOXMULLER2, double.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Sfmt19937_BoxMuller2_Double() => Double(_sfmtBoxMuller2, VslGaussianMethod.BoxMuller2);

    /// <summary>SFMT19937, BOXMULLER2, float.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Sfmt19937_BoxMuller2_Float() => Float(_sfmtBoxMuller2, VslGaussianMethod.BoxMuller2);

    /// <summary>PHILOX4X32X10, ICDF, double.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Philox_Icdf_Double() => Double(_philoxIcdf, VslGaussianMethod.Icdf);

    /// <summary>PHILOX4X32X10, ICDF, float.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Philox_Icdf_Float() => Float(_philoxIcdf, VslGaussianMethod.Icdf);

    /// <summary>PHILOX4X32X10, BOXMULLER2, double.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Philox_BoxMuller2_Double() => Double(_philoxBoxMuller2, VslGaussianMethod.BoxMuller2);

    /// <summary>PHILOX4X32X10, BOXMULLER2, float.</summary>
    [Benchmark(OperationsPerInvoke = BufferLength)]
    public void Philox_BoxMuller2_Float() => Float(_philoxBoxMuller2, VslGaussianMethod.BoxMuller2);

    private void Double(VslStream stream, VslGaussianMethod method) => stream.Gaussian(_doubles, 0, 1, method);

    private void Float(VslStream stream, VslGaussianMethod method) => stream.Gaussian(_floats, 0, 1, method);
}
