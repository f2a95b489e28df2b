namespace FastPR.Native;

/// <summary>Checks every length against the dimensions before MKL sees a pointer, so a wrong size throws instead of reading out of bounds.</summary>
internal static class BlasArguments
{
    public static void Layout(CblasLayout layout)
    {
        if (layout is not (CblasLayout.RowMajor or CblasLayout.ColMajor))
        {
            throw new ArgumentException($"Unknown layout {(int)layout}.", nameof(layout));
        }
    }

    public static void Transpose(CblasTranspose trans, string name)
    {
        if (trans is not (CblasTranspose.NoTrans or CblasTranspose.Trans))
        {
            throw new ArgumentException($"Unknown transpose {(int)trans}.", name);
        }
    }

    public static void Dimension(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentException($"Dimension {name} = {value} is negative.", name);
        }
    }

    public static void ExactLength(int actual, int expected, string name, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}, but {what} needs exactly {expected}.", name);
        }
    }

    /// <summary>
    /// A stored rows × cols matrix with leading dimension ld: ld must cover the contiguous direction, and the span must reach
    /// the last element, (outer − 1)·ld + inner.
    /// </summary>
    public static void Matrix(CblasLayout layout, int rows, int cols, int ld, int length, string name, string ldName)
    {
        int inner = layout == CblasLayout.RowMajor ? cols : rows;
        int outer = layout == CblasLayout.RowMajor ? rows : cols;
        if (ld < Math.Max(1, inner))
        {
            throw new ArgumentException(
                $"{ldName} = {ld} is smaller than max(1, {inner}) for a {rows} x {cols} {layout} matrix {name}.", ldName);
        }

        long needed = inner == 0 || outer == 0 ? 0 : ((long)(outer - 1) * ld) + inner;
        if (length < needed)
        {
            throw new ArgumentException(
                $"{name} has length {length}, but a {rows} x {cols} {layout} matrix with {ldName} = {ld} needs at least {needed}.", name);
        }
    }
}
