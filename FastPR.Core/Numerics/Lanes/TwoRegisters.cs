using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>
/// Two registers of <typeparamref name="T"/> side by side. The kernel is a long dependency chain (ten Philox rounds, a
/// division, two polynomials); running two independent chains interleaved keeps the vector units busy.
/// Lanes 0…T.Count − 1 are the first register, the rest the second.
/// </summary>
internal readonly struct TwoRegisters<T> : ILanes<TwoRegisters<T>> where T : struct, ILanes<T>
{
    private readonly T _first, _second;

    private TwoRegisters(T first, T second)
    {
        _first = first;
        _second = second;
    }

    public static int Count => 2 * T.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> Broadcast(ulong bits) => new(T.Broadcast(bits), T.Broadcast(bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> Broadcast(double value) => new(T.Broadcast(value), T.Broadcast(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> Sequence(ulong start) => new(T.Sequence(start), T.Sequence(start + (ulong)T.Count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> operator +(TwoRegisters<T> left, TwoRegisters<T> right) => new(left._first + right._first, left._second + right._second);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> operator -(TwoRegisters<T> left, TwoRegisters<T> right) => new(left._first - right._first, left._second - right._second);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> operator &(TwoRegisters<T> left, TwoRegisters<T> right) => new(left._first & right._first, left._second & right._second);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> operator |(TwoRegisters<T> left, TwoRegisters<T> right) => new(left._first | right._first, left._second | right._second);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> operator ^(TwoRegisters<T> left, TwoRegisters<T> right) => new(left._first ^ right._first, left._second ^ right._second);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> Xor3(TwoRegisters<T> a, TwoRegisters<T> b, TwoRegisters<T> c) => new(T.Xor3(a._first, b._first, c._first), T.Xor3(a._second, b._second, c._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> operator <<(TwoRegisters<T> value, int count) => new(value._first << count, value._second << count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> operator >>>(TwoRegisters<T> value, int count) => new(value._first >>> count, value._second >>> count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> MultiplyLow32(TwoRegisters<T> left, TwoRegisters<T> right) => new(T.MultiplyLow32(left._first, right._first), T.MultiplyLow32(left._second, right._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> ConvertToDouble(TwoRegisters<T> integers) => new(T.ConvertToDouble(integers._first), T.ConvertToDouble(integers._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FAdd(TwoRegisters<T> left, TwoRegisters<T> right) => new(T.FAdd(left._first, right._first), T.FAdd(left._second, right._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FSubtract(TwoRegisters<T> left, TwoRegisters<T> right) => new(T.FSubtract(left._first, right._first), T.FSubtract(left._second, right._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FMultiply(TwoRegisters<T> left, TwoRegisters<T> right) => new(T.FMultiply(left._first, right._first), T.FMultiply(left._second, right._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FDivide(TwoRegisters<T> left, TwoRegisters<T> right) => new(T.FDivide(left._first, right._first), T.FDivide(left._second, right._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FMultiplyAdd(TwoRegisters<T> left, TwoRegisters<T> right, TwoRegisters<T> addend) => new(T.FMultiplyAdd(left._first, right._first, addend._first), T.FMultiplyAdd(left._second, right._second, addend._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FSqrt(TwoRegisters<T> value) => new(T.FSqrt(value._first), T.FSqrt(value._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FLessThan(TwoRegisters<T> left, TwoRegisters<T> right) => new(T.FLessThan(left._first, right._first), T.FLessThan(left._second, right._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> FEquals(TwoRegisters<T> left, TwoRegisters<T> right) => new(T.FEquals(left._first, right._first), T.FEquals(left._second, right._second));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static TwoRegisters<T> Select(TwoRegisters<T> mask, TwoRegisters<T> whenSet, TwoRegisters<T> whenClear) => new(T.Select(mask._first, whenSet._first, whenClear._first), T.Select(mask._second, whenSet._second, whenClear._second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(TwoRegisters<T> even, TwoRegisters<T> odd, Span<double> destination)
    {
        T.StoreInterleaved(even._first, odd._first, destination);
        T.StoreInterleaved(even._second, odd._second, destination[(2 * T.Count)..]);
    }
}
