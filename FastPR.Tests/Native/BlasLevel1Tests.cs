using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Dot, Axpy and Scal against the scalar oracle for every length 0..64 (all SIMD remainders) and two large ones.</summary>
public class BlasLevel1Tests
{
    public static IEnumerable<object[]> Lengths() => TestData.VectorLengths();

    [MklTheory]
    [MemberData(nameof(Lengths))]
    public void DotDouble(int n)
    {
        double[] x = TestData.Doubles(n, 1), y = TestData.Doubles(n, 2);
        var (expected, scale) = ScalarBlas.Dot(x, y);
        Tolerance.Close(expected, Blas.Dot(x, y), scale, Tolerance.Double, $"ddot n={n}");
    }

    [MklTheory]
    [MemberData(nameof(Lengths))]
    public void DotSingle(int n)
    {
        double[] x = TestData.FloatRepresentable(n, 3), y = TestData.FloatRepresentable(n, 4);
        var (expected, scale) = ScalarBlas.Dot(x, y);
        Tolerance.Close(expected, Blas.Dot(TestData.ToSingle(x), TestData.ToSingle(y)), scale, Tolerance.Single, $"sdot n={n}");
    }

    [MklTheory]
    [MemberData(nameof(Lengths))]
    public void AxpyDouble(int n)
    {
        const double alpha = -0.8125;
        double[] x = TestData.Doubles(n, 5), y = TestData.Doubles(n, 6);
        double[] expected = new double[n], scale = new double[n];
        for (int i = 0; i < n; i++)
        {
            expected[i] = (alpha * x[i]) + y[i];
            scale[i] = Math.Abs(alpha * x[i]) + Math.Abs(y[i]);
        }

        Blas.Axpy(alpha, x, y);
        Tolerance.AllClose(expected, y, scale, Tolerance.Double, $"daxpy n={n}");
    }

    [MklTheory]
    [MemberData(nameof(Lengths))]
    public void AxpySingle(int n)
    {
        const float alpha = 1.375f;
        double[] x = TestData.FloatRepresentable(n, 7), y = TestData.FloatRepresentable(n, 8);
        double[] expected = new double[n], scale = new double[n];
        for (int i = 0; i < n; i++)
        {
            expected[i] = (alpha * x[i]) + y[i];
            scale[i] = Math.Abs(alpha * x[i]) + Math.Abs(y[i]);
        }

        float[] ys = TestData.ToSingle(y);
        Blas.Axpy(alpha, TestData.ToSingle(x), ys);
        Tolerance.AllClose(expected, TestData.ToDouble(ys), scale, Tolerance.Single, $"saxpy n={n}");
    }

    [MklTheory]
    [MemberData(nameof(Lengths))]
    public void ScalDouble(int n)
    {
        const double alpha = -3.1;
        double[] x = TestData.Doubles(n, 9);
        double[] expected = Array.ConvertAll(x, v => alpha * v);
        double[] scale = Array.ConvertAll(expected, Math.Abs);
        Blas.Scal(alpha, x);
        Tolerance.AllClose(expected, x, scale, Tolerance.Double, $"dscal n={n}");
    }

    [MklTheory]
    [MemberData(nameof(Lengths))]
    public void ScalSingle(int n)
    {
        const float alpha = 0.7f;
        double[] x = TestData.FloatRepresentable(n, 10);
        double[] expected = Array.ConvertAll(x, v => alpha * v);
        double[] scale = Array.ConvertAll(expected, Math.Abs);
        float[] xs = TestData.ToSingle(x);
        Blas.Scal(alpha, xs);
        Tolerance.AllClose(expected, TestData.ToDouble(xs), scale, Tolerance.Single, $"sscal n={n}");
    }

    [MklFact]
    public void DotOfEmptyIsZero()
    {
        Assert.Equal(0.0, Blas.Dot(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        Assert.Equal(0.0f, Blas.Dot(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty));
    }

    [MklFact]
    public void Level1AllocatesNothing()
    {
        double[] x = TestData.Doubles(257, 11), y = TestData.Doubles(257, 12);
        float[] xs = TestData.ToSingle(x), ys = TestData.ToSingle(y);
        Blas.Dot(x, y);
        Blas.Dot(xs, ys);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Blas.Dot(x, y);
            Blas.Axpy(1e-3, x, y);
            Blas.Scal(0.999, y);
            Blas.Dot(xs, ys);
            Blas.Axpy(1e-3f, xs, ys);
            Blas.Scal(0.999f, ys);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
