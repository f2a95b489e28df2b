namespace FastPR.Core;

/// <summary>
/// Exact statistics of a state for one problem (docs/MODEL.md §2). Every method is O(K·d) and allocates nothing.
/// </summary>
public sealed class ModelStatistics
{
    private readonly Problem _problem;
    private readonly double _sStar;

    /// <summary>Binds the statistics to a problem.</summary>
    public ModelStatistics(Problem problem)
    {
        _problem = problem ?? throw new ArgumentNullException(nameof(problem));
        _sStar = problem.SStar;
    }

    /// <summary>s* = w*ᵀQw* (1 up to rounding for a drawn teacher).</summary>
    public double SStar => _sStar;

    /// <summary>s^(k) = wᵀQ^k w and u^(k) = wᵀQ^k w* for k = 1…K, K = destination length ≥ 1.</summary>
    public void Moments(ReadOnlySpan<double> w, Span<double> s, Span<double> u)
    {
        int d = _problem.Dimension;
        Guard.Length(w.Length, d, nameof(w));
        Guard.AtLeast(s.Length, 1, "K");
        Guard.Length(u.Length, s.Length, nameof(u));
        s.Clear();
        u.Clear();
        ReadOnlySpan<double> lambda = _problem.Spectrum.Lambda, teacher = _problem.Teacher;
        for (int i = 0; i < d; i++)
        {
            double ww = w[i] * w[i], wt = w[i] * teacher[i], power = lambda[i];
            for (int k = 0; k < s.Length; k++)
            {
                s[k] += power * ww;
                u[k] += power * wt;
                power *= lambda[i];
            }
        }
    }

    /// <summary>s*^(k) = w*ᵀQ^k w* for k = 1…K.</summary>
    public void TeacherMoments(Span<double> sStar)
    {
        Guard.AtLeast(sStar.Length, 1, "K");
        sStar.Clear();
        ReadOnlySpan<double> lambda = _problem.Spectrum.Lambda, teacher = _problem.Teacher;
        for (int i = 0; i < lambda.Length; i++)
        {
            double tt = teacher[i] * teacher[i], power = lambda[i];
            for (int k = 0; k < sStar.Length; k++)
            {
                sStar[k] += power * tt;
                power *= lambda[i];
            }
        }
    }

    /// <summary>L = 3s² + 3s*² − 2ss* − 4u² + σ², exact for Gaussian inputs.</summary>
    public double Loss(double s, double u) => PopulationLoss(s, u, _sStar, _problem.Sigma);

    /// <summary>The closed-form population loss for given scalars.</summary>
    public static double PopulationLoss(double s, double u, double sStar, double sigma) =>
        3 * s * s + 3 * sStar * sStar - 2 * s * sStar - 4 * u * u + sigma * sigma;

    /// <summary>Sign-invariant MSE (1/d)·min(‖w − w*‖², ‖w + w*‖²), summed directly to avoid cancellation.</summary>
    public double Mse(ReadOnlySpan<double> w)
    {
        Guard.Length(w.Length, _problem.Dimension, nameof(w));
        ReadOnlySpan<double> teacher = _problem.Teacher;
        double minus = 0, plus = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double a = w[i] - teacher[i], b = w[i] + teacher[i];
            minus += a * a;
            plus += b * b;
        }
        return Math.Min(minus, plus) / w.Length;
    }

    /// <summary>All recorded statistics of <paramref name="w"/> at time <paramref name="time"/> after <paramref name="step"/> steps.</summary>
    public Snapshot Snapshot(ReadOnlySpan<double> w, double time, long step) => SnapshotOf(_problem, w, time, step);

    /// <summary><see cref="Snapshot(ReadOnlySpan{double}, double, long)"/> without building an instance (the runner must not allocate).</summary>
    internal static Snapshot SnapshotOf(Problem problem, ReadOnlySpan<double> w, double time, long step)
    {
        double sStar = problem.SStar;
        int d = problem.Dimension;
        Guard.Length(w.Length, d, nameof(w));
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher;
        double s = 0, u = 0, s2 = 0, u2 = 0, minus = 0, plus = 0;
        for (int i = 0; i < d; i++)
        {
            double ww = w[i] * w[i], wt = w[i] * teacher[i], lambdaSquared = lambda[i] * lambda[i];
            s += lambda[i] * ww;
            u += lambda[i] * wt;
            s2 += lambdaSquared * ww;
            u2 += lambdaSquared * wt;
            double below = w[i] - teacher[i], above = w[i] + teacher[i];
            minus += below * below;
            plus += above * above;
        }
        return new Snapshot(time, step, s, u, PopulationLoss(s, u, sStar, problem.Sigma), Math.Min(minus, plus) / d, 1 - Math.Abs(u), s2, u2);
    }
}
