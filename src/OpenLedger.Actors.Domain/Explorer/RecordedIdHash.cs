using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>An inference id's SHA-256, hashed once and probed in every stage of a <see cref="RecordedIdFilter"/> (stable across processes).</summary>
public readonly struct RecordedIdHash
{
    public RecordedIdHash(string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        Low32 = BinaryPrimitives.ReadUInt32LittleEndian(hash);
        Step32 = BinaryPrimitives.ReadUInt32LittleEndian(hash[4..]) | 1;
        A = BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]);
        B = BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]) | 1;
    }

    /// <summary>The legacy filter's double-hashing pair (first two 32-bit words).</summary>
    public ulong Low32 { get; }
    public ulong Step32 { get; }

    /// <summary>The stages' double-hashing pair (the next two 64-bit words).</summary>
    public ulong A { get; }
    public ulong B { get; }
}
