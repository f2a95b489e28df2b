namespace FastPR.Native;

/// <summary>Whether CBLAS uses a matrix as stored or transposed (CBLAS_TRANSPOSE; real types only, so no conjugate form).</summary>
public enum CblasTranspose
{
    /// <summary>Use the matrix as stored (CblasNoTrans).</summary>
    NoTrans = 111,

    /// <summary>Use the transpose (CblasTrans).</summary>
    Trans = 112,
}
