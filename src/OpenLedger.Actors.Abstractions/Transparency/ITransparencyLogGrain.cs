using OpenLedger.Actors.Abstractions.Security;

namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>
/// An append-only, publicly verifiable log (key: <see cref="TransparencyLogs"/> id): every entry is a leaf of an RFC 6962
/// Merkle tree; tree heads are signed with the operator's key; anyone can get an inclusion proof for an entry and a
/// consistency proof between two heads. Appending is internal (the inference outbox); reading is public.
/// </summary>
[Alias("openledger.ITransparencyLogGrain")]
public interface ITransparencyLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends the entry once (a repeat of the same kind and id changes nothing) and answers its position once durable;
    /// a repeat answers the position if still at hand, else null.
    /// </summary>
    [Alias("append"), InternalGrainCall] Task<long?> AppendAsync(TransparencyEntry entry, DateTimeOffset recordedAt);

    /// <summary>The newest signed head (a new one is signed when the log grew and the last is older than the head interval).</summary>
    [Alias("head")] Task<PublishedTreeHead> GetHeadAsync();

    /// <summary>The public key that checks this log's heads (from <c>OpenLedger:Transparency:SigningKeyFile</c>).</summary>
    [Alias("key")] Task<TreeHeadKeyInfo> GetSigningKeyAsync();

    [Alias("inclusion")] Task<InclusionProof> GetInclusionProofAsync(long index, long treeSize);

    [Alias("consistency")] Task<ConsistencyProof> GetConsistencyProofAsync(long oldSize, long newSize);

    /// <summary>Entries [start, start + count), count ≤ 256: what an auditor walks between two heads.</summary>
    [Alias("entries")] Task<IReadOnlyList<LoggedEntry>> GetEntriesAsync(long start, int count);
}
