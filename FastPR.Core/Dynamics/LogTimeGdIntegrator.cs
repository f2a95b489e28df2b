namespace FastPR.Core;

/// <summary>
/// Population GD w ← w − η∇L(w) by leaps of n steps (docs/MODEL.md §3.5). With frozen scalars n steps are exact:
/// w_i ← r_i^n w_i + β w*_i (r_i^n − 1)/α, r_i = 1 + ηλ_i α, r_i^n = exp(n·log1p(ηλ_i α)).
/// n = max(1, ⌊h(t)/η⌋) follows the schedule of <see cref="LogTimeOptions"/> (t = η·step) and is clipped to land on output steps.
/// <list type="bullet">
/// <item>A leap of one step uses the explicit scalars of its start, so it is exactly the plain GD step.</item>
/// <item>A leap of n &gt; 1 steps solves (α, β) = (4(s* − 3s̄), 8ū) self-consistently, as the flow integrator does, except that
/// s̄ = ((n + 1)s₀ + (n − 1)s₁)/(2n) (and ū likewise): the mean of the scalars at the n step starts when s, u vary linearly
/// over the leap, which is what explicit GD uses. With the flow's plain average the relative error was 3·10⁻³ at η = 10⁻³.</item>
/// <item>Stability condition of the closed form: 1 + ηλ_i α &gt; 0 for all i, i.e. ηλ_1·max(0, −α) &lt; 1; near the optimum
/// α ≈ −8s*, so ηλ_1 &lt; 1/8. Where it fails (or Newton does not converge) a leap is split, down to single exact GD steps.
/// GD itself diverges once ηλ_1|α| exceeds 2; that is reported as <see cref="RunStatus.Diverged"/>.</item>
/// </list>
/// Allocates nothing after construction.
/// </summary>
internal sealed class LogTimeGdIntegrator
{
    private readonly double _sStar;
    private readonly ModelStatistics _statistics;
    private readonly double _sStar2;
    private Overlaps _state;

    /// <summary>Creates the integrator for step size η &gt; 0; <paramref name="options"/> defaults to <see cref="LogTimeOptions.Default"/>.</summary>
    public LogTimeGdIntegrator(Problem problem, double eta, LogTimeOptions? options = null)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        Guard.FinitePositive(eta, nameof(eta));
        LearningRate = eta;
        Options = options ?? LogTimeOptions.Default;
        Options.Validate();
        _statistics = new ModelStatistics(problem);
        _sStar = _statistics.SStar;
        Span<double> moments = stackalloc double[2];
        _statistics.TeacherMoments(moments);
        _sStar2 = moments[1];
    }

    /// <summary>The problem.</summary>
    public Problem Problem { get; }
    /// <summary>η.</summary>
    public double LearningRate { get; }
    /// <summary>Schedule and solver settings.</summary>
    public LogTimeOptions Options { get; }
    /// <summary>Leaps taken since construction.</summary>
    public long LeapCount { get; private set; }

    /// <summary>The number of GD steps in a leap starting at <paramref name="step"/> when the relative rate of s and u is <paramref name="rate"/>.</summary>
    public long StepsPerLeapAt(long step, double rate)
    {
        double n = Math.Floor(Options.StepAt(step * LearningRate, rate) / LearningRate);
        return n < 1 ? 1 : n > long.MaxValue / 4 ? long.MaxValue / 4 : (long)n;
    }

    /// <summary>
    /// Advances <paramref name="w"/>, the state after <paramref name="fromStep"/> GD steps, to <paramref name="toStep"/>.
    /// Returns false if the state became non-finite (GD diverged); w is then left as it is.
    /// </summary>
    public bool Advance(Span<double> w, long fromStep, long toStep)
    {
        Guard.Length(w.Length, Problem.Dimension, nameof(w));
        Guard.AtLeast(fromStep, 0, nameof(fromStep));
        Guard.AtLeast(toStep, fromStep, nameof(toStep));
        Begin(w);
        long step = fromStep;
        while (step < toStep)
        {
            if (!LeapToward(w, ref step, toStep)) return false;
        }
        return true;
    }

    /// <summary>Starts a stretch of leaps at <paramref name="w"/>: the leaps track s and u from here on.</summary>
    internal void Begin(ReadOnlySpan<double> w) => _state = Overlaps.Of(Problem.Spectrum.Lambda, Problem.Teacher, w);

    /// <summary>The overlaps the current stretch tracks and the leap count: with w, all a resumed run needs.</summary>
    internal (Overlaps State, long Leaps) Tracked
    {
        get => (_state, LeapCount);
        set => (_state, LeapCount) = value;
    }

    /// <summary>One leap from <paramref name="step"/> toward <paramref name="toStep"/>, landing on it at most; false if the state became non-finite.</summary>
    internal bool LeapToward(Span<double> w, ref long step, long toStep)
    {
        long n = Math.Min(StepsPerLeapAt(step, _state.RelativeRate(_sStar, _sStar2)), toStep - step);
        Leap(w, n);
        step += n;
        return double.IsFinite(_state.S) && double.IsFinite(_state.U);
    }

    private void Leap(Span<double> w, long n)
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        var (alpha, beta) = _state.Scalars(_sStar);
        if (n == 1)
        {
            SelfConsistentLeap.Apply(new GdCoefficients(LearningRate, 1), lambda, teacher, w, alpha, beta, out _state);
            LeapCount++;
            return;
        }
        // GD's steps use the scalars at their starts, t0 … t0 + (n − 1)η; their mean, with s and u linear over the leap,
        // weights the end state by (n − 1)/(2n). The flow's 1/2 would run GD's scalars η/2 ahead each leap (an O(η) bias).
        double endWeight = (n - 1) / (2.0 * n);
        if (SelfConsistentLeap.TryLeap(new GdCoefficients(LearningRate, n), lambda, teacher, _sStar, endWeight,
                Options.NewtonTolerance, Options.MaxNewtonIterations, w, ref _state, ref alpha, ref beta))
        {
            LeapCount++;
            return;
        }
        long half = n / 2;
        Leap(w, half);
        if (!double.IsFinite(_state.S) || !double.IsFinite(_state.U)) return;
        Leap(w, n - half);
    }
}
