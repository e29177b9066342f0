using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// An immutable, atomic set of postings with a client-chosen id. Applying the same id twice is safe:
/// the second time answers <see cref="LedgerResultCode.Exists"/> (same body) or
/// <see cref="LedgerResultCode.ExistsWithDifferentPostings"/> (different body) and changes nothing.
/// </summary>
public sealed record LedgerTransfer(string Id, IReadOnlyList<LedgerPosting> Postings, string? Reference = null)
{
    /// <summary>A SHA-256 over the canonical form of the postings and reference: equal bodies, equal fingerprints.</summary>
    public string Fingerprint()
    {
        var canonical = new StringBuilder();
        canonical.Append(Reference ?? string.Empty).Append('\n');
        foreach (var p in Postings)
        {
            canonical.Append(p.DebitAccount).Append('\u001f').Append(p.CreditAccount).Append('\u001f')
                .Append(p.Amount.ToString(CultureInfo.InvariantCulture)).Append('\u001f').Append(p.Code).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
