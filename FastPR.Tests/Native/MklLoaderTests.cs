using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>The loader: where MKL came from, and what a user sees (message, exit code) when it cannot be loaded.</summary>
public class MklLoaderTests
{
    private const string Missing = "/nonexistent/libmkl_rt.so";

    [Fact]
    public void MissingOverrideExplainsHowToInstall()
    {
        var result = FastprProcess.Run(new Dictionary<string, string> { ["FASTPR_MKL_PATH"] = Missing }, "info");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("eng/install-mkl.sh", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(Missing, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Stderr.TrimEnd());
        // The machine part is still printed (the managed engines need no MKL), and says MKL is unavailable.
        Assert.Contains("Platform", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("MKL              unavailable", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OverrideThatIsNotALibraryIsRejectedByName()
    {
        string notALibrary = Path.Combine(AppContext.BaseDirectory, "FastPR.Native.dll");
        var result = FastprProcess.Run(new Dictionary<string, string> { ["FASTPR_MKL_PATH"] = notALibrary }, "info");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains(notALibrary, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("eng/install-mkl.sh", result.Stderr, StringComparison.Ordinal);
    }

    [MklFact]
    public void InfoReportsTheLoadedLibrary()
    {
        var result = FastprProcess.Run(new Dictionary<string, string>(), "info");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(MklService.Version, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("sequential", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(MklLibrary.LoadedPath!, result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [MklFact]
    public void LoadedInProcess()
    {
        MklLibrary.EnsureLoaded();
        Assert.True(MklLibrary.IsAvailable);
        Assert.Null(MklLibrary.LoadError);
        Assert.True(File.Exists(MklLibrary.LoadedPath), $"LoadedPath '{MklLibrary.LoadedPath}' is not a file");
    }

    [Fact]
    public void NotFoundMessageIsOneParagraphWithTheInstallHint()
    {
        var ex = new MklNotFoundException("libmkl_rt.so (not found); /opt/x/libmkl_rt.so (file does not exist)");
        Assert.Contains("eng/install-mkl.sh", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FASTPR_MKL_PATH=/path/to/libmkl_rt.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/opt/x/libmkl_rt.so (file does not exist)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
