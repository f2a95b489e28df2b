using System.Numerics;

namespace FastPR.Native;

/// <summary>
/// The BLAS FastPR uses (dgemv) through MKL's CBLAS, unit strides. Every span is checked against the
/// dimensions before the call (ArgumentException naming the argument); length-0 operations are valid no-ops; nothing allocates.
/// </summary>
/// <remarks>
/// As in BLAS, when beta is 0 the output is overwritten and its old contents (even NaN) are ignored. Unlike reference BLAS,
/// an empty inner dimension still applies y := beta·y (gemv), which is the mathematical result.
/// </remarks>
public static partial class Blas
{
    // beta = 0 overwrites, so NaN or garbage in the output never leaks through.
    private static void ScaleOutput<T>(Span<T> y, T beta)
        where T : INumber<T>
    {
        if (T.IsZero(beta))
        {
            y.Clear();
        }
        else if (beta != T.One)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] *= beta;
            }
        }
    }
}
