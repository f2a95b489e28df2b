namespace FastPR.Native;

/// <summary>Thrown when Intel MKL (libmkl_rt.so) cannot be found or loaded. The message says what was tried and how to install MKL.</summary>
public sealed class MklNotFoundException : Exception
{
    /// <summary>The install hint every message ends with on Linux.</summary>
    public const string InstallHint =
        "To install it, run eng/install-mkl.sh (Debian: enable non-free and apt-get install libmkl-rt; Ubuntu: multiverse), " +
        "or set " + MklLibrary.PathVariable + "=/path/to/libmkl_rt.so.";

    /// <summary>The install hint every message ends with on Windows.</summary>
    public const string WindowsInstallHint =
        "To install it, run Intel's oneAPI Math Kernel Library installer (it installs under %ProgramFiles(x86)%\\Intel\\oneAPI), " +
        "or 'pip install mkl' or 'conda install mkl' and run fastpr from that environment, " +
        "or set " + MklLibrary.PathVariable + "=C:\\path\\to\\mkl_rt.2.dll.";

    /// <summary>The install hint for the platform this process runs on.</summary>
    internal static string PlatformInstallHint => OperatingSystem.IsWindows() ? WindowsInstallHint : InstallHint;

    /// <summary>Creates the exception from a description of the candidates that were tried.</summary>
    /// <param name="attempts">What was tried and why each candidate failed, on one line.</param>
    public MklNotFoundException(string attempts)
        : base($"FastPR needs Intel MKL ({MklLibrary.LibraryFileName}) for BLAS and random numbers, but could not load it. Tried: {attempts}. {PlatformInstallHint}")
    {
        Attempts = attempts;
    }

    /// <summary>What was tried and why each candidate failed.</summary>
    public string Attempts { get; }
}
