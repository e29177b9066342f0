using System.Numerics;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// Base-2 logarithms in fixed point with <see cref="FractionBits"/> fraction bits (Q16), in integer arithmetic only, so
/// every machine computes the same bits (unlike <see cref="Math.Log2(double)"/>, whose last bit may differ between
/// runtimes). The integer part is the position of the highest set bit; each fraction bit comes from squaring the
/// mantissa (held with 62 fraction bits): if the square reaches 2, the bit is 1 and the square is halved. The result is
/// ⌊log₂ x · 2¹⁶⌋ up to the truncation of the mantissa (error below 2⁻¹⁶).
/// </summary>
public static class FixedPointLog2
{
    public const int FractionBits = 16;

    /// <summary>One, in Q16.</summary>
    public const long One = 1L << FractionBits;

    /// <summary>log₂ <paramref name="x"/> in Q16 (x ≥ 1).</summary>
    public static long Log2(ulong x)
    {
        ArgumentOutOfRangeException.ThrowIfZero(x);
        var integer = 63 - BitOperations.LeadingZeroCount(x);
        // Mantissa in [1, 2) with 62 fraction bits.
        var mantissa = integer <= 62 ? x << (62 - integer) : x >> 1;
        const ulong two = 1UL << 63;
        long fraction = 0;
        for (var bit = FractionBits - 1; bit >= 0; bit--)
        {
            mantissa = (ulong)(((UInt128)mantissa * mantissa) >> 62);
            if (mantissa >= two)
            {
                mantissa >>= 1;
                fraction |= 1L << bit;
            }
        }
        return ((long)integer << FractionBits) | fraction;
    }
}
