using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>The canonical form of a transfer's body (kind, reference, pending id, timeout, postings) and its SHA-256.</summary>
internal static class TransferFingerprint
{
    public static string Compute(string kind, string? reference, string? pendingId, long? timeoutMilliseconds, IReadOnlyList<LedgerPosting> postings)
    {
        var canonical = new StringBuilder();
        canonical.Append(kind).Append('\n')
            .Append(reference ?? string.Empty).Append('\n')
            .Append(pendingId ?? string.Empty).Append('\n')
            .Append(timeoutMilliseconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append('\n');
        foreach (var p in postings)
        {
            canonical.Append(p.DebitAccount).Append('\u001f').Append(p.CreditAccount).Append('\u001f')
                .Append(p.Amount.ToString(CultureInfo.InvariantCulture)).Append('\u001f').Append(p.Code).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
