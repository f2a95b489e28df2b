namespace FastPR.Tests.Native;

/// <summary>Deterministic test inputs: uniform on [-1, 1) from a fixed seed.</summary>
internal static class TestData
{
    public static double[] Doubles(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (2 * random.NextDouble()) - 1;
        }

        return values;
    }

    /// <summary>
    /// A rows × cols matrix stored with leading dimension ld in the minimal span, (outer − 1)·ld + inner. The gaps between
    /// rows (or columns) hold <paramref name="padding"/>, so any read or write outside the matrix shows.
    /// </summary>
    public static double[] Matrix(FastPR.Native.CblasLayout layout, int rows, int cols, int ld, int seed, double padding)
    {
        int inner = layout == FastPR.Native.CblasLayout.RowMajor ? cols : rows;
        int outer = layout == FastPR.Native.CblasLayout.RowMajor ? rows : cols;
        int length = inner == 0 || outer == 0 ? 0 : ((outer - 1) * ld) + inner;
        double[] values = Doubles(length, seed);
        for (int i = 0; i < length; i++)
        {
            if (i % ld >= inner)
            {
                values[i] = padding;
            }
        }

        return values;
    }
}
