using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>
/// The kernels and CNR mode chosen when MKL loads. In-process tests see this process's choice; child processes show each
/// setting. No test assumes a vendor: where MKL's behaviour differs by vendor, each vendor's documented behaviour is asserted.
/// </summary>
public class MklStartupTests
{
    private const string GenericPath = "Intel(R) Architecture processors";

    private static bool FastPathOptedOut => Environment.GetEnvironmentVariable(MklLibrary.AmdFastPathVariable) == "0";

    [SkippableFact]
    public void EveryCpuGetsTheKernelsOfItsIsa_ByDefault()
    {
        MklRequirement.SkipUnlessAvailable();
        Skip.If(FastPathOptedOut || Environment.GetEnvironmentVariable(MklLibrary.ForceGenericVariable) == "1", "kernels overridden in this environment");
        MklStartupReport startup = MklService.Startup;
        Assert.Equal(CpuInfo.IsIntel ? MklCpuDispatch.MklDefault : MklCpuDispatch.FastPath, startup.Dispatch);
        Assert.NotEqual(GenericPath, MklService.CodePath);
        Assert.Contains(CpuInfo.IsIntel ? "Intel CPU" : "fast path on", startup.DispatchNote, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void CnrAutoIsInForce_ByDefault()
    {
        MklRequirement.SkipUnlessAvailable();
        Skip.If(Environment.GetEnvironmentVariable("MKL_CBWR") is { Length: > 0 } || Environment.GetEnvironmentVariable(MklLibrary.CnrVariable) is { Length: > 0 },
            "CNR mode overridden in this environment");
        Assert.Equal(MklCbwr.Auto, MklService.Startup.CnrRequested);
        Assert.Equal(MklCbwr.Auto, MklService.GetCbwr());
    }

    [MklFact]
    public void FastPathOptOut_LeavesMklsOwnDispatch()
    {
        var result = Info((MklLibrary.AmdFastPathVariable, "0"));
        Assert.Contains("MklDefault", result, StringComparison.Ordinal);
        if (CpuInfo.IsIntel)
        {
            Assert.DoesNotContain(GenericPath, result, StringComparison.Ordinal);
        }
        else
        {
            Assert.Matches($@"MKL code path\s+{System.Text.RegularExpressions.Regex.Escape(GenericPath)}", result);
            Assert.Contains("fast path off", result, StringComparison.Ordinal);
        }
    }

    [MklFact]
    public void ForcedGeneric_RunsTheGenericKernelsOnAnyCpu()
    {
        var result = Info((MklLibrary.ForceGenericVariable, "1"));
        Assert.Matches($@"MKL code path\s+{System.Text.RegularExpressions.Regex.Escape(GenericPath)}", result);
        Assert.Contains("ForcedGeneric", result, StringComparison.Ordinal);
    }

    [MklFact]
    public void CnrSetting_ChoosesTheModeInForce()
    {
        Assert.Matches(@"MKL CNR mode\s+BranchOff", Info((MklLibrary.CnrVariable, "off")));
        Assert.Matches(@"MKL CNR mode\s+Compatible", Info((MklLibrary.CnrVariable, "compatible")));
        Assert.Matches(@"MKL CNR mode\s+Auto", Info());
    }

    [MklFact]
    public void UnknownCnrSetting_IsOneLineAndExit4()
    {
        var result = FastprProcess.Run(new Dictionary<string, string> { [MklLibrary.CnrVariable] = "fastest" }, "info");
        Assert.Equal(4, result.ExitCode);
        Assert.DoesNotContain("MKL version", result.Stdout, StringComparison.Ordinal); // the machine part only (platform, CPU)
        Assert.Contains($"{MklLibrary.CnrVariable}='fastest' is not a CNR mode", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Stderr.TrimEnd());
    }

    [Fact]
    public void CpuIdentityIsRead()
    {
        Assert.False(string.IsNullOrWhiteSpace(CpuInfo.Model));
        Assert.Contains(CpuInfo.Isa, new[] { "AVX-512", "AVX2", "AVX", "SSE4.2", "baseline" });
        if (System.Runtime.Intrinsics.X86.X86Base.IsSupported)
        {
            Assert.Equal(12, CpuInfo.Vendor.Length); // GenuineIntel, AuthenticAMD, HygonGenuine, ...
            Assert.True(CpuInfo.FamilyModel.Family > 0);
        }
    }

    private static string Info(params (string Name, string Value)[] environment)
    {
        var result = FastprProcess.Run(environment.ToDictionary(e => e.Name, e => e.Value), "info");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return result.Stdout;
    }
}
