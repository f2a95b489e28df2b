namespace FastPR.Core;

/// <summary>
/// A run's clock under a <see cref="LearningRateSchedule"/> (docs/MODEL.md §3.9). Stepping: step k's size η_k and the time
/// t_k = Σ_{j&lt;k} η_j, a pure function of k, so every member of an ensemble and every resume sees the same bits. Continuum (for the
/// sgd-ode): η(t), the horizon and the breakpoints, from the closed forms of t(p) = N·η₀·∫₀^p factor (cosine, wsd) or of the steps
/// ∫₀^t dt′/η(t′) (step, power, pairs). Allocates nothing per step.
/// </summary>
public sealed class StepSizeClock
{
    private readonly LearningRateSchedule _schedule;
    private readonly double[] _breakpoints;

    /// <summary>A clock for a run of <paramref name="totalSteps"/> SGD steps at nominal η₀ = <paramref name="eta0"/>, advancing <paramref name="stride"/> SGD steps per step.</summary>
    public StepSizeClock(LearningRateSchedule schedule, double eta0, long totalSteps, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Guard.FinitePositive(eta0, nameof(eta0));
        Guard.AtLeast(stride, 1, nameof(stride));
        _schedule = schedule;
        Eta0 = eta0;
        TotalSteps = Math.Max(totalSteps, 0);
        Stride = stride;
        Horizon = ContinuumHorizon();
        _breakpoints = schedule.IsShapedBySteps
            ? [.. schedule.FractionBreakpoints().Select(p => TotalSteps * eta0 * schedule.IntegralToFraction(p)).Where(t => t < Horizon)]
            : [.. schedule.TimeBreakpoints().Where(t => t < Horizon)];
    }

    /// <summary>The schedule.</summary>
    public LearningRateSchedule Schedule => _schedule;
    /// <summary>η₀.</summary>
    public double Eta0 { get; }
    /// <summary>The run's SGD steps N (cosine and wsd are shaped over them).</summary>
    public long TotalSteps { get; }
    /// <summary>SGD steps per step of this clock (the sgd-sde's stride).</summary>
    public int Stride { get; }
    /// <summary>SGD steps taken so far.</summary>
    public long Step { get; private set; }
    /// <summary>Time t of the current step: the sum of the step sizes taken.</summary>
    public double Time { get; private set; }
    /// <summary>The end time of the run in the continuum limit (the sgd-ode's horizon).</summary>
    public double Horizon { get; }
    /// <summary>The times in (0, <see cref="Horizon"/>) where η(t) has a kink or a jump.</summary>
    public IReadOnlyList<double> Breakpoints => _breakpoints;

    /// <summary>The size of the SGD step <paramref name="step"/> taken at time <paramref name="time"/>.</summary>
    public double StepSizeOf(long step, double time) => _schedule.StepSize(Eta0, step, TotalSteps, time, Stride);

    /// <summary>The current step's size; the clock moves on by <see cref="Stride"/> SGD steps.</summary>
    public double Next()
    {
        double eta = StepSizeOf(Step, Time);
        Time += Stride * eta;
        Step += Stride;
        return eta;
    }

    /// <summary>Back to step 0, t = 0.</summary>
    public void Reset()
    {
        Step = 0;
        Time = 0;
    }

    /// <summary>The clock at SGD step <paramref name="step"/>, replayed from 0 (the same bits as stepping there).</summary>
    public void AdvanceTo(long step)
    {
        Guard.AtLeast(step, 0, nameof(step));
        Reset();
        while (Step < step) Next();
    }

    /// <summary>The times after the given counts of this clock's steps (each <see cref="Stride"/> SGD steps; increasing), replayed from 0.</summary>
    public double[] TimesAt(ReadOnlySpan<long> steps)
    {
        Reset();
        var times = new double[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            while (Step < steps[i] * Stride) Next();
            times[i] = Time;
        }
        return times;
    }

    /// <summary>η at time t in the continuum limit (the sgd-ode's local step size).</summary>
    public double StepSizeAt(double t)
    {
        if (!_schedule.IsShapedBySteps) return _schedule.StepSizeAtTime(Eta0, t);
        return Eta0 * _schedule.FactorAtFraction(FractionAt(t));
    }

    /// <summary>The first breakpoint after <paramref name="t"/>, or +∞.</summary>
    public double NextBreakpoint(double t)
    {
        foreach (double b in _breakpoints)
            if (b > t) return b;
        return double.PositiveInfinity;
    }

    // p with N·η₀·F(p) = t, by bisection (F increases; flat only where the factor is 0, where any p gives the same η up to rounding).
    private double FractionAt(double t)
    {
        double scale = TotalSteps * Eta0;
        if (scale <= 0) return 0;
        double target = t / scale, low = 0, high = 1;
        if (target >= _schedule.IntegralToFraction(1)) return 1;
        for (int i = 0; i < 64; i++)
        {
            double mid = 0.5 * (low + high);
            if (_schedule.IntegralToFraction(mid) < target) low = mid;
            else high = mid;
        }
        return 0.5 * (low + high);
    }

    private double ContinuumHorizon()
    {
        if (_schedule.IsConstant) return TotalSteps * Eta0;
        if (_schedule.IsShapedBySteps) return TotalSteps * Eta0 * _schedule.IntegralToFraction(1);
        double n = TotalSteps, low = 0, high = Eta0 * Math.Max(n, 1);
        if (n == 0) return 0;
        for (int i = 0; i < 2000 && _schedule.StepsToTime(Eta0, high) < n; i++) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++)
        {
            double mid = 0.5 * (low + high);
            if (_schedule.StepsToTime(Eta0, mid) < n) low = mid;
            else high = mid;
        }
        return high;
    }
}
