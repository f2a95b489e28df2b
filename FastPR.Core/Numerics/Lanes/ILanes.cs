namespace FastPR.Core;

/// <summary>
/// A register of <see cref="Count"/> 64-bit lanes, read as unsigned integers by the operators and as doubles by the
/// <c>F</c>-prefixed methods. <see cref="PhiloxBoxMuller"/> is written once against this interface and runs at every
/// width. Every operation is exact (integer ops, conversions of integers ≤ 2^53) or one correctly rounded IEEE operation
/// (add, multiply, fused multiply-add, divide, square root), so all widths give bitwise-identical results.
/// </summary>
internal interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane holds <paramref name="bits"/>.</summary>
    static abstract TSelf Broadcast(ulong bits);

    /// <summary>Every lane holds the bits of <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(double value);

    /// <summary>Lane j holds <paramref name="start"/> + j (wrapping).</summary>
    static abstract TSelf Sequence(ulong start);

    /// <summary>Wrapping 64-bit addition.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Wrapping 64-bit subtraction.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Bitwise and.</summary>
    static abstract TSelf operator &(TSelf left, TSelf right);

    /// <summary>Bitwise or.</summary>
    static abstract TSelf operator |(TSelf left, TSelf right);

    /// <summary>Bitwise exclusive or.</summary>
    static abstract TSelf operator ^(TSelf left, TSelf right);

    /// <summary>a ^ b ^ c (one instruction where the hardware has a ternary-logic op).</summary>
    static abstract TSelf Xor3(TSelf a, TSelf b, TSelf c);

    /// <summary>Logical shift left.</summary>
    static abstract TSelf operator <<(TSelf value, int count);

    /// <summary>Logical shift right.</summary>
    static abstract TSelf operator >>>(TSelf value, int count);

    /// <summary>The full 64-bit product of the low 32 bits of each lane (upper bits of the inputs are ignored).</summary>
    static abstract TSelf MultiplyLow32(TSelf left, TSelf right);

    /// <summary>Converts lanes holding integers ≤ 2^53 to doubles (exact).</summary>
    static abstract TSelf ConvertToDouble(TSelf integers);

    /// <summary>Double addition.</summary>
    static abstract TSelf FAdd(TSelf left, TSelf right);

    /// <summary>Double subtraction.</summary>
    static abstract TSelf FSubtract(TSelf left, TSelf right);

    /// <summary>Double multiplication.</summary>
    static abstract TSelf FMultiply(TSelf left, TSelf right);

    /// <summary>Double division.</summary>
    static abstract TSelf FDivide(TSelf left, TSelf right);

    /// <summary>left·right + addend with one rounding.</summary>
    static abstract TSelf FMultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>Double square root.</summary>
    static abstract TSelf FSqrt(TSelf value);

    /// <summary>All ones in lanes where left &lt; right as doubles (false for NaN), else zero.</summary>
    static abstract TSelf FLessThan(TSelf left, TSelf right);

    /// <summary>All ones in lanes where left == right as doubles (false for NaN; −0 equals +0), else zero.</summary>
    static abstract TSelf FEquals(TSelf left, TSelf right);

    /// <summary>Bitwise select: bits of <paramref name="whenSet"/> where <paramref name="mask"/> is 1, else of <paramref name="whenClear"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenSet, TSelf whenClear);

    /// <summary>Writes 2·<see cref="Count"/> doubles: destination[2j] = even_j, destination[2j + 1] = odd_j.</summary>
    static abstract void StoreInterleaved(TSelf even, TSelf odd, Span<double> destination);
}
