using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>
/// The oracle: BLAS as plain loops in double, whatever the input type. Each result comes with its scale, the sum of the
/// absolute values of the terms that formed it, so a tolerance can be relative to what the rounding acts on.
/// </summary>
internal static class ScalarBlas
{
    public static double At(CblasLayout layout, double[] a, int ld, int i, int j) =>
        layout == CblasLayout.RowMajor ? a[(i * ld) + j] : a[(j * ld) + i];

    /// <summary>Element (i, j) of op(A), where A is stored.</summary>
    public static double Op(CblasLayout layout, CblasTranspose trans, double[] a, int ld, int i, int j) =>
        trans == CblasTranspose.NoTrans ? At(layout, a, ld, i, j) : At(layout, a, ld, j, i);

    /// <summary>y := alpha·op(A)·x + beta·y; beta = 0 ignores the old y, as BLAS does.</summary>
    public static (double[] Y, double[] Scale) Gemv(
        CblasLayout layout, CblasTranspose trans, int m, int n, double alpha, double[] a, int lda, double[] x, double beta, double[] y)
    {
        int rows = trans == CblasTranspose.NoTrans ? m : n;
        int inner = trans == CblasTranspose.NoTrans ? n : m;
        var result = new double[rows];
        var scale = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0, abs = 0;
            for (int j = 0; j < inner; j++)
            {
                double term = Op(layout, trans, a, lda, i, j) * x[j];
                sum += term;
                abs += Math.Abs(term);
            }

            double old = beta == 0 ? 0 : beta * y[i];
            result[i] = (alpha * sum) + old;
            scale[i] = (Math.Abs(alpha) * abs) + Math.Abs(old);
        }

        return (result, scale);
    }
}
