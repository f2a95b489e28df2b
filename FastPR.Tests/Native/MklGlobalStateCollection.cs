namespace FastPR.Tests.Native;

/// <summary>
/// MKL's peak-memory counter and CNR mode are process-wide: tests reading them must not run beside tests that
/// allocate or free MKL memory on other threads (a concurrent free once made the peak read −512).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MklGlobalStateCollection
{
    public const string Name = "MKL process-wide state";
}
