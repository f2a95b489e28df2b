using System.Buffers.Binary;

namespace FastPR.Core;

/// <summary>
/// The sgd-ode (docs/MODEL.md §3.7): SGD's mean m = E w and per-coordinate variances v_i = Var w_i, with the O(η) squared-step
/// term for minibatch B and label noise σ, on the log-time schedule of <see cref="LogTimeOptions"/>. Each leap freezes the
/// scalars at the leap's average (S̄, Ū), solved by Newton with an analytic Jacobian, and integrates every coordinate's linear
/// equations exactly; under <see cref="SgdOdeClosure.Wick"/> a second pass freezes the per-coordinate self-terms at the average
/// of the first pass's start and end (second order). The caller holds m; the integrator holds v (zero at the start). The passes
/// run four coordinates at a time (<see cref="SgdOdeLeapVectorized"/>, the same bits on every platform).
/// Allocates nothing after construction.
/// </summary>
internal sealed class LogTimeSgdOdeIntegrator : IResumable
{
    private const string StateTag = "ode1";
    private const int MaxSplitDepth = 30;
    // Past this s the moment equations are blowing up (η beyond the stability edge): report divergence instead of shrinking leaps forever.
    private const double BlowUp = 1e8;

    private readonly double _sStar, _sigma, _noise;
    private readonly double[] _v, _mFrozen, _vFrozen, _mNext, _vNext;
    private double _s, _u;
    private StartOfLeap? _start;

    /// <summary>Creates the integrator for SGD with <paramref name="settings"/> (B, η); <paramref name="options"/> defaults to <see cref="LogTimeOptions.Default"/>.</summary>
    public LogTimeSgdOdeIntegrator(Problem problem, SgdSettings settings, SgdOdeClosure closure = SgdOdeClosure.Wick, LogTimeOptions? options = null)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        settings.Validate();
        if (!Enum.IsDefined(closure)) throw new ArgumentOutOfRangeException(nameof(closure), closure, "Unknown closure.");
        Settings = settings;
        Closure = closure;
        Options = options ?? LogTimeOptions.Default;
        Options.Validate();
        _sStar = problem.SStar;
        _sigma = problem.Sigma;
        _noise = settings.LearningRate / settings.BatchSize;
        int d = problem.Dimension;
        _v = new double[d];
        _mFrozen = new double[d];
        _vFrozen = new double[d];
        _mNext = new double[d];
        _vNext = new double[d];
    }

    /// <summary>The problem.</summary>
    public Problem Problem { get; }
    /// <summary>B and η of the SGD this equation describes.</summary>
    public SgdSettings Settings { get; }
    /// <summary>The closure.</summary>
    public SgdOdeClosure Closure { get; }
    /// <summary>Schedule and solver settings.</summary>
    public LogTimeOptions Options { get; }
    /// <summary>Leaps taken since construction (split leaps count each part).</summary>
    public long LeapCount { get; private set; }
    /// <summary>The per-coordinate variances v_i of the current state.</summary>
    public ReadOnlySpan<double> Variance => _v;

    /// <summary>Sets every variance to zero (a deterministic start).</summary>
    public void Reset()
    {
        Array.Clear(_v);
        _start = null;
    }

    /// <summary>Advances the mean <paramref name="m"/> (and the variances held here) from time <paramref name="fromT"/> to <paramref name="toT"/>; false if it blew up.</summary>
    public bool Advance(Span<double> m, double fromT, double toT)
    {
        Guard.Length(m.Length, Problem.Dimension, nameof(m));
        Guard.FiniteNonNegative(fromT, nameof(fromT));
        if (!double.IsFinite(toT) || toT < fromT) throw new ArgumentOutOfRangeException(nameof(toT), toT, $"toT must be finite and ≥ fromT = {fromT}.");
        Begin(m);
        double t = fromT;
        while (t < toT)
            if (!LeapToward(m, ref t, toT)) return false;
        return true;
    }

    /// <summary>
    /// The recorded statistics of the moment state, as expectations under w ~ N(m, diag(v)): s = Σλ(m² + v), u = Σλ m w*, the
    /// loss with E s² = s² + Σλ²(2v² + 4m²v) and E u² = u² + Σλ²w*²v, MSE = (min(‖m − w*‖², ‖m + w*‖²) + Σv)/d.
    /// </summary>
    public Snapshot Snapshot(ReadOnlySpan<double> m, double time, long position)
    {
        Guard.Length(m.Length, Problem.Dimension, nameof(m));
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        double s = 0, u = 0, s2 = 0, u2 = 0, minus = 0, plus = 0, variance = 0, varS = 0, varU = 0;
        for (int i = 0; i < m.Length; i++)
        {
            double l = lambda[i], ll = l * l, mi = m[i], vi = _v[i], t = teacher[i];
            double q = mi * mi + vi;
            s += l * q;
            u += l * mi * t;
            s2 += ll * q;
            u2 += ll * mi * t;
            double below = mi - t, above = mi + t;
            minus += below * below;
            plus += above * above;
            variance += vi;
            varS += ll * (2 * vi * vi + 4 * mi * mi * vi);
            varU += ll * t * t * vi;
        }
        double loss = 3 * (s * s + varS) + 3 * _sStar * _sStar - 2 * s * _sStar - 4 * (u * u + varU) + _sigma * _sigma;
        return new Snapshot(time, position, s, u, loss, (Math.Min(minus, plus) + variance) / m.Length, 1 - Math.Abs(u), s2, u2);
    }

    /// <summary>The scalars the current stretch tracks (s, u) and the leap count: with m and the variances, all a resumed run needs.</summary>
    internal (double S, double U, long Leaps) Tracked
    {
        get => (_s, _u, LeapCount);
        set
        {
            (_s, _u, LeapCount) = value;
            _start = null;
        }
    }

    /// <inheritdoc />
    public bool CanSaveState => true;

    /// <summary>The variances (the part of the state beside m that the caller does not hold), tagged.</summary>
    public byte[] SaveState()
    {
        var bytes = new byte[8 + 8 * _v.Length];
        System.Text.Encoding.ASCII.GetBytes(StateTag, bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), _v.Length);
        for (int i = 0; i < _v.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 + 8 * i), _v[i]);
        return bytes;
    }

    /// <inheritdoc />
    public void RestoreState(ReadOnlySpan<byte> state)
    {
        if (!StateBytes.HasTag(state, StateTag) || state.Length != 8 + 8 * _v.Length || BinaryPrimitives.ReadInt32LittleEndian(state[4..]) != _v.Length)
            throw new ArgumentException($"The bytes are not the variances of a {_v.Length}-dimensional sgd-ode.", nameof(state));
        for (int i = 0; i < _v.Length; i++)
        {
            double v = BinaryPrimitives.ReadDoubleLittleEndian(state[(8 + 8 * i)..]);
            if (!(v >= 0) || !double.IsFinite(v)) throw new ArgumentException($"The saved variance {i} is {v}; variances are finite and ≥ 0.", nameof(state));
            _v[i] = v;
        }
        _start = null;
    }

    /// <summary>Starts a stretch of leaps at <paramref name="m"/> (and the variances held here).</summary>
    internal void Begin(ReadOnlySpan<double> m)
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        double s = 0, u = 0;
        for (int i = 0; i < m.Length; i++)
        {
            s += lambda[i] * (m[i] * m[i] + _v[i]);
            u += lambda[i] * m[i] * teacher[i];
        }
        _s = s;
        _u = u;
    }

    /// <summary>One leap from <paramref name="t"/> toward <paramref name="toT"/>, landing on it exactly at most; false once the state blew up.</summary>
    internal bool LeapToward(Span<double> m, ref double t, double toT)
    {
        double h = Options.StepAt(t, RelativeRate(m));
        if (t + h * (1 + 1e-9) >= toT) h = toT - t;
        if (!Leap(m, h, 0)) return false;
        t = t + h >= toT ? toT : t + h;
        return double.IsFinite(_s) && double.IsFinite(_u) && Math.Abs(_s) < BlowUp * (1 + _sStar);
    }

    /// <summary>
    /// The relative rate of <see cref="Overlaps.RelativeRate(double, double, double, double)"/> at the current state, with the start-of-leap
    /// self-terms (one O(d) pass). The same pass keeps the state's fluctuations and (ṡ, u̇) for the leap that follows.
    /// </summary>
    private double RelativeRate(ReadOnlySpan<double> m)
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        var fluctuations = FluctuationsOf(m, _v);
        var k = new SgdOdeScalars(_s, _u, _sStar, _sigma, fluctuations);
        double wick = Closure == SgdOdeClosure.Wick ? 1 : 0;
        double sDot = 0, uDot = 0;
        for (int i = 0; i < m.Length; i++)
        {
            double l = lambda[i], mi = m[i], vi = _v[i], t = teacher[i];
            double mDot = l * ((k.Alpha - wick * 24 * l * vi) * mi + k.Beta * t);
            double c = 2 * l * k.Alpha + wick * l * l * (16 * t * t - 48 * (vi + mi * mi));
            double f = _noise * (l * k.K0 + wick * l * l * ((mi * mi + vi) * k.Kq + mi * t * k.Km + t * t * k.Kt));
            sDot += l * (2 * mi * mDot + c * vi + f);
            uDot += l * t * mDot;
        }
        _start = new StartOfLeap(fluctuations, sDot, uDot);
        return Overlaps.RelativeRate(_s, _u, sDot, uDot);
    }

    private bool Leap(Span<double> m, double h, int depth)
    {
        if (h == 0) return true;
        if (TryLeap(m, h))
        {
            LeapCount++;
            return true;
        }
        if (depth >= MaxSplitDepth) return false;
        return Leap(m, h / 2, depth + 1) && Leap(m, h / 2, depth + 1);
    }

    /// <summary>
    /// One self-consistent leap of length h from (m, v); leaves the state untouched and returns false when Newton fails. Each Newton
    /// iteration's pass writes its leaped state to (_mNext, _vNext), so the converged iteration's state is the leap's, as in
    /// <see cref="SelfConsistentLeap"/>, and no pass is spent re-applying it.
    /// </summary>
    private bool TryLeap(Span<double> m, double h)
    {
        double s0 = _s, u0 = _u;
        // The start's fluctuations and rates, from the rate pass before this leap unless a failed leap was split since.
        var start = _start ?? new StartOfLeap(FluctuationsOf(m, _v), 0, 0);
        // Newton starts from the scalars' midpoint values on the start's tangent (exact to first order in h).
        double sBar = s0 + 0.5 * h * start.SDot, uBar = u0 + 0.5 * h * start.UDot;
        if (!Solve(h, s0, u0, ref sBar, ref uBar, start.Fluctuations, m, m, _v, out double s1, out double u1)) return false;
        if (Closure == SgdOdeClosure.Wick)
        {
            // Second pass: self-terms frozen at the average of the first pass's start and end.
            var fluctuations = Average(m);
            sBar = 0.5 * (s0 + s1);
            uBar = 0.5 * (u0 + u1);
            if (!Solve(h, s0, u0, ref sBar, ref uBar, fluctuations, m, _mFrozen, _vFrozen, out s1, out u1)) return false;
        }
        if (!double.IsFinite(s1) || !double.IsFinite(u1)) return false;
        _mNext.CopyTo(m);
        _vNext.CopyTo(_v);
        _s = s1;
        _u = u1;
        _start = null;
        return true;
    }

    /// <summary>(_mFrozen, _vFrozen) = the average of the start (m, v) and the first pass's end (_mNext, _vNext); returns its fluctuations.</summary>
    private SgdOdeScalars.Fluctuations Average(ReadOnlySpan<double> m)
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        double vs = 0, csu = 0, vu = 0;
        for (int i = 0; i < m.Length; i++)
        {
            double mi = 0.5 * (m[i] + _mNext[i]), vi = 0.5 * (_v[i] + _vNext[i]);
            _mFrozen[i] = mi;
            _vFrozen[i] = vi;
            double ll = lambda[i] * lambda[i], t = teacher[i];
            vs += ll * (2 * vi * vi + 4 * mi * mi * vi);
            csu += ll * 2 * mi * t * vi;
            vu += ll * t * t * vi;
        }
        return new SgdOdeScalars.Fluctuations(vs, csu, vu);
    }

    /// <summary>
    /// Newton on R(S̄, Ū) = (S̄ − (S₀ + S₁)/2, Ū − (U₀ + U₁)/2) for the leap from (m0, v0) with self-terms frozen at (mFrozen, vFrozen);
    /// on success the leaped state is in (_mNext, _vNext) and its S₁, U₁ are returned.
    /// </summary>
    private bool Solve(double h, double s0, double u0, ref double sBar, ref double uBar, in SgdOdeScalars.Fluctuations fluctuations,
        ReadOnlySpan<double> m0, ReadOnlySpan<double> mFrozen, ReadOnlySpan<double> vFrozen, out double s1, out double u1)
    {
        double tolerance = Options.NewtonTolerance;
        ReadOnlySpan<double> v0 = _v;
        for (int iteration = 0; iteration < Options.MaxNewtonIterations; iteration++)
        {
            Evaluate(h, sBar, uBar, fluctuations, m0, v0, mFrozen, vFrozen, out s1, out u1, out double sS, out double sU, out double uS, out double uU);
            double r1 = sBar - 0.5 * (s0 + s1), r2 = uBar - 0.5 * (u0 + u1);
            double j11 = 1 - 0.5 * sS, j12 = -0.5 * sU, j21 = -0.5 * uS, j22 = 1 - 0.5 * uU;
            double det = j11 * j22 - j12 * j21;
            double ds = -(r1 * j22 - j12 * r2) / det, du = -(j11 * r2 - j21 * r1) / det;
            if (!double.IsFinite(ds) || !double.IsFinite(du)) return false;
            // The state just evaluated is the leap's: its scalars are self-consistent to within this update.
            if (Math.Abs(ds) <= tolerance * Math.Max(1, Math.Abs(sBar + ds)) && Math.Abs(du) <= tolerance * Math.Max(1, Math.Abs(uBar + du))) return true;
            sBar += ds;
            uBar += du;
        }
        s1 = u1 = double.NaN;
        return false;
    }

    /// <summary>
    /// The leap with scalars at (S̄, Ū) from (m0, v0) into (_mNext, _vNext) (variances clamped at 0), its S₁, U₁ and their derivatives
    /// in S̄ and Ū.
    /// </summary>
    private void Evaluate(double h, double sBar, double uBar, in SgdOdeScalars.Fluctuations fluctuations, ReadOnlySpan<double> m0, ReadOnlySpan<double> v0,
        ReadOnlySpan<double> mFrozen, ReadOnlySpan<double> vFrozen, out double s1, out double u1, out double s1S, out double s1U, out double u1S, out double u1U)
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        var k = new SgdOdeScalars(sBar, uBar, _sStar, _sigma, fluctuations);
        double wick = Closure == SgdOdeClosure.Wick ? 1 : 0;
        int i = SgdOdeLeapVectorized.Evaluate(new SgdOdeLeapVectorized.Frozen(k, wick, _noise, h), lambda, teacher, m0, v0, mFrozen, vFrozen,
            _mNext, _vNext, out var sums);
        var (s, u, sS, sU, uS, uU) = sums;
        for (; i < lambda.Length; i++)
        {
            double l = lambda[i], t = teacher[i], mf = mFrozen[i], vf = vFrozen[i];
            double a = l * (k.Alpha - wick * 24 * l * vf), b = l * k.Beta * t;
            Linear(a, h, out double ea, out double pa, out double dea, out double dpa);
            double m1 = ea * m0[i] + b * pa;
            double m1S = (dea * m0[i] + b * dpa) * (-12 * l), m1U = 8 * l * t * pa;
            double c = 2 * l * k.Alpha + wick * l * l * (16 * t * t - 48 * (vf + mf * mf));
            double q = mf * mf + vf, ll = wick * l * l;
            double f = _noise * (l * k.K0 + ll * (q * k.Kq + mf * t * k.Km + t * t * k.Kt));
            double fS = _noise * (l * k.K0S + ll * (q * k.KqS + mf * t * k.KmS + t * t * k.KtS));
            double fU = _noise * (l * k.K0U + ll * (q * k.KqU + mf * t * k.KmU + t * t * k.KtU));
            Linear(c, h, out double ec, out double pc, out double dec, out double dpc);
            // Near the optimum K0 is a cancellation (0 at s = u = s*, σ = 0), so rounding can push a vanishing variance below 0.
            double v1 = Math.Max(0, ec * v0[i] + f * pc);
            double v1S = (dec * v0[i] + f * dpc) * (-24 * l) + pc * fS, v1U = pc * fU;
            _mNext[i] = m1;
            _vNext[i] = v1;
            s += l * (m1 * m1 + v1);
            u += l * m1 * t;
            sS += l * (2 * m1 * m1S + v1S);
            sU += l * (2 * m1 * m1U + v1U);
            uS += l * t * m1S;
            uU += l * t * m1U;
        }
        s1 = s;
        u1 = u;
        s1S = sS;
        s1U = sU;
        u1S = uS;
        u1U = uU;
    }

    /// <summary>The start of a leap as the rate pass saw it: fluctuations, ṡ and u̇.</summary>
    private readonly record struct StartOfLeap(SgdOdeScalars.Fluctuations Fluctuations, double SDot, double UDot);

    private SgdOdeScalars.Fluctuations FluctuationsOf(ReadOnlySpan<double> m, ReadOnlySpan<double> v) =>
        Closure == SgdOdeClosure.Wick ? SgdOdeScalars.Fluctuations.Of(Problem.Spectrum.Lambda, Problem.Teacher, m, v) : default;

    /// <summary>x' = rate·x + f over h: x(h) = e^{rate·h} x + f·hφ(rate·h); also both factors' derivatives in the rate.</summary>
    private static void Linear(double rate, double h, out double growth, out double drive, out double growthSlope, out double driveSlope) =>
        new FlowCoefficients(h).Compute(1, rate, out growth, out drive, out growthSlope, out driveSlope);
}
