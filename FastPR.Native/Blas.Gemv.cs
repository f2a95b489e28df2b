namespace FastPR.Native;

public static unsafe partial class Blas
{
    /// <summary>y := alpha·op(A)·x + beta·y with A an m × n matrix and unit strides (cblas_dgemv).</summary>
    /// <param name="layout">Storage order of <paramref name="a"/>.</param>
    /// <param name="trans">op(A) = A or Aᵀ.</param>
    /// <param name="m">Rows of A as stored (before op).</param>
    /// <param name="n">Columns of A as stored (before op).</param>
    /// <param name="alpha">Scale of op(A)·x.</param>
    /// <param name="a">The matrix; at least (outer − 1)·lda + inner elements.</param>
    /// <param name="lda">Leading dimension: ≥ max(1, n) row-major, ≥ max(1, m) column-major.</param>
    /// <param name="x">Length n (NoTrans) or m (Trans).</param>
    /// <param name="beta">Scale of the old y; 0 overwrites.</param>
    /// <param name="y">Length m (NoTrans) or n (Trans).</param>
    /// <exception cref="ArgumentException">A dimension is negative, an enum is unknown, lda is too small or a span has the wrong length.</exception>
    public static void Gemv(
        CblasLayout layout, CblasTranspose trans, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        CheckGemv(layout, trans, m, n, a.Length, lda, x.Length, y.Length);
        if (y.IsEmpty)
        {
            return;
        }

        if (x.IsEmpty)
        {
            ScaleOutput(y, beta);
            return;
        }

        MklLibrary.EnsureLoaded();
        fixed (double* pa = a)
        fixed (double* px = x)
        fixed (double* py = y)
        {
            MklImports.cblas_dgemv((int)layout, (int)trans, m, n, alpha, pa, lda, px, 1, beta, py, 1);
        }
    }

    private static void CheckGemv(CblasLayout layout, CblasTranspose trans, int m, int n, int aLength, int lda, int xLength, int yLength)
    {
        BlasArguments.Layout(layout);
        BlasArguments.Transpose(trans, nameof(trans));
        BlasArguments.Dimension(m, nameof(m));
        BlasArguments.Dimension(n, nameof(n));
        BlasArguments.Matrix(layout, m, n, lda, aLength, "a", nameof(lda));
        bool plain = trans == CblasTranspose.NoTrans;
        BlasArguments.ExactLength(xLength, plain ? n : m, "x", plain ? "op(A) = A (n columns)" : "op(A) = A^T (m rows of A)");
        BlasArguments.ExactLength(yLength, plain ? m : n, "y", plain ? "op(A) = A (m rows)" : "op(A) = A^T (n columns of A)");
    }
}
