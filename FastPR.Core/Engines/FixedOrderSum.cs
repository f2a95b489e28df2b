using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The one reduction the fused kernels use: a fixed tree, so a sum does not depend on the vector width or on where the GC
/// placed the arrays, and the same seed repeats bit for bit.
/// </summary>
internal static class FixedOrderSum
{
    /// <summary>The eight lanes of a + b summed by one fixed tree: ((0 + 2) + (1 + 3)) of the pairwise sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(Vector256<double> a, Vector256<double> b)
    {
        Vector256<double> v = a + b;
        Vector128<double> h = v.GetLower() + v.GetUpper();
        return h.GetElement(0) + h.GetElement(1);
    }

    /// <summary>
    /// The same eight lanes held in four 128-bit registers (lanes 0–1, 2–3, 4–5, 6–7), summed by the same tree, so the
    /// 128-bit kernels give the 256-bit kernels' bits: (a0 + b0) + (a1 + b1) is the 256-bit path's lower + upper of a + b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(Vector128<double> a0, Vector128<double> a1, Vector128<double> b0, Vector128<double> b1)
    {
        Vector128<double> h = (a0 + b0) + (a1 + b1);
        return h.GetElement(0) + h.GetElement(1);
    }
}
