namespace FastPR.Tests;

/// <summary>The repository the tests run from, found by FastPR.sln above the test assembly (under CI=true the build maps
/// source paths to /_/, so [CallerFilePath] is not a file).</summary>
internal static class TestRepository
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "FastPR.sln"))) return directory.FullName;
            }
            throw new DirectoryNotFoundException("FastPR.sln not found above the test assembly.");
        }
    }
}
