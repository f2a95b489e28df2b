using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastPR.Core;

/// <summary>Four lanes in a 256-bit register. Requires AVX2 and FMA (checked by <see cref="IsSupported"/>).</summary>
internal readonly struct Vector256Lanes : ILanes<Vector256Lanes>
{
    private readonly Vector256<ulong> _bits;

    private Vector256Lanes(Vector256<ulong> bits) => _bits = bits;

    /// <summary>The lanes as doubles.</summary>
    public Vector256<double> Value => _bits.AsDouble();

    /// <summary>Lanes holding <paramref name="value"/>.</summary>
    public static Vector256Lanes Of(Vector256<double> value) => new(value.AsUInt64());

    /// <summary>Whether this machine runs the 256-bit path natively.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    public static int Count => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes Broadcast(ulong bits) => new(Vector256.Create(bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes Broadcast(double value) => Of(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes Sequence(ulong start) => new(Vector256.Create(start) + Vector256.Create(0UL, 1, 2, 3));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes operator +(Vector256Lanes left, Vector256Lanes right) => new(left._bits + right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes operator -(Vector256Lanes left, Vector256Lanes right) => new(left._bits - right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes operator &(Vector256Lanes left, Vector256Lanes right) => new(left._bits & right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes operator |(Vector256Lanes left, Vector256Lanes right) => new(left._bits | right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes operator ^(Vector256Lanes left, Vector256Lanes right) => new(left._bits ^ right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Lanes Xor3(Vector256Lanes a, Vector256Lanes b, Vector256Lanes c) =>
        Avx512F.VL.IsSupported ? new(Avx512F.VL.TernaryLogic(a._bits, b._bits, c._bits, 0x96)) : new(a._bits ^ b._bits ^ c._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes operator <<(Vector256Lanes value, int count) => new(Vector256.ShiftLeft(value._bits, count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes operator >>>(Vector256Lanes value, int count) => new(Vector256.ShiftRightLogical(value._bits, count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes MultiplyLow32(Vector256Lanes left, Vector256Lanes right) => new(Avx2.Multiply(left._bits.AsUInt32(), right._bits.AsUInt32()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes ConvertToDouble(Vector256Lanes integers) => Of(Vector256.ConvertToDouble(integers._bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FAdd(Vector256Lanes left, Vector256Lanes right) => Of(left.Value + right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FSubtract(Vector256Lanes left, Vector256Lanes right) => Of(left.Value - right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FMultiply(Vector256Lanes left, Vector256Lanes right) => Of(left.Value * right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FDivide(Vector256Lanes left, Vector256Lanes right) => Of(left.Value / right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FMultiplyAdd(Vector256Lanes left, Vector256Lanes right, Vector256Lanes addend) => Of(Vector256.FusedMultiplyAdd(left.Value, right.Value, addend.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FSqrt(Vector256Lanes value) => Of(Vector256.Sqrt(value.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FLessThan(Vector256Lanes left, Vector256Lanes right) => new(Vector256.LessThan(left.Value, right.Value).AsUInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes FEquals(Vector256Lanes left, Vector256Lanes right) => new(Vector256.Equals(left.Value, right.Value).AsUInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256Lanes Select(Vector256Lanes mask, Vector256Lanes whenSet, Vector256Lanes whenClear) => new(Vector256.ConditionalSelect(mask._bits, whenSet._bits, whenClear._bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector256Lanes even, Vector256Lanes odd, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 8);
        Vector256<double> low = Avx.UnpackLow(even.Value, odd.Value);   // e0 o0 e2 o2
        Vector256<double> high = Avx.UnpackHigh(even.Value, odd.Value); // e1 o1 e3 o3
        ref double start = ref MemoryMarshal.GetReference(destination);
        Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref start);     // e0 o0 e1 o1
        Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref start, 4);  // e2 o2 e3 o3
    }
}
