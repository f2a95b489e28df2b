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

    /// <summary>Doubles that are exactly representable as floats, so both precisions see the same inputs.</summary>
    public static double[] FloatRepresentable(int length, int seed) =>
        Array.ConvertAll(Doubles(length, seed), v => (double)(float)v);

    public static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    public static IEnumerable<object[]> VectorLengths() =>
        Enumerable.Range(0, 65).Append(1000).Append(4097).Select(n => new object[] { n });

    /// <summary>
    /// A rows × cols matrix stored with leading dimension ld in the minimal span, (outer − 1)·ld + inner. The gaps between
    /// rows (or columns) hold <paramref name="padding"/>, so any read or write outside the matrix shows.
    /// </summary>
    public static double[] Matrix(FastPR.Native.CblasLayout layout, int rows, int cols, int ld, int seed, double padding, bool floatRepresentable)
    {
        int inner = layout == FastPR.Native.CblasLayout.RowMajor ? cols : rows;
        int outer = layout == FastPR.Native.CblasLayout.RowMajor ? rows : cols;
        int length = inner == 0 || outer == 0 ? 0 : ((outer - 1) * ld) + inner;
        double[] values = floatRepresentable ? FloatRepresentable(length, seed) : Doubles(length, seed);
        for (int i = 0; i < length; i++)
        {
            if (i % ld >= inner)
            {
                values[i] = padding;
            }
        }

        return values;
    }

    /// <summary>True when index i of a matrix stored like <see cref="Matrix"/> is padding rather than an element.</summary>
    public static bool IsPadding(int index, int ld, int inner) => index % ld >= inner;
}
