using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Gemm against the scalar oracle: both layouts, all four transpose pairs, empty dimensions, minimal and padded leading dimensions.</summary>
public class BlasGemmTests
{
    private const double CPadding = 12345.0;

    private static readonly (int M, int N, int K)[] Shapes =
    [
        (0, 0, 0), (0, 4, 2), (3, 0, 2), (3, 4, 0), (1, 1, 1), (2, 3, 4), (7, 5, 9), (16, 17, 18), (33, 31, 65), (65, 67, 129),
    ];

    public static IEnumerable<object[]> Cases() =>
        from layout in new[] { CblasLayout.RowMajor, CblasLayout.ColMajor }
        from transA in new[] { CblasTranspose.NoTrans, CblasTranspose.Trans }
        from transB in new[] { CblasTranspose.NoTrans, CblasTranspose.Trans }
        from shape in Shapes
        from pad in new[] { 0, 3 }
        select new object[] { layout, transA, transB, shape.M, shape.N, shape.K, pad };

    [MklTheory]
    [MemberData(nameof(Cases))]
    public void MatchesOracle(CblasLayout layout, CblasTranspose transA, CblasTranspose transB, int m, int n, int k, int pad)
    {
        const double alpha = -1.25, beta = 0.5;
        bool rowMajor = layout == CblasLayout.RowMajor;
        (int rowsA, int colsA) = transA == CblasTranspose.NoTrans ? (m, k) : (k, m);
        (int rowsB, int colsB) = transB == CblasTranspose.NoTrans ? (k, n) : (n, k);
        int lda = Math.Max(1, rowMajor ? colsA : rowsA) + pad;
        int ldb = Math.Max(1, rowMajor ? colsB : rowsB) + pad;
        int ldc = Math.Max(1, rowMajor ? n : m) + pad;
        int innerC = rowMajor ? n : m;
        string context = $"gemm {layout} {transA} {transB} m={m} n={n} k={k} ld={lda},{ldb},{ldc}";

        double[] a = TestData.Matrix(layout, rowsA, colsA, lda, 31, double.NaN, floatRepresentable: false);
        double[] b = TestData.Matrix(layout, rowsB, colsB, ldb, 32, double.NaN, floatRepresentable: false);
        double[] c = TestData.Matrix(layout, m, n, ldc, 33, CPadding, floatRepresentable: false);
        var (expected, scale) = ScalarBlas.Gemm(layout, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        Blas.Gemm(layout, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        CheckC(expected, c, scale, ldc, innerC, Tolerance.Double, $"d{context}");

        double[] af = TestData.Matrix(layout, rowsA, colsA, lda, 34, double.NaN, floatRepresentable: true);
        double[] bf = TestData.Matrix(layout, rowsB, colsB, ldb, 35, double.NaN, floatRepresentable: true);
        double[] cf = TestData.Matrix(layout, m, n, ldc, 36, CPadding, floatRepresentable: true);
        (expected, scale) = ScalarBlas.Gemm(layout, transA, transB, m, n, k, alpha, af, lda, bf, ldb, beta, cf, ldc);
        float[] cs = TestData.ToSingle(cf);
        Blas.Gemm(layout, transA, transB, m, n, k, (float)alpha, TestData.ToSingle(af), lda, TestData.ToSingle(bf), ldb, (float)beta, cs, ldc);
        CheckC(expected, TestData.ToDouble(cs), scale, ldc, innerC, Tolerance.Single, $"s{context}");
    }

    [MklFact]
    public void BetaZeroIgnoresNaNInC()
    {
        const int m = 5, n = 4, k = 3;
        double[] a = TestData.Doubles(m * k, 37), b = TestData.Doubles(k * n, 38), c = new double[m * n];
        Array.Fill(c, double.NaN);
        var (expected, scale) = ScalarBlas.Gemm(
            CblasLayout.RowMajor, CblasTranspose.NoTrans, CblasTranspose.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
        Blas.Gemm(CblasLayout.RowMajor, CblasTranspose.NoTrans, CblasTranspose.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
        Tolerance.AllClose(expected, c, scale, Tolerance.Double, "gemm beta=0");
    }

    [MklFact]
    public void AllocatesNothing()
    {
        const int m = 12, n = 10, k = 8;
        double[] a = TestData.Doubles(m * k, 39), b = TestData.Doubles(k * n, 40), c = new double[m * n];
        float[] af = TestData.ToSingle(a), bf = TestData.ToSingle(b), cf = new float[m * n];
        Blas.Gemm(CblasLayout.RowMajor, CblasTranspose.NoTrans, CblasTranspose.NoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
        Blas.Gemm(CblasLayout.RowMajor, CblasTranspose.NoTrans, CblasTranspose.NoTrans, m, n, k, 1f, af, k, bf, n, 0f, cf, n);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Blas.Gemm(CblasLayout.RowMajor, CblasTranspose.NoTrans, CblasTranspose.NoTrans, m, n, k, 1.0, a, k, b, n, 0.5, c, n);
            Blas.Gemm(CblasLayout.ColMajor, CblasTranspose.Trans, CblasTranspose.Trans, m, n, k, 1f, af, k, bf, n, 0.5f, cf, m);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // Elements match the oracle; padding between rows or columns of C is untouched, bit for bit.
    private static void CheckC(double[] expected, double[] actual, double[] scale, int ldc, int innerC, double relative, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            if (TestData.IsPadding(i, ldc, innerC))
            {
                Assert.True(actual[i] == CPadding, $"{context}: padding [{i}] changed to {actual[i]}");
            }
            else
            {
                Tolerance.Close(expected[i], actual[i], scale[i], relative, $"{context} [{i}]");
            }
        }
    }
}
