namespace FastPR.Core;

/// <summary>
/// The step schedule and solver settings of the log-time integrators (docs/MODEL.md §3.4). The scheduled leap is
/// h(t) = min(<see cref="MaxStep"/>, max(<see cref="InitialStep"/>, <see cref="RelativeStep"/>·t)). It is further limited to
/// <see cref="RateStepFactor"/>/r, r the current relative rate of s and u, and always clipped to land exactly on a requested output
/// time. With the defaults, T = 10^7 takes about 200 + ln(5·10⁶)/ln(1.005) ≈ 3,300 leaps plus the few hundred extra the rate limit
/// adds during the escape. (An earlier schedule also held h at the initial step up to t = 20; with the rate limit in place that
/// cost 27% more leaps and changed no error, docs/MODEL.md §3.4.)
/// </summary>
internal sealed record LogTimeOptions
{
    /// <summary>The shortest scheduled leap, which sets the leaps while c·t is below it (default 0.01).</summary>
    public double InitialStep { get; init; } = 0.01;
    /// <summary>c in h = c·t (default 0.005).</summary>
    public double RelativeStep { get; init; } = 0.005;
    /// <summary>Upper bound on any leap (default +∞).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;
    /// <summary>
    /// κ in h ≤ κ/r, r = max(|ṡ|/s, |u̇|/|u|) at the leap's start (default 0.02; +∞ disables it). A self-consistent leap is second order,
    /// so its relative error per leap is about (r·h)²; during the escape r ≈ 2ρ ≈ 10 and h = 0.01 alone gives errors near 10⁻³.
    /// </summary>
    public double RateStepFactor { get; init; } = 0.02;
    /// <summary>Newton stops when both scalar updates are below this, relative to max(1, |value|) (default 10⁻¹³).</summary>
    public double NewtonTolerance { get; init; } = 1e-13;
    /// <summary>Newton iterations before a leap is declared failed and split in two (default 30).</summary>
    public int MaxNewtonIterations { get; init; } = 30;

    /// <summary>The default schedule.</summary>
    public static LogTimeOptions Default { get; } = new();

    /// <summary>
    /// The schedule for a relative accuracy <paramref name="tolerance"/> of s, u and the MSE (docs/MODEL.md §3.4): κ = √tolerance,
    /// c = κ/4 and an initial step κ/2, so the defaults are tolerance 4·10⁻⁴. A self-consistent leap is second order, so a leap of κ/r
    /// errs by about κ² relative per e-fold of change. The initial step scales too: r is a first derivative and misses the fast
    /// relaxation of s (rate ≈ 24 s^(2)) where s levels off in Phase IIa.
    /// </summary>
    public static LogTimeOptions ForTolerance(double tolerance)
    {
        Guard.FinitePositive(tolerance, "tolerance");
        double kappa = Math.Sqrt(tolerance);
        return new LogTimeOptions { RateStepFactor = kappa, RelativeStep = kappa / 4, InitialStep = kappa / 2 };
    }

    /// <summary>The scheduled leap length at time t, before the rate limit and the clipping to an output time.</summary>
    public double StepAt(double t) => Math.Min(MaxStep, Math.Max(InitialStep, RelativeStep * t));

    /// <summary>The leap length at time t when the state's relative rate is <paramref name="rate"/>.</summary>
    public double StepAt(double t, double rate) => rate > 0 && double.IsFinite(RateStepFactor) ? Math.Min(StepAt(t), RateStepFactor / rate) : StepAt(t);

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Guard.FinitePositive(InitialStep, "initial-step");
        Guard.FinitePositive(RelativeStep, "relative-step");
        if (double.IsNaN(MaxStep) || MaxStep <= 0) throw new ArgumentOutOfRangeException("max-step", MaxStep, $"max-step must be > 0 (got {MaxStep}).");
        if (double.IsNaN(RateStepFactor) || RateStepFactor <= 0)
            throw new ArgumentOutOfRangeException("rate-step-factor", RateStepFactor, $"rate-step-factor must be > 0 (got {RateStepFactor}).");
        Guard.FinitePositive(NewtonTolerance, "newton-tolerance");
        Guard.AtLeast(MaxNewtonIterations, 1, "newton-iterations");
    }
}
