using FastPR.Core;

namespace FastPR.Tests;

/// <summary>Small numerical helpers shared by the Core tests (running moments, vector norms, test problems).</summary>
internal static class CoreTestMath
{
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
