using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Wrong sizes throw ArgumentException naming the argument, before MKL sees a pointer (so these run without MKL).</summary>
public class BlasArgumentTests
{
    private const CblasLayout Row = CblasLayout.RowMajor;
    private const CblasLayout Col = CblasLayout.ColMajor;
    private const CblasTranspose NoT = CblasTranspose.NoTrans;
    private const CblasTranspose T = CblasTranspose.Trans;

    [Fact]
    public void DotLengthMismatch()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Blas.Dot(new double[3], new double[4])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Blas.Dot(new float[4], new float[3])).ParamName);
    }

    [Fact]
    public void AxpyLengthMismatch()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Blas.Axpy(1.0, new double[3], new double[2])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Blas.Axpy(1f, new float[0], new float[1])).ParamName);
    }

    [Theory]
    [InlineData(Row, NoT, -1, 2, 2, 4, 2, 1, "m")]
    [InlineData(Row, NoT, 2, -1, 1, 4, 1, 2, "n")]
    [InlineData(Row, NoT, 2, 3, 2, 6, 3, 2, "lda")] // lda < n
    [InlineData(Col, NoT, 3, 2, 2, 6, 2, 3, "lda")] // lda < m
    [InlineData(Row, NoT, 2, 3, 3, 5, 3, 2, "a")] // needs 6
    [InlineData(Row, NoT, 2, 3, 4, 6, 3, 2, "a")] // needs (2-1)*4+3 = 7
    [InlineData(Col, T, 3, 2, 3, 6, 2, 2, "x")] // Trans: x has m = 3
    [InlineData(Row, NoT, 2, 3, 3, 6, 3, 3, "y")] // NoTrans: y has m = 2
    [InlineData(Row, T, 2, 3, 3, 6, 2, 2, "y")] // Trans: y has n = 3
    [InlineData(Row, NoT, 0, 3, 2, 0, 3, 0, "lda")] // empty but lda < n still rejected, as BLAS would
    public void GemvRejects(CblasLayout layout, CblasTranspose trans, int m, int n, int lda, int aLength, int xLength, int yLength, string param)
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Blas.Gemv(layout, trans, m, n, 1.0, new double[aLength], lda, new double[xLength], 0.0, new double[yLength]));
        Assert.Equal(param, ex.ParamName);
        ex = Assert.Throws<ArgumentException>(
            () => Blas.Gemv(layout, trans, m, n, 1f, new float[aLength], lda, new float[xLength], 0f, new float[yLength]));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void GemvRejectsUnknownEnums()
    {
        Assert.Equal("layout", Assert.Throws<ArgumentException>(
            () => Blas.Gemv((CblasLayout)0, NoT, 1, 1, 1.0, new double[1], 1, new double[1], 0.0, new double[1])).ParamName);
        Assert.Equal("trans", Assert.Throws<ArgumentException>(
            () => Blas.Gemv(Row, (CblasTranspose)113, 1, 1, 1.0, new double[1], 1, new double[1], 0.0, new double[1])).ParamName);
    }

    [Theory]
    // layout, transA, transB, m, n, k, lda, aLen, ldb, bLen, ldc, cLen, param
    [InlineData(Row, NoT, NoT, 2, 3, 4, 4, 8, 3, 12, 3, 6, null)] // valid, as a control
    [InlineData(Row, NoT, NoT, -1, 3, 4, 4, 8, 3, 12, 3, 6, "m")]
    [InlineData(Row, NoT, NoT, 2, 3, -4, 4, 8, 3, 12, 3, 6, "k")]
    [InlineData(Row, NoT, NoT, 2, 3, 4, 3, 8, 3, 12, 3, 6, "lda")] // A is 2 x 4: lda >= 4
    [InlineData(Row, T, NoT, 2, 3, 4, 1, 8, 3, 12, 3, 6, "lda")] // A^T stored 4 x 2: lda >= 2
    [InlineData(Row, NoT, NoT, 2, 3, 4, 4, 7, 3, 12, 3, 6, "a")]
    [InlineData(Row, NoT, NoT, 2, 3, 4, 4, 8, 3, 11, 3, 6, "b")]
    [InlineData(Col, NoT, T, 2, 3, 4, 2, 8, 2, 12, 2, 6, "ldb")] // B^T stored 3 x 4 column-major: ldb >= 3
    [InlineData(Row, NoT, NoT, 2, 3, 4, 4, 8, 3, 12, 2, 6, "ldc")]
    [InlineData(Row, NoT, NoT, 2, 3, 4, 4, 8, 3, 12, 5, 7, "c")] // needs (2-1)*5+3 = 8
    public void GemmRejects(
        CblasLayout layout, CblasTranspose transA, CblasTranspose transB, int m, int n, int k,
        int lda, int aLength, int ldb, int bLength, int ldc, int cLength, string? param)
    {
        void Double() => Blas.Gemm(layout, transA, transB, m, n, k, 1.0, new double[aLength], lda, new double[bLength], ldb, 0.0, new double[cLength], ldc);
        void Single() => Blas.Gemm(layout, transA, transB, m, n, k, 1f, new float[aLength], lda, new float[bLength], ldb, 0f, new float[cLength], ldc);
        if (param is null)
        {
            if (MklRequirement.SkipReason is null)
            {
                Double();
                Single();
            }

            return;
        }

        Assert.Equal(param, Assert.Throws<ArgumentException>(Double).ParamName);
        Assert.Equal(param, Assert.Throws<ArgumentException>(Single).ParamName);
    }

    [Fact]
    public void MessageSaysWhatWasExpected()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Blas.Gemv(Row, NoT, 2, 3, 1.0, new double[5], 3, new double[3], 0.0, new double[2]));
        Assert.Contains("needs at least 6", ex.Message, StringComparison.Ordinal);
    }
}
