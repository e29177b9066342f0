using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// The 64-bit key an archived name (transfer id, pending id, account) is sorted, fenced and filtered by: the first
/// eight bytes of the SHA-256 of its UTF-8 bytes. Uniform however ids are chosen (sequential ids spread over every
/// page), and a caller cannot aim many ids at one page. Two names may share a hash; every lookup compares names too.
/// </summary>
public static class ArchiveHash
{
    public static ulong Of(string name)
    {
        Span<byte> digest = stackalloc byte[32];
        var length = Encoding.UTF8.GetByteCount(name);
        if (length <= 256)
        {
            Span<byte> bytes = stackalloc byte[length];
            Encoding.UTF8.GetBytes(name, bytes);
            SHA256.HashData(bytes, digest);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(name), digest);
        }
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }
}
