using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Service functions: version, threads, peak memory and the CNR (CBWR) rules MKL 2020 enforces.</summary>
[Collection(MklGlobalStateCollection.Name)]
public class MklServiceTests
{
    [MklFact]
    public void VersionIsConsistent()
    {
        string version = MklService.Version;
        Assert.False(string.IsNullOrWhiteSpace(version));
        Assert.Matches("[0-9]", version);
        Version number = MklService.VersionNumber;
        Assert.True(number.Major >= 2017, $"MKL {number} is older than FastPR supports");
        Assert.Contains(number.ToString(), version, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(MklService.Build));
        Assert.Contains(MklService.Build, version, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(MklService.CodePath));
    }

    [MklFact]
    public void SequentialLayerMeansOneThread()
    {
        Assert.Equal("sequential", MklService.ThreadingLayer);
        Assert.Equal(1, MklService.MaxThreads);
    }

    // MKL names a real branch when it runs ISA-specific kernels (an Intel CPU, or the fast path elsewhere); with its generic
    // kernels on a non-Intel CPU it answers Auto (seen on AMD EPYC Zen 3 and Zen 4 with MKL 2020.4).
    [MklFact]
    public void AutoBranchFollowsTheKernelsInForce()
    {
        bool isaKernels = MklService.Startup.Dispatch == MklCpuDispatch.FastPath
            || (MklService.Startup.Dispatch == MklCpuDispatch.MklDefault && CpuInfo.IsIntel);
        if (isaKernels)
        {
            Assert.InRange(MklService.AutoBranch, MklCbwr.Sse2, MklCbwr.Avx512E1);
        }
        else
        {
            Assert.Equal(MklCbwr.Auto, MklService.AutoBranch);
        }
    }

    // MKL's counters are process-wide and pool-based: after other tests have created and freed streams, the count after a
    // reset can even go negative (seen: −512, −168), so only the wrapper's plumbing is asserted here: on, counting, off.
    [MklFact]
    public void PeakMemoryTrackingTurnsOnAndOff()
    {
        MklService.EnablePeakMemoryTracking();
        using (VslStream.Create(VslBrng.Sfmt19937, 1u))
        {
            Assert.NotEqual(-1, MklService.PeakMemoryBytes);
        }
        MklService.DisablePeakMemoryTracking();
        Assert.Equal(-1, MklService.PeakMemoryBytes);
    }

    // After MKL's first computation the CNR mode is frozen: setting the mode in force is accepted, changing it is refused with -8.
    [MklFact]
    public void CbwrIsFrozenAfterTheFirstComputation()
    {
        double[] y = new double[1];
        Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, 1, 2, 1.0, [1.0, 2.0], 2, [3.0, 4.0], 0.0, y);
        MklCbwr current = MklService.GetCbwr();
        Assert.True(Enum.IsDefined(current), $"CBWR mode {(int)current} is not a known MklCbwr");

        MklService.SetCbwr(current);
        Assert.Equal(current, MklService.GetCbwr());

        MklCbwr other = current == MklCbwr.Compatible ? MklCbwr.Auto : MklCbwr.Compatible;
        var ex = Assert.Throws<MklException>(() => MklService.SetCbwr(other));
        Assert.Equal(-8, ex.Status);
        Assert.Contains("MKL_CBWR_ERR_MODE_CHANGE_FAILURE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MKL_CBWR", ex.Call, StringComparison.Ordinal);
        Assert.Equal(current, MklService.GetCbwr());
    }

    // A fresh process can choose the mode up front; COMPATIBLE switches MKL to its generic code path.
    [MklFact]
    public void CbwrFromTheEnvironmentSelectsTheCompatiblePath()
    {
        var result = FastprProcess.Run(new Dictionary<string, string> { ["MKL_CBWR"] = "COMPATIBLE" }, "info");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Matches(@"MKL CNR mode\s+Compatible", result.Stdout);
        Assert.Contains("Intel(R) Architecture processors", result.Stdout, StringComparison.Ordinal);
    }
}
