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

    [MklFact]
    public void AutoBranchIsARealBranch() =>
        Assert.InRange(MklService.AutoBranch, MklCbwr.Sse2, MklCbwr.Avx512E1);

    // MKL's allocator pools freed buffers and counts only fresh allocations, so hold many streams at once to force some.
    [MklFact]
    public void PeakMemoryIsTrackedOnceEnabled()
    {
        MklService.EnablePeakMemoryTracking();
        var streams = new VslStream[100];
        try
        {
            for (int i = 0; i < streams.Length; i++)
            {
                streams[i] = VslStream.Create(VslBrng.Sfmt19937, (uint)i);
            }

            long peak = MklService.PeakMemoryBytes;
            Assert.True(peak > 0, $"peak {peak} while holding {streams.Length} SFMT streams");
            Assert.True(MklService.ResetPeakMemory() >= peak);
            Assert.True(MklService.PeakMemoryBytes >= 0);
        }
        finally
        {
            foreach (VslStream? stream in streams)
            {
                stream?.Dispose();
            }
        }
    }

    // After MKL's first computation the CNR mode is frozen: setting the mode in force is accepted, changing it is refused with -8.
    [MklFact]
    public void CbwrIsFrozenAfterTheFirstComputation()
    {
        Blas.Dot([1.0, 2.0], [3.0, 4.0]);
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
