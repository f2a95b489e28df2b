using FastPR.Native;

namespace FastPR.Tests;

/// <summary>Decides whether MKL tests skip: they do when MKL is missing, unless FASTPR_REQUIRE_MKL=1 makes them run (and fail loudly).</summary>
internal static class MklRequirement
{
    public const string RequireVariable = "FASTPR_REQUIRE_MKL";

    public static string? SkipReason =>
        MklLibrary.IsAvailable || Environment.GetEnvironmentVariable(RequireVariable) == "1"
            ? null
            : $"MKL not available: {MklLibrary.LoadError} (set {RequireVariable}=1 to fail instead of skip)";

    /// <summary>Runtime gate for [SkippableFact] tests that cannot carry [MklFact], e.g. inherited engine suites.</summary>
    public static void SkipUnlessAvailable() => Skip.If(SkipReason is not null, SkipReason);
}
