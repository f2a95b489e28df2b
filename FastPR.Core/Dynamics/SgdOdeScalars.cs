namespace FastPR.Core;

/// <summary>
/// The scalar coefficients of the sgd-ode (docs/MODEL.md §3.7) at given (S, U), and their partial derivatives in S and U for
/// the Newton Jacobian. Per coordinate the drift is λ_i(α m_i + β w*_i) and the injected variance per unit time is
/// (η/B)·(λ_i K0 + λ_i²(q_i Kq + m_i w*_i Km + w*_i² Kt)).
/// </summary>
internal readonly struct SgdOdeScalars
{
    public readonly double Alpha, Beta, K0, Kq, Km, Kt;
    public readonly double K0S, K0U, KqS, KqU, KmS, KmU, KtS, KtU;

    /// <summary>
    /// The coefficients at means (s, u); <paramref name="fluctuations"/> holds Var s, Cov(s, u), Var u, by which the Gaussian
    /// closure corrects the mean of the cubic M0 (zero for the high-dimensional closure).
    /// </summary>
    public SgdOdeScalars(double s, double u, double sStar, double sigma, in Fluctuations fluctuations = default)
    {
        double ss = sStar, n2 = sigma * sigma;
        Alpha = 4 * (ss - 3 * s);
        Beta = 8 * u;
        // E[(z² − z*²)² z²] + σ²s and the Stein second derivatives A, C, D of 16[(z² − z*²)² z² + σ² z²] (MODEL.md §3.7).
        double m0 = 15 * s * s * s - 6 * s * s * ss - 24 * s * u * u + 3 * s * ss * ss + 12 * ss * u * u + n2 * s;
        double m0S = 45 * s * s - 12 * s * ss - 24 * u * u + 3 * ss * ss + n2, m0U = -48 * s * u + 24 * ss * u;
        double a = 90 * s * s - 24 * s * ss - 48 * u * u + 6 * ss * ss + 2 * n2, aS = 180 * s - 24 * ss, aU = -96 * u;
        double c = 24 * ss * u - 48 * s * u, cS = -48 * u, cU = 24 * ss - 48 * s;
        double dd = 12 * s * ss + 24 * u * u - 12 * s * s, dS = 12 * ss - 24 * s, dU = 48 * u;
        // E M0(s, u) = M0(S, U) + ½M0_ss Var s + M0_su Cov(s, u) + ½M0_uu Var u, exact for a cubic up to the third cumulant.
        double vs = fluctuations.VarS, csu = fluctuations.CovSU, vu = fluctuations.VarU;
        double correction = 0.5 * (90 * s - 12 * ss) * vs - 48 * u * csu + 0.5 * (24 * ss - 48 * s) * vu;
        K0 = 16 * (m0 + correction);
        K0S = 16 * (m0S + 45 * vs - 24 * vu);
        K0U = 16 * (m0U - 48 * csu);
        // The squared mean gradient λ_i²(αw_i + βw*_i)² is subtracted: only the sampling variance enters (α_S = −12, β_U = 8).
        Kq = 16 * a - Alpha * Alpha;
        KqS = 16 * aS + 24 * Alpha;
        KqU = 16 * aU;
        Km = 32 * c - 2 * Alpha * Beta;
        KmS = 32 * cS + 24 * Beta;
        KmU = 32 * cU - 16 * Alpha;
        Kt = 16 * dd - Beta * Beta;
        KtS = 16 * dS;
        KtU = 16 * dU - 16 * Beta;
    }

    /// <summary>Var s, Cov(s, u), Var u under w ~ N(m, diag(v)): Σλ²(2v² + 4m²v), Σλ² 2m w* v, Σλ² w*² v.</summary>
    public readonly record struct Fluctuations(double VarS, double CovSU, double VarU)
    {
        public static Fluctuations Of(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, ReadOnlySpan<double> m, ReadOnlySpan<double> v)
        {
            double vs = 0, csu = 0, vu = 0;
            for (int i = 0; i < lambda.Length; i++)
            {
                double ll = lambda[i] * lambda[i], mi = m[i], vi = v[i], t = teacher[i];
                vs += ll * (2 * vi * vi + 4 * mi * mi * vi);
                csu += ll * 2 * mi * t * vi;
                vu += ll * t * t * vi;
            }
            return new Fluctuations(vs, csu, vu);
        }
    }

    /// <summary>Var of one sample's gradient coordinate i at a state with these (s, u): λK0 + λ²(w_i² Kq + w_i w*_i Km + w*_i² Kt).</summary>
    public double SampleVariance(double lambda, double w, double teacher) =>
        lambda * K0 + lambda * lambda * (w * w * Kq + w * teacher * Km + teacher * teacher * Kt);
}
