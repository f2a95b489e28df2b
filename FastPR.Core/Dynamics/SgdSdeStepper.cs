namespace FastPR.Core;

/// <summary>
/// The sgd-sde (docs/MODEL.md §3.8): dw = −∇L(w) dt + √(η/B) Σ(w)^½ dW, with Σ(w) the exact covariance of one sample's gradient,
/// integrated by Euler–Maruyama with step h = k·η (k SGD steps per SDE step). Σ = Q^½(K0·I + R M Rᵀ)Q^½ with R = [Q^½w, Q^½w*]
/// and the 2×2 M of the sgd-ode's scalars (<see cref="SgdOdeScalars"/>): a diagonal plus a rank-two part, so one step needs
/// d normals and three fused O(d) passes (<see cref="ProjectedKernels"/>). With k = 1 the drift is exactly population GD's step and the noise has SGD's one-step
/// mean and covariance; only its higher cumulants differ from SGD's.
/// </summary>
/// <remarks>
/// Noise: with U an orthonormal basis of span{Q^½w, Q^½w*} and ξ ~ N(0, I_d), n = √K0 (ξ − UUᵀξ) + U C^½ Uᵀξ has covariance
/// K0(I − UUᵀ) + U C Uᵀ, where C = K0·I + (UᵀR) M (UᵀR)ᵀ is the 2×2 restriction (positive semi-definite; clamped against
/// rounding). The basis is the projected engine's: u1 = Q^½w*/‖Q^½w*‖, u2 from Gram–Schmidt of Q^½w against it, done twice.
/// </remarks>
internal sealed class SgdSdeStepper : IScheduledStepper, IResumable
{
    /// <summary>Below this ‖e‖/‖Q^½w‖ the span {Q^½w, Q^½w*} is one-dimensional (as in <see cref="ProjectedSgdEngine"/>).</summary>
    private const double RankTolerance = 1e-12;

    private readonly double[] _draws;
    private readonly double[] _u1;
    private readonly double[] _e; // v − (u1·v)u1 of the current step
    private readonly double _teacherNorm; // ‖Q^½w*‖ = √s*
    private readonly int _batch;
    private double _eta, _h, _noiseScale; // the current step's η, stride·η and √(hη/B)
    private readonly bool _noise;

    /// <summary>Creates the stepper; it owns <paramref name="source"/>. <paramref name="stride"/> SGD steps make one SDE step.</summary>
    public SgdSdeStepper(Problem problem, SgdSettings settings, int stride, IGaussianSource source, bool noise = true)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(source);
        settings.Validate();
        Guard.AtLeast(stride, 1, nameof(stride));
        Problem = problem;
        Source = source;
        Stride = stride;
        _noise = noise;
        _batch = settings.BatchSize;
        _eta = settings.LearningRate;
        _h = stride * settings.LearningRate;
        _noiseScale = Math.Sqrt(_h * settings.LearningRate / settings.BatchSize);
        int d = problem.Dimension;
        _draws = new double[d];
        _u1 = new double[d];
        _e = new double[d];
        ReadOnlySpan<double> sqrtQTeacher = problem.SqrtQTeacher;
        double norm2 = 0;
        foreach (double x in sqrtQTeacher) norm2 += x * x;
        _teacherNorm = Math.Sqrt(norm2);
        if (_teacherNorm > 0)
            for (int i = 0; i < d; i++) _u1[i] = sqrtQTeacher[i] / _teacherNorm;
    }

    /// <inheritdoc />
    public string Name => _noise ? "sgd-sde" : "sgd-sde-without-noise";

    /// <inheritdoc />
    public Problem Problem { get; }

    /// <summary>SGD steps per SDE step.</summary>
    public int Stride { get; }

    /// <summary>Normals per step: d.</summary>
    public int GaussiansPerStep => Problem.Dimension;

    /// <inheritdoc />
    public double TimePerStep => _h;

    /// <summary>The source this stepper draws from; disposed with it.</summary>
    public IGaussianSource Source { get; }

    /// <inheritdoc />
    public void Step(Span<double> w)
    {
        if (_noise) Source.Fill(_draws);
        Update(w, _draws);
    }

    /// <inheritdoc />
    /// <remarks>One step of time stride·η with noise √(stride·η·η/B); later plain steps keep this η.</remarks>
    public void Step(Span<double> w, double learningRate)
    {
        if (learningRate != _eta)
        {
            if (!double.IsFinite(learningRate) || learningRate < 0)
                throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The step size must be finite and ≥ 0.");
            _eta = learningRate;
            _h = Stride * learningRate;
            _noiseScale = Math.Sqrt(_h * learningRate / _batch);
        }
        Step(w);
    }

    /// <summary>One Euler–Maruyama step from the normals <paramref name="xi"/> (d of them; ignored without noise).</summary>
    public void Update(Span<double> w, ReadOnlySpan<double> xi)
    {
        int d = Problem.Dimension;
        Guard.Length(w.Length, d, nameof(w));
        Guard.Length(xi.Length, d, nameof(xi));
        ReadOnlySpan<double> sqrtLambda = Problem.Spectrum.SqrtLambda;

        // The projected engine's fused passes: s = ‖v‖², c1 = u1·v, p1 = u1·ξ (v = Q^½w); then e = v − c1·u1 with ‖e‖², u1·e, e·ξ.
        var (s, c1, p1, _) = ProjectedKernels.Project(sqrtLambda, w, _u1, xi);
        var (ee, ue, eXi) = ProjectedKernels.Residual(sqrtLambda, w, _u1, c1, xi, _e);
        double t = _teacherNorm;
        double u = t * c1; // wᵀQw* = v·v* = t·(u1·v)
        var k = new SgdOdeScalars(s, u, Problem.SStar, Problem.Sigma);
        double alpha = k.Alpha, beta = k.Beta;

        // The basis: U1 = u1 (when the teacher is non-zero), U2 = (e − κu1)/c2. v = (c1 + κ)U1 + c2·U2, v* = t·U1.
        double kappa = t > 0 ? ue : 0;
        double c2 = Math.Sqrt(Math.Max(0, ee - kappa * (2 * ue - kappa)));
        bool rank2 = c2 > RankTolerance * Math.Sqrt(s) && c2 > 0;
        double inverseC2 = rank2 ? 1 / c2 : 0;
        double a1 = 0, a2 = 0, sqrtK0 = 0;
        if (_noise)
        {
            double k0 = Math.Max(0, k.K0);
            sqrtK0 = Math.Sqrt(k0);
            double r1 = c1 + kappa, r2 = rank2 ? c2 : 0;
            // C = K0·I + Kq r rᵀ + (Km/2)(r tᵀ + t rᵀ) + Kt ttᵀ, with r = (r1, r2) and the teacher's coordinates (t, 0).
            double cxx = k0 + k.Kq * r1 * r1 + k.Km * r1 * t + k.Kt * t * t;
            double cxy = k.Kq * r1 * r2 + 0.5 * k.Km * r2 * t;
            double cyy = k0 + k.Kq * r2 * r2;
            if (t == 0) { cxx = k0; cxy = 0; } // no U1 direction: its draw is unused
            var (l11, l12, l22) = SymmetricSqrt(cxx, cxy, cyy);
            double y1 = t > 0 ? p1 : 0;
            double y2 = rank2 ? (eXi - kappa * p1) * inverseC2 : 0;
            // (C^½ − √K0·I)·y: what the two directions get beyond the isotropic √K0·ξ.
            a1 = (l11 - sqrtK0) * y1 + l12 * y2;
            a2 = l12 * y1 + (l22 - sqrtK0) * y2;
        }

        // One fused pass: with v = e + c1·u1 and v* = t·u1, the drift hλ(αw + βw*) is h√λ⊙(αe + (αc1 + βt)u1), and the noise
        // √(hη/B)·√λ⊙n with n = √K0·ξ + b1·u1 + b2·e.
        double h = _h, scale = _noiseScale;
        double b1 = a1 - a2 * kappa * inverseC2, b2 = a2 * inverseC2;
        ProjectedKernels.Update(w, sqrtLambda, -1, scale * sqrtK0, xi, h * (alpha * c1 + beta * t) + scale * b1, _u1, h * alpha + scale * b2, _e);
    }

    /// <summary>The square root of the symmetric 2×2 [[a, b], [b, c]] after clamping its eigenvalues at 0.</summary>
    internal static (double L11, double L12, double L22) SymmetricSqrt(double a, double b, double c)
    {
        double mean = 0.5 * (a + c), half = 0.5 * (a - c);
        double radius = Math.Sqrt(half * half + b * b);
        double e1 = mean + radius, e2 = mean - radius;
        double s1 = Math.Sqrt(Math.Max(0, e1)), s2 = Math.Sqrt(Math.Max(0, e2));
        if (radius == 0) return (s1, 0, s1);
        // Eigenvector of e1: (cos θ, sin θ) with cos 2θ = half/radius, sin 2θ = b/radius.
        double cos2 = half / radius, sin2 = b / radius;
        double cc = 0.5 * (1 + cos2), ss = 0.5 * (1 - cos2), cs = 0.5 * sin2;
        return (s1 * cc + s2 * ss, (s1 - s2) * cs, s1 * ss + s2 * cc);
    }

    /// <inheritdoc />
    public bool CanSaveState => Source is IResumable { CanSaveState: true };

    /// <inheritdoc />
    public byte[] SaveState() =>
        Source is IResumable { CanSaveState: true } source ? source.SaveState() : throw new NotSupportedException($"The Gaussian source {Source.Name} cannot save its state.");

    /// <inheritdoc />
    public void RestoreState(ReadOnlySpan<byte> state)
    {
        if (Source is not IResumable source) throw new NotSupportedException($"The Gaussian source {Source.Name} cannot restore a state.");
        source.RestoreState(state);
    }

    /// <inheritdoc />
    public void Dispose() => Source.Dispose();
}
