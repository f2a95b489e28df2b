using FastPR.Core.Model;

namespace FastPR.Tests.Core;

/// <summary>Small numerical helpers shared by the Core tests (running moments, the normal CDF, vector norms).</summary>
internal static class CoreTestMath
{
    /// <summary>Φ(x), via erfc with fractional error below 1.2e-7 (Numerical Recipes' Chebyshev fit); ample for KS at n = 10^6.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
            t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    public static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v) sum += x * x;
        return Math.Sqrt(sum);
    }

    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }

    /// <summary>The default test problem: normalised spectrum, sphere init.</summary>
    public static Problem MakeProblem(int d, double a, ulong seed, double sigma = 0, InitialPoint init = InitialPoint.Sphere) =>
        new(new ProblemSpec(d, a, Sigma: sigma, Init: init, ProblemSeed: seed));

    /// <summary>The drawn problem with its teacher multiplied by <paramref name="scale"/>, so s* = scale² ≠ 1.</summary>
    public static Problem WithScaledTeacher(Problem drawn, double scale)
    {
        if (scale == 1) return drawn;
        double[] teacher = drawn.Teacher.ToArray();
        for (int i = 0; i < teacher.Length; i++) teacher[i] *= scale;
        return new Problem(drawn.Spec, teacher, drawn.InitialPoint);
    }
}

/// <summary>Welford's running mean and variance (numerically stable for 10^6+ samples).</summary>
internal struct RunningMoments
{
    private double _mean, _m2;

    public long Count { get; private set; }
    public readonly double Mean => _mean;
    public readonly double Variance => Count > 1 ? _m2 / (Count - 1) : double.NaN;
    /// <summary>Standard error of the mean.</summary>
    public readonly double StandardError => Math.Sqrt(Variance / Count);

    public void Add(double x)
    {
        Count++;
        double delta = x - _mean;
        _mean += delta / Count;
        _m2 += delta * (x - _mean);
    }
}
