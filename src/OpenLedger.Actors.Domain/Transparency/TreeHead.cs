using System.Globalization;
using System.Text;

namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// The state of a transparency log at one moment: which log, how many entries, their Merkle root, when. The operator
/// signs it (<see cref="SignedTreeHead"/>); anyone holding two heads can ask for a consistency proof between them.
/// </summary>
public sealed record TreeHead(string LogId, long Size, byte[] RootHash, DateTimeOffset Timestamp)
{
    /// <summary>The exact bytes that are signed: a versioned, line-based text no field can be confused with another in.</summary>
    public byte[] SignedBytes()
    {
        if (string.IsNullOrEmpty(LogId) || LogId.Any(char.IsControl)) throw new ArgumentException("A log id is non-empty printable text.", nameof(LogId));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"openledger.tree-head.v1\n{LogId}\n{Size}\n{Convert.ToHexStringLower(RootHash)}\n{Timestamp.ToUnixTimeMilliseconds()}\n");
        return Encoding.UTF8.GetBytes(text);
    }
}
