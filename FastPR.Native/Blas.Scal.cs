namespace FastPR.Native;

public static unsafe partial class Blas
{
    /// <summary>x := alpha·x (cblas_dscal).</summary>
    /// <param name="alpha">Scale.</param>
    /// <param name="x">Vector scaled in place.</param>
    public static void Scal(double alpha, Span<double> x)
    {
        if (x.IsEmpty)
        {
            return;
        }

        MklLibrary.EnsureLoaded();
        fixed (double* px = x)
        {
            MklImports.cblas_dscal(x.Length, alpha, px, 1);
        }
    }

    /// <summary>x := alpha·x in single precision (cblas_sscal).</summary>
    /// <param name="alpha">Scale.</param>
    /// <param name="x">Vector scaled in place.</param>
    public static void Scal(float alpha, Span<float> x)
    {
        if (x.IsEmpty)
        {
            return;
        }

        MklLibrary.EnsureLoaded();
        fixed (float* px = x)
        {
            MklImports.cblas_sscal(x.Length, alpha, px, 1);
        }
    }
}
