namespace FastPR.Core;

/// <summary>
/// Online minibatch SGD sampled exactly in law with d + 2B normals per step instead of B·d (docs/MODEL.md §6).
/// <para>
/// <b>Why it is exact.</b> With v = Q^½w, v* = Q^½w* and U an orthonormal basis of span{v, v*}, the batch enters the
/// labels and predictions only through A = G·U (B×2, i.i.d. N(0, 1)), and G·U⊥ is independent of A. Hence
/// Gᵀr =law U(Aᵀr) + ‖r‖(I − UUᵀ)ξ with ξ ~ N(0, I_d), and the step w ← w − (η/B)·Q^½Gᵀr has exactly the law of the
/// explicit one. Trajectories agree in distribution, not sample by sample.
/// </para>
/// <para>
/// <b>Buffer layout</b> (<see cref="SgdEngine.GaussiansPerStep"/> = 2B + d, plus B when σ &gt; 0):
/// A as B×2 row-major (A[b,0] at 2b, A[b,1] at 2b + 1), then ξ (d), then the label noise (B, only when σ &gt; 0).
/// </para>
/// <para>
/// <b>Basis.</b> u1 = v*/‖v*‖ is fixed. Each step, e = v − (u1·v)u1 is projected against u1 once more (classical
/// Gram–Schmidt twice, the second pass folded into the coefficients) to give e′, and u2 = e′/‖e′‖.
/// When ‖e′‖ ≤ <see cref="RankTolerance"/>·‖v‖ the span is taken as rank 1 and v as (u1·v)u1: the omitted component
/// moves z by at most 10⁻¹² relative, and the threshold sits a few thousand ulps above the rounding noise of e′
/// (≈ ε‖v‖), so w = 0, ±w* and w*(1 + 10⁻¹⁴) are all rank 1. Then only A's first column is used; the second is still
/// drawn, so <see cref="SgdEngine.GaussiansPerStep"/> and the stream positions do not depend on w, and ignoring
/// independent draws leaves the law exact. The teacher's coordinates come from
/// the same arithmetic as the student's, so at w = ±w* with σ = 0 the residual r is exactly 0 and w does not move.
/// A zero teacher is handled with u1 = v/‖v‖.
/// </para>
/// Cost: two fused O(d) passes plus O(B) (three within 10⁻³ rad of ±w*, see <see cref="WellConditioned"/>); no allocation
/// after construction; the state stays in double.
/// <para>
/// <b>B = 1.</b> The sampler saves nothing there (d + 2 normals against d) and costs more per coordinate than the explicit
/// step: four sums and a three-vector update against two sums and a one-vector update, then a serial chain of square roots
/// and divisions between the sweeps (BENCHMARKS.md, issue #26, B = 1 session). So at B = 1 the engine takes the explicit
/// step with ξ as the data row, g = ξ: ξ ~ N(0, I_d) is exactly a row of G, so the law is the model's own. A's two normals
/// are still drawn and ignored, so the buffer layout and the stream positions are those of every B. The result equals
/// <see cref="MklSgdEngine"/>'s step on ξ (and the label noise) bit for bit.
/// </para>
/// </summary>
public sealed class ProjectedSgdEngine : SgdEngine
{
    /// <summary>Below this ‖e‖/‖v‖ the span {v, v*} is treated as one-dimensional.</summary>
    public const double RankTolerance = 1e-12;

    private readonly bool _dropOrthogonalNoise;
    private readonly bool _teacherIsZero;
    // The d-vectors the sweeps stream are cache-line aligned, and so is ξ in Step's draws (CacheAligned says why).
    private readonly ArraySegment<double> _sqrtLambda; // √λ
    private readonly ArraySegment<double> _u1;         // v*/‖v*‖, or all zeros for a zero teacher
    private readonly ArraySegment<double> _residual;   // e of the current step
    private readonly double _u1Norm2;    // ‖u1‖², 1 up to rounding
    private readonly double _teacherCoordinate; // v* = t·u1
    // B = 1: the explicit step on ξ (see the remarks), with the explicit engine's kernels and buffers.
    private readonly bool _explicitAtBatchOne;
    private readonly ArraySegment<double> _teacherProjection; // Q^½w*
    private readonly double[] _rowSums = new double[3];       // z, z*, r

    /// <summary>Creates the engine; it owns <paramref name="source"/>.</summary>
    public ProjectedSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source)
        : this(problem, settings, source, dropOrthogonalNoise: false) { }

    /// <summary>
    /// With <paramref name="dropOrthogonalNoise"/> the ‖r‖(I − UUᵀ)ξ term is omitted: a deliberately wrong sampler that
    /// tests use to show they can tell it apart (docs/MODEL.md §6).
    /// </summary>
    internal ProjectedSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, bool dropOrthogonalNoise)
        : this(problem, settings, source, dropOrthogonalNoise, projectAtBatchOne: false) { }

    /// <summary>
    /// With <paramref name="projectAtBatchOne"/> the projected sampler runs at B = 1 too instead of the explicit step on ξ:
    /// tests hold the sampler's algebra and law there. <paramref name="dropOrthogonalNoise"/> implies it.
    /// </summary>
    internal ProjectedSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, bool dropOrthogonalNoise, bool projectAtBatchOne)
        : base(problem, settings, source, GaussiansFor(problem, settings.BatchSize), alignedDraw: 2 * settings.BatchSize)
    {
        _dropOrthogonalNoise = dropOrthogonalNoise;
        int d = problem.Dimension;
        _sqrtLambda = CacheAligned.Copy(problem.Spectrum.SqrtLambda);
        _u1 = CacheAligned.Allocate<double>(d);
        _residual = CacheAligned.Allocate<double>(d);
        _explicitAtBatchOne = settings.BatchSize == 1 && !dropOrthogonalNoise && !projectAtBatchOne;
        _teacherProjection = CacheAligned.Copy(_explicitAtBatchOne ? problem.SqrtQTeacher : default);
        ReadOnlySpan<double> sqrtQTeacher = problem.SqrtQTeacher;
        double norm = Math.Sqrt(SumOfSquares(sqrtQTeacher));
        _teacherIsZero = norm == 0;
        if (_teacherIsZero) return;
        for (int i = 0; i < d; i++) _u1[i] = sqrtQTeacher[i] / norm;
        _u1Norm2 = SumOfSquares(_u1);
        // The teacher's coordinate comes from the same arithmetic as a student's, so w = ±w* reproduces it bit for bit.
        _teacherCoordinate = Decompose(problem.Teacher, _u1).C1;
    }

    /// <inheritdoc />
    public override string Name => _dropOrthogonalNoise ? "projected-without-orthogonal-noise" : "projected";

    /// <summary>Normals per step: 2B + d, plus B when the problem has label noise.</summary>
    public static int GaussiansFor(Problem problem, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        long count = 2L * batchSize + problem.Dimension + (problem.Sigma > 0 ? batchSize : 0);
        if (count > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(batchSize), $"2·batch + d = {count} exceeds one buffer.");
        return (int)count;
    }

    /// <inheritdoc />
    public override void Update(Span<double> w, ReadOnlySpan<double> gaussians)
    {
        CheckUpdateArguments(w, gaussians);
        int d = Problem.Dimension, batch = BatchSize;
        ReadOnlySpan<double> a = gaussians[..(2 * batch)];
        ReadOnlySpan<double> xi = gaussians.Slice(2 * batch, d);
        ReadOnlySpan<double> noise = Problem.Sigma > 0 ? gaussians.Slice(2 * batch + d, batch) : default;
        if (_explicitAtBatchOne)
        {
            ExplicitStep(w, xi, noise);
            return;
        }

        Basis basis = Decompose(w, xi);
        if (basis.Rank == 0) return; // v = v* = 0: z = z* = 0, so r = 0
        double c1 = basis.C1, c2 = basis.C2, t1 = _teacherCoordinate;

        // The batch: z = A(Uᵀv), z* = A(Uᵀv*), y = z*² + σξ_b, r = 4(z² − y)z, k = Aᵀr.
        double k1 = 0, k2 = 0, r2 = 0, sigma = Problem.Sigma;
        for (int b = 0; b < batch; b++)
        {
            double a0 = a[2 * b], a1 = a[2 * b + 1];
            double z = a0 * c1 + a1 * c2;
            double zStar = a0 * t1;
            double y = zStar * zStar + (noise.IsEmpty ? 0 : sigma * noise[b]);
            double r = 4 * (z * z - y) * z;
            k1 += a0 * r;
            k2 += a1 * r;
            r2 += r * r;
        }

        // Gᵀr ≐ U1·β1 + U2·β2 + ρξ with β = k − ρUᵀξ and ρ = ‖r‖, expressed on the stored vectors u1 and e.
        double rho = _dropOrthogonalNoise ? 0 : Math.Sqrt(r2);
        double beta1 = k1 - rho * basis.P1;
        double beta2 = basis.Rank == 2 ? k2 - rho * basis.P2 : 0;
        double alphaU = beta1 * basis.U1OnU + beta2 * basis.U2OnU;
        double alphaE = beta1 * basis.U1OnE + beta2 * basis.U2OnE;
        if (basis.ResidualStored) ProjectedKernels.Update(w, _sqrtLambda, StepSize / batch, rho, xi, alphaU, _u1, alphaE, _residual);
        else ProjectedKernels.UpdateFromV(w, _sqrtLambda, StepSize / batch, rho, xi, alphaU - alphaE * basis.EShift, _u1, alphaE); // e = v − EShift·u1
    }

    /// <summary>The explicit step with data row ξ, as <see cref="MklSgdEngine"/> computes it at B = 1.</summary>
    private void ExplicitStep(Span<double> w, ReadOnlySpan<double> xi, ReadOnlySpan<double> noise)
    {
        Span<double> sums = _rowSums;
        ExplicitKernels.Project(xi, 1, _sqrtLambda, w, _teacherProjection, sums[..1], sums[1..2]);
        double z = sums[0], zStar = sums[1];
        double y = zStar * zStar + (noise.IsEmpty ? 0 : Problem.Sigma * noise[0]);
        sums[2] = 4 * (z * z - y) * z;
        // −η/B with B = 1; _residual is only the Gᵀr buffer the kernel's signature asks for (one row, one block: never written).
        ExplicitKernels.Accumulate(xi, 1, sums[2..], _residual, first: true, last: true, _sqrtLambda, -StepSize, w);
    }

    // In index order: TensorPrimitives.SumOfSquares aligns its vector loop to the array's address, so its rounding (and then
    // every step) would change with where the GC placed the problem's arrays.
    private static double SumOfSquares(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double value in x) sum = Math.FusedMultiplyAdd(value, value, sum);
        return sum;
    }

    /// <summary>
    /// An orthonormal basis U1, U2 of span{v, v*}, each written as a combination of u1 and e = v − EShift·u1, with v's
    /// coordinates (C1, C2) and ξ's projections (P1, P2). v* = t·U1 whenever the teacher is non-zero. e is in
    /// <c>_residual</c> when <see cref="ResidualStored"/>; otherwise the update forms it from v on the fly.
    /// </summary>
    private readonly record struct Basis(int Rank, double C1, double C2, double P1, double P2,
        double U1OnU, double U1OnE, double U2OnU, double U2OnE, bool ResidualStored = true, double EShift = 0);

    /// <summary>
    /// ‖e‖² ≥ this·‖v‖² lets <see cref="Decompose"/> take e's sums from the first pass's (‖e‖² = ‖v‖² − (u·v)²(2 − ‖u‖²)):
    /// their rounding, a few ε‖v‖², is then at most ~10⁻⁹ of ‖e‖², so ‖e‖ and U2 are exact to ~10⁻¹⁰ and the law is unchanged.
    /// Closer to v ∥ u1 (within 10⁻³ rad of ±w*) the residual pass computes e explicitly, as Gram–Schmidt twice.
    /// </summary>
    internal const double WellConditioned = 1e-6;

    /// <summary>
    /// Classical Gram–Schmidt twice for v = √λ ⊙ w against u1: e = v − (u1·v)u1 is stored, and the second projection
    /// κ = u1·e/‖u1‖² is folded into the coefficients, U2 = (e − κu1)/‖e − κu1‖. Rank 1 when that norm is at most
    /// <see cref="RankTolerance"/>·‖v‖. For a zero teacher, U1 = v/‖v‖ (e = v since u1 = 0).
    /// </summary>
    private Basis Decompose(ReadOnlySpan<double> w, ReadOnlySpan<double> xi)
    {
        ReadOnlySpan<double> sqrtLambda = _sqrtLambda;
        var (vv, uv, uXi, vXi) = ProjectedKernels.Project(sqrtLambda, w, _u1, xi);
        if (_teacherIsZero)
        {
            if (vv == 0) return default;
            double inverse = 1 / Math.Sqrt(vv);
            return new Basis(1, Math.Sqrt(vv), 0, vXi * inverse, 0, 0, inverse, 0, 0, ResidualStored: false); // e = v since u1 = 0
        }
        double eeFromSums = vv - uv * uv * (2 - _u1Norm2);
        if (eeFromSums >= WellConditioned * vv && vv > 0)
            return FromSums(vv, uv, uXi, eeFromSums, uv * (1 - _u1Norm2), vXi - uv * uXi, residualStored: false);
        var (ee, ue, eXi) = ProjectedKernels.Residual(sqrtLambda, w, _u1, uv, xi, _residual);
        return FromSums(vv, uv, uXi, ee, ue, eXi, residualStored: true);
    }

    /// <summary>The basis from the sums of v and of e = v − (u1·v)u1 (second Gram–Schmidt projection folded in).</summary>
    private Basis FromSums(double vv, double uv, double uXi, double ee, double ue, double eXi, bool residualStored)
    {
        double kappa = ue / _u1Norm2;
        double c1 = uv + kappa;
        double normE = Math.Sqrt(Math.Max(0, ee - kappa * (2 * ue - kappa * _u1Norm2))); // ‖e − κu1‖
        if (!(normE > RankTolerance * Math.Sqrt(vv))) return new Basis(1, c1, 0, uXi, 0, 1, 0, 0, 0, residualStored, uv);
        double inv = 1 / normE;
        return new Basis(2, c1, normE, uXi, (eXi - kappa * uXi) * inv, 1, 0, -kappa * inv, inv, residualStored, uv);
    }
}
