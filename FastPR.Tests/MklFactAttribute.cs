namespace FastPR.Tests;

/// <summary>A fact that needs MKL: skipped when MKL is missing, unless FASTPR_REQUIRE_MKL=1, in which case it runs and fails with the install message.</summary>
public sealed class MklFactAttribute : FactAttribute
{
    public MklFactAttribute()
    {
        if (MklRequirement.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
