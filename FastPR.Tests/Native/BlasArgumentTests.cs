using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Wrong sizes throw ArgumentException naming the argument, before MKL sees a pointer (so these run without MKL).</summary>
public class BlasArgumentTests
{
    private const CblasLayout Row = CblasLayout.RowMajor;
    private const CblasLayout Col = CblasLayout.ColMajor;
    private const CblasTranspose NoT = CblasTranspose.NoTrans;
    private const CblasTranspose T = CblasTranspose.Trans;

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
    }

    [Fact]
    public void GemvRejectsUnknownEnums()
    {
        Assert.Equal("layout", Assert.Throws<ArgumentException>(
            () => Blas.Gemv((CblasLayout)0, NoT, 1, 1, 1.0, new double[1], 1, new double[1], 0.0, new double[1])).ParamName);
        Assert.Equal("trans", Assert.Throws<ArgumentException>(
            () => Blas.Gemv(Row, (CblasTranspose)113, 1, 1, 1.0, new double[1], 1, new double[1], 0.0, new double[1])).ParamName);
    }

    [Fact]
    public void MessageSaysWhatWasExpected()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Blas.Gemv(Row, NoT, 2, 3, 1.0, new double[5], 3, new double[3], 0.0, new double[2]));
        Assert.Contains("needs at least 6", ex.Message, StringComparison.Ordinal);
    }
}
