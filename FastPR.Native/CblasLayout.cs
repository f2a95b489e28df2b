namespace FastPR.Native;

/// <summary>Matrix storage order for CBLAS (CBLAS_LAYOUT).</summary>
public enum CblasLayout
{
    /// <summary>Rows are contiguous; the leading dimension is the row stride (CblasRowMajor).</summary>
    RowMajor = 101,

    /// <summary>Columns are contiguous; the leading dimension is the column stride (CblasColMajor).</summary>
    ColMajor = 102,
}
