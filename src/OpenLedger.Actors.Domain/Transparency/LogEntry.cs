using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// What one leaf of the transparency log commits to: the kind of record (<c>receipt</c>, <c>transfer</c>), its id, and
/// the SHA-256 of its canonical content (the receipt's or transfer's stored bytes). The content itself stays where it
/// is; the log proves that this exact content was published at this position, to everyone alike.
/// </summary>
public sealed record LogEntry(string Kind, string Id, byte[] ContentHash)
{
    public static LogEntry For(string kind, string id, ReadOnlySpan<byte> content) => new(kind, id, SHA256.HashData(content));

    /// <summary>The leaf's data: versioned, line-based text.</summary>
    public byte[] LeafData()
    {
        if (string.IsNullOrEmpty(Kind) || Kind.Any(char.IsControl) || string.IsNullOrEmpty(Id) || Id.Any(char.IsControl))
            throw new ArgumentException("A log entry's kind and id are non-empty printable text.");
        if (ContentHash.Length != 32) throw new ArgumentException("A log entry's content hash is 32 bytes (SHA-256).");
        return Encoding.UTF8.GetBytes($"openledger.log-entry.v1\n{Kind}\n{Id}\n{Convert.ToHexStringLower(ContentHash)}\n");
    }

    public byte[] LeafHash() => MerkleHashing.LeafHash(LeafData());
}
