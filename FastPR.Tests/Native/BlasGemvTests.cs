using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Gemv against the scalar oracle: both layouts, both transposes, empty and skinny shapes, minimal and padded lda.</summary>
public class BlasGemvTests
{
    private static readonly (int M, int N)[] Shapes =
    [
        (0, 0), (0, 3), (3, 0), (1, 1), (1, 7), (7, 1), (2, 3), (5, 8), (16, 17), (33, 64), (64, 33), (1000, 37), (37, 1000),
    ];

    public static IEnumerable<object[]> Cases() =>
        from layout in new[] { CblasLayout.RowMajor, CblasLayout.ColMajor }
        from trans in new[] { CblasTranspose.NoTrans, CblasTranspose.Trans }
        from shape in Shapes
        from pad in new[] { 0, 5 }
        select new object[] { layout, trans, shape.M, shape.N, pad };

    [MklTheory]
    [MemberData(nameof(Cases))]
    public void MatchesOracle(CblasLayout layout, CblasTranspose trans, int m, int n, int pad)
    {
        const double alpha = 0.75, beta = -0.5;
        int lda = Math.Max(1, layout == CblasLayout.RowMajor ? n : m) + pad;
        int xLength = trans == CblasTranspose.NoTrans ? n : m;
        int yLength = trans == CblasTranspose.NoTrans ? m : n;
        string context = $"gemv {layout} {trans} m={m} n={n} lda={lda}";

        double[] a = TestData.Matrix(layout, m, n, lda, 21, double.NaN);
        double[] x = TestData.Doubles(xLength, 22), y = TestData.Doubles(yLength, 23);
        var (expected, scale) = ScalarBlas.Gemv(layout, trans, m, n, alpha, a, lda, x, beta, y);
        Blas.Gemv(layout, trans, m, n, alpha, a, lda, x, beta, y);
        Tolerance.AllClose(expected, y, scale, Tolerance.Double, $"d{context}");
    }

    [MklTheory]
    [InlineData(CblasLayout.RowMajor, CblasTranspose.NoTrans)]
    [InlineData(CblasLayout.ColMajor, CblasTranspose.Trans)]
    public void BetaZeroIgnoresNaNInY(CblasLayout layout, CblasTranspose trans)
    {
        const int m = 9, n = 6;
        int lda = layout == CblasLayout.RowMajor ? n : m;
        double[] a = TestData.Matrix(layout, m, n, lda, 27, double.NaN);
        double[] x = TestData.Doubles(trans == CblasTranspose.NoTrans ? n : m, 28);
        double[] y = new double[trans == CblasTranspose.NoTrans ? m : n];
        Array.Fill(y, double.NaN);
        var (expected, scale) = ScalarBlas.Gemv(layout, trans, m, n, 1.5, a, lda, x, 0, y);
        Blas.Gemv(layout, trans, m, n, 1.5, a, lda, x, 0, y);
        Tolerance.AllClose(expected, y, scale, Tolerance.Double, "gemv beta=0");
    }

    [MklFact]
    public void EmptyInnerDimensionScalesY()
    {
        double[] y = [1, -2, 4];
        Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, 3, 0, 2.0, [], 1, [], -0.5, y);
        Assert.Equal([-0.5, 1, -2], y);

        double[] overwritten = [double.NaN, 3];
        Blas.Gemv(CblasLayout.ColMajor, CblasTranspose.Trans, 0, 2, 1.0, [], 1, [], 0.0, overwritten);
        Assert.Equal([0.0, 0.0], overwritten);
    }

    [MklFact]
    public void AllocatesNothing()
    {
        const int m = 40, n = 30;
        double[] a = TestData.Doubles(m * n, 29), x = TestData.Doubles(n, 30), y = new double[m];
        double[] yt = new double[n];
        Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, m, n, 1.0, a, n, x, 0.0, y);
        Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.Trans, m, n, 1.0, a, n, y, 0.0, yt);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, m, n, 1.0, a, n, x, 0.5, y);
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.Trans, m, n, 1.0, a, n, y, 0.5, yt);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
