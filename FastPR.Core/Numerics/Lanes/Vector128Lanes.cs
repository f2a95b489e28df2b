using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastPR.Core;

/// <summary>
/// Two lanes in a 128-bit register: NEON (AdvSimd) on ARM64, SSE2 + FMA on x86-64 (there reached with the runtime's
/// DOTNET_EnableAVX2=0, to measure it). Requires one of them (checked by <see cref="IsSupported"/>).
/// </summary>
internal readonly struct Vector128Lanes : ILanes<Vector128Lanes>
{
    private readonly Vector128<ulong> _bits;

    private Vector128Lanes(Vector128<ulong> bits) => _bits = bits;

    /// <summary>The lanes as doubles.</summary>
    public Vector128<double> Value => _bits.AsDouble();

    /// <summary>Lanes holding <paramref name="value"/>.</summary>
    public static Vector128Lanes Of(Vector128<double> value) => new(value.AsUInt64());

    /// <summary>Whether this machine runs the 128-bit path natively: ARM64's NEON, or x86-64's SSE2 with FMA.</summary>
    public static bool IsSupported => Vector128.IsHardwareAccelerated && (AdvSimd.Arm64.IsSupported || (Sse2.IsSupported && Fma.IsSupported));

    public static int Count => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes Broadcast(ulong bits) => new(Vector128.Create(bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes Broadcast(double value) => Of(Vector128.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes Sequence(ulong start) => new(Vector128.Create(start) + Vector128.Create(0UL, 1));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes operator +(Vector128Lanes left, Vector128Lanes right) => new(left._bits + right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes operator -(Vector128Lanes left, Vector128Lanes right) => new(left._bits - right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes operator &(Vector128Lanes left, Vector128Lanes right) => new(left._bits & right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes operator |(Vector128Lanes left, Vector128Lanes right) => new(left._bits | right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes operator ^(Vector128Lanes left, Vector128Lanes right) => new(left._bits ^ right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes Xor3(Vector128Lanes a, Vector128Lanes b, Vector128Lanes c) => new(a._bits ^ b._bits ^ c._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes operator <<(Vector128Lanes value, int count) => new(Vector128.ShiftLeft(value._bits, count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes operator >>>(Vector128Lanes value, int count) => new(Vector128.ShiftRightLogical(value._bits, count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Lanes MultiplyLow32(Vector128Lanes left, Vector128Lanes right)
    {
        if (Sse2.IsSupported) return new(Sse2.Multiply(left._bits.AsUInt32(), right._bits.AsUInt32()));        // pmuludq
        if (AdvSimd.IsSupported)                                                                               // xtn, umull
            return new(AdvSimd.MultiplyWideningLower(AdvSimd.ExtractNarrowingLower(left._bits), AdvSimd.ExtractNarrowingLower(right._bits)));
        var low = Vector128.Create(0xFFFF_FFFFUL);
        return new((left._bits & low) * (right._bits & low));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes ConvertToDouble(Vector128Lanes integers) => Of(Vector128.ConvertToDouble(integers._bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FAdd(Vector128Lanes left, Vector128Lanes right) => Of(left.Value + right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FSubtract(Vector128Lanes left, Vector128Lanes right) => Of(left.Value - right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FMultiply(Vector128Lanes left, Vector128Lanes right) => Of(left.Value * right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FDivide(Vector128Lanes left, Vector128Lanes right) => Of(left.Value / right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FMultiplyAdd(Vector128Lanes left, Vector128Lanes right, Vector128Lanes addend) => Of(Vector128.FusedMultiplyAdd(left.Value, right.Value, addend.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FSqrt(Vector128Lanes value) => Of(Vector128.Sqrt(value.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FLessThan(Vector128Lanes left, Vector128Lanes right) => new(Vector128.LessThan(left.Value, right.Value).AsUInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes FEquals(Vector128Lanes left, Vector128Lanes right) => new(Vector128.Equals(left.Value, right.Value).AsUInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128Lanes Select(Vector128Lanes mask, Vector128Lanes whenSet, Vector128Lanes whenClear) => new(Vector128.ConditionalSelect(mask._bits, whenSet._bits, whenClear._bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector128Lanes even, Vector128Lanes odd, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 4);
        ref double start = ref MemoryMarshal.GetReference(destination);
        Vector128<double> e = even.Value, o = odd.Value;
        if (Sse2.IsSupported)
        {
            Sse2.UnpackLow(e, o).StoreUnsafe(ref start);      // e0 o0
            Sse2.UnpackHigh(e, o).StoreUnsafe(ref start, 2);  // e1 o1
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            AdvSimd.Arm64.ZipLow(e, o).StoreUnsafe(ref start);
            AdvSimd.Arm64.ZipHigh(e, o).StoreUnsafe(ref start, 2);
        }
        else
        {
            Vector128.Create(e.GetElement(0), o.GetElement(0)).StoreUnsafe(ref start);
            Vector128.Create(e.GetElement(1), o.GetElement(1)).StoreUnsafe(ref start, 2);
        }
    }
}
