using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>One lane in a general-purpose register: the portable path, and the yardstick the vector paths must match bit for bit.</summary>
internal readonly struct ScalarLanes : ILanes<ScalarLanes>
{
    private readonly ulong _bits;

    private ScalarLanes(ulong bits) => _bits = bits;

    /// <summary>The lane as a double.</summary>
    public double Value => BitConverter.UInt64BitsToDouble(_bits);

    /// <summary>A lane holding <paramref name="value"/>.</summary>
    public static ScalarLanes Of(double value) => new(BitConverter.DoubleToUInt64Bits(value));

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes Broadcast(ulong bits) => new(bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes Broadcast(double value) => Of(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes Sequence(ulong start) => new(start);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes operator +(ScalarLanes left, ScalarLanes right) => new(left._bits + right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes operator -(ScalarLanes left, ScalarLanes right) => new(left._bits - right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes operator &(ScalarLanes left, ScalarLanes right) => new(left._bits & right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes operator |(ScalarLanes left, ScalarLanes right) => new(left._bits | right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes operator ^(ScalarLanes left, ScalarLanes right) => new(left._bits ^ right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes Xor3(ScalarLanes a, ScalarLanes b, ScalarLanes c) => new(a._bits ^ b._bits ^ c._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes operator <<(ScalarLanes value, int count) => new(value._bits << count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes operator >>>(ScalarLanes value, int count) => new(value._bits >>> count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes MultiplyLow32(ScalarLanes left, ScalarLanes right) => new((ulong)(uint)left._bits * (uint)right._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes ConvertToDouble(ScalarLanes integers) => Of(integers._bits);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FAdd(ScalarLanes left, ScalarLanes right) => Of(left.Value + right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FSubtract(ScalarLanes left, ScalarLanes right) => Of(left.Value - right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FMultiply(ScalarLanes left, ScalarLanes right) => Of(left.Value * right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FDivide(ScalarLanes left, ScalarLanes right) => Of(left.Value / right.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FMultiplyAdd(ScalarLanes left, ScalarLanes right, ScalarLanes addend) => Of(Math.FusedMultiplyAdd(left.Value, right.Value, addend.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FSqrt(ScalarLanes value) => Of(Math.Sqrt(value.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FLessThan(ScalarLanes left, ScalarLanes right) => new(left.Value < right.Value ? ulong.MaxValue : 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes FEquals(ScalarLanes left, ScalarLanes right) => new(left.Value == right.Value ? ulong.MaxValue : 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarLanes Select(ScalarLanes mask, ScalarLanes whenSet, ScalarLanes whenClear) => new((mask._bits & whenSet._bits) | (~mask._bits & whenClear._bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(ScalarLanes even, ScalarLanes odd, Span<double> destination)
    {
        destination[1] = odd.Value;
        destination[0] = even.Value;
    }
}
