namespace FastPR.Native;

public static unsafe partial class Blas
{
    /// <summary>C := alpha·op(A)·op(B) + beta·C with op(A) m × k, op(B) k × n, C m × n (cblas_dgemm).</summary>
    /// <param name="layout">Storage order of all three matrices.</param>
    /// <param name="transA">op(A) = A (stored m × k) or Aᵀ (stored k × m).</param>
    /// <param name="transB">op(B) = B (stored k × n) or Bᵀ (stored n × k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of op(A)·op(B).</param>
    /// <param name="a">Matrix A as stored.</param>
    /// <param name="lda">Leading dimension of A, at least its contiguous extent (and ≥ 1).</param>
    /// <param name="b">Matrix B as stored.</param>
    /// <param name="ldb">Leading dimension of B, at least its contiguous extent (and ≥ 1).</param>
    /// <param name="beta">Scale of the old C; 0 overwrites.</param>
    /// <param name="c">Matrix C, m × n.</param>
    /// <param name="ldc">Leading dimension of C: ≥ max(1, n) row-major, ≥ max(1, m) column-major.</param>
    /// <exception cref="ArgumentException">A dimension is negative, an enum is unknown, a leading dimension is too small or a span is too short.</exception>
    public static void Gemm(
        CblasLayout layout, CblasTranspose transA, CblasTranspose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        CheckGemm(layout, transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            ScaleOutput(layout, m, n, c, ldc, beta);
            return;
        }

        MklLibrary.EnsureLoaded();
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
        {
            MklImports.cblas_dgemm((int)layout, (int)transA, (int)transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    /// <summary>C := alpha·op(A)·op(B) + beta·C in single precision (cblas_sgemm). Arguments as for the double overload.</summary>
    /// <param name="layout">Storage order of all three matrices.</param>
    /// <param name="transA">op(A) = A (stored m × k) or Aᵀ (stored k × m).</param>
    /// <param name="transB">op(B) = B (stored k × n) or Bᵀ (stored n × k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of op(A)·op(B).</param>
    /// <param name="a">Matrix A as stored.</param>
    /// <param name="lda">Leading dimension of A, at least its contiguous extent (and ≥ 1).</param>
    /// <param name="b">Matrix B as stored.</param>
    /// <param name="ldb">Leading dimension of B, at least its contiguous extent (and ≥ 1).</param>
    /// <param name="beta">Scale of the old C; 0 overwrites.</param>
    /// <param name="c">Matrix C, m × n.</param>
    /// <param name="ldc">Leading dimension of C: ≥ max(1, n) row-major, ≥ max(1, m) column-major.</param>
    /// <exception cref="ArgumentException">A dimension is negative, an enum is unknown, a leading dimension is too small or a span is too short.</exception>
    public static void Gemm(
        CblasLayout layout, CblasTranspose transA, CblasTranspose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        CheckGemm(layout, transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            ScaleOutput(layout, m, n, c, ldc, beta);
            return;
        }

        MklLibrary.EnsureLoaded();
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            MklImports.cblas_sgemm((int)layout, (int)transA, (int)transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private static void CheckGemm(
        CblasLayout layout, CblasTranspose transA, CblasTranspose transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        BlasArguments.Layout(layout);
        BlasArguments.Transpose(transA, nameof(transA));
        BlasArguments.Transpose(transB, nameof(transB));
        BlasArguments.Dimension(m, nameof(m));
        BlasArguments.Dimension(n, nameof(n));
        BlasArguments.Dimension(k, nameof(k));
        bool plainA = transA == CblasTranspose.NoTrans;
        bool plainB = transB == CblasTranspose.NoTrans;
        BlasArguments.Matrix(layout, plainA ? m : k, plainA ? k : m, lda, aLength, "a", nameof(lda));
        BlasArguments.Matrix(layout, plainB ? k : n, plainB ? n : k, ldb, bLength, "b", nameof(ldb));
        BlasArguments.Matrix(layout, m, n, ldc, cLength, "c", nameof(ldc));
    }
}
