using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Delivery;

/// <summary>
/// The 128-bit fingerprint a receiver keeps of a delivered id (an inference id) to recognise a repeat: the first 16 bytes
/// of the id's SHA-256. Exact for any traffic this system sees — two distinct ids share a fingerprint with probability
/// about n²/2¹²⁹ (below 10⁻²⁰ at 10¹⁰ ids) — at 16 bytes each, whatever the id's length, and stable across processes.
/// </summary>
public static class RecordedIdFingerprint
{
    public static UInt128 Of(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    /// <summary>The period an instant falls in: whole periods since the Unix epoch (periods are at least one second).</summary>
    public static long PeriodOf(DateTimeOffset at, TimeSpan period)
    {
        if (period < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(period), "A period is at least one second.");
        return Math.DivRem(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, period.Ticks, out var remainder) - (remainder < 0 ? 1 : 0);
    }
}
