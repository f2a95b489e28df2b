using FastPR.Cli.Sweep;

namespace FastPR.Tests.Cli;

/// <summary>The cluster's MaxArraySize as <c>fastpr sweep slurm-script</c> reads it from <c>scontrol show config</c>.</summary>
public sealed class SlurmConfigTests
{
    // Lines of Slurm 22.05's scontrol show config around the one read (its first line and a few neighbours).
    private const string Config = """
        Configuration data as of 2026-12-07T23:40:12
        AccountingStorageBackupHost = (null)
        MaxArraySize            = 40001
        MaxBatchRequeue         = 5
        MaxDBDMsgs              = 20008
        MaxJobCount             = 10000
        """;

    [Fact]
    public void MaxArraySize_IsReadFromItsOwnLine()
    {
        Assert.Equal(40001, SlurmConfig.MaxArraySize(Config));
        Assert.Equal(1001, SlurmConfig.MaxArraySize("MaxArraySize = 1001\r\nMaxJobCount = 10000\r\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("MaxBatchRequeue         = 5\nMaxJobCount             = 10000\n")]
    [InlineData("MaxArraySize            = (null)\n")]
    [InlineData("MaxArraySize            = 99999999999\n")]
    public void MaxArraySize_WithoutAReadableLine_IsNull(string config) => Assert.Null(SlurmConfig.MaxArraySize(config));
}
