using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastPR.Core;

/// <summary>Eight lanes in a 512-bit register. Requires AVX-512 F and DQ (checked by <see cref="IsSupported"/>).</summary>
internal readonly struct Vector512Lanes : ILanes<Vector512Lanes>
{
    private readonly Vector512<ulong> _bits;

    private Vector512Lanes(Vector512<ulong> bits) => _bits = bits;

    /// <summary>The lanes as doubles.</summary>
    public Vector512<double> Value => _bits.AsDouble();

    /// <summary>Lanes holding <paramref name="value"/>.</summary>
    public static Vector512Lanes Of(Vector512<double> value) => new(value.AsUInt64());

    /// <summary>Whether this machine runs the 512-bit path natively.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx512DQ.IsSupported;

    public static int Count => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes Broadcast(ulong bits) => new(Vector512.Create(bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes Broadcast(double value) => Of(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes Sequence(ulong start) => new(Vector512.Create(start) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes operator +(Vector512Lanes left, Vector512Lanes right) => new(left._bits + right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes operator -(Vector512Lanes left, Vector512Lanes right) => new(left._bits - right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes operator &(Vector512Lanes left, Vector512Lanes right) => new(left._bits & right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes operator |(Vector512Lanes left, Vector512Lanes right) => new(left._bits | right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes operator ^(Vector512Lanes left, Vector512Lanes right) => new(left._bits ^ right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes Xor3(Vector512Lanes a, Vector512Lanes b, Vector512Lanes c) => new(Avx512F.TernaryLogic(a._bits, b._bits, c._bits, 0x96));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes operator <<(Vector512Lanes value, int count) => new(Vector512.ShiftLeft(value._bits, count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes operator >>>(Vector512Lanes value, int count) => new(Vector512.ShiftRightLogical(value._bits, count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes MultiplyLow32(Vector512Lanes left, Vector512Lanes right) => new(Avx512F.Multiply(left._bits.AsUInt32(), right._bits.AsUInt32()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes ConvertToDouble(Vector512Lanes integers) => Of(Vector512.ConvertToDouble(integers._bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FAdd(Vector512Lanes left, Vector512Lanes right) => Of(left.Value + right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FSubtract(Vector512Lanes left, Vector512Lanes right) => Of(left.Value - right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FMultiply(Vector512Lanes left, Vector512Lanes right) => Of(left.Value * right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FDivide(Vector512Lanes left, Vector512Lanes right) => Of(left.Value / right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FMultiplyAdd(Vector512Lanes left, Vector512Lanes right, Vector512Lanes addend) => Of(Vector512.FusedMultiplyAdd(left.Value, right.Value, addend.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FSqrt(Vector512Lanes value) => Of(Vector512.Sqrt(value.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FLessThan(Vector512Lanes left, Vector512Lanes right) => new(Vector512.LessThan(left.Value, right.Value).AsUInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes FEquals(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Equals(left.Value, right.Value).AsUInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512Lanes Select(Vector512Lanes mask, Vector512Lanes whenSet, Vector512Lanes whenClear) => new(Vector512.ConditionalSelect(mask._bits, whenSet._bits, whenClear._bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector512Lanes even, Vector512Lanes odd, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 16);
        ref double start = ref MemoryMarshal.GetReference(destination);
        // Element i of the index selects even[i] for i < 8 and odd[i − 8] otherwise.
        Avx512F.PermuteVar8x64x2(even.Value, Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11), odd.Value).StoreUnsafe(ref start);
        Avx512F.PermuteVar8x64x2(even.Value, Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15), odd.Value).StoreUnsafe(ref start, 8);
    }
}
