namespace FastPR.Native;

public static unsafe partial class Blas
{
    /// <summary>y := alpha·x + y (cblas_daxpy).</summary>
    /// <param name="alpha">Scale of x.</param>
    /// <param name="x">Input vector.</param>
    /// <param name="y">Accumulator, same length as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        BlasArguments.ExactLength(y.Length, x.Length, nameof(y), "x");
        if (x.IsEmpty)
        {
            return;
        }

        MklLibrary.EnsureLoaded();
        fixed (double* px = x)
        fixed (double* py = y)
        {
            MklImports.cblas_daxpy(x.Length, alpha, px, 1, py, 1);
        }
    }

    /// <summary>y := alpha·x + y in single precision (cblas_saxpy).</summary>
    /// <param name="alpha">Scale of x.</param>
    /// <param name="x">Input vector.</param>
    /// <param name="y">Accumulator, same length as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        BlasArguments.ExactLength(y.Length, x.Length, nameof(y), "x");
        if (x.IsEmpty)
        {
            return;
        }

        MklLibrary.EnsureLoaded();
        fixed (float* px = x)
        fixed (float* py = y)
        {
            MklImports.cblas_saxpy(x.Length, alpha, px, 1, py, 1);
        }
    }
}
