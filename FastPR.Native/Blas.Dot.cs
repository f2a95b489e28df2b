namespace FastPR.Native;

public static unsafe partial class Blas
{
    /// <summary>Dot product x·y (cblas_ddot).</summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector, same length as <paramref name="x"/>.</param>
    /// <returns>The sum of x[i]·y[i]; 0 for empty vectors.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        BlasArguments.ExactLength(y.Length, x.Length, nameof(y), "x");
        if (x.IsEmpty)
        {
            return 0;
        }

        MklLibrary.EnsureLoaded();
        fixed (double* px = x)
        fixed (double* py = y)
        {
            return MklImports.cblas_ddot(x.Length, px, 1, py, 1);
        }
    }

    /// <summary>Dot product x·y in single precision (cblas_sdot).</summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector, same length as <paramref name="x"/>.</param>
    /// <returns>The sum of x[i]·y[i]; 0 for empty vectors.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        BlasArguments.ExactLength(y.Length, x.Length, nameof(y), "x");
        if (x.IsEmpty)
        {
            return 0;
        }

        MklLibrary.EnsureLoaded();
        fixed (float* px = x)
        fixed (float* py = y)
        {
            return MklImports.cblas_sdot(x.Length, px, 1, py, 1);
        }
    }
}
