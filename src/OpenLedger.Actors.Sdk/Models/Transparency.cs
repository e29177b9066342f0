namespace OpenLedger.Actors.Sdk.Models;

/// <summary>A signed tree head: the log's size and RFC 6962 Merkle root (hex) at a time, signed (ECDSA P-256, hex r‖s) with the key <see cref="KeyId"/>.</summary>
public sealed record TreeHead(string LogId, long Size, string RootHash, DateTimeOffset Timestamp, string KeyId, string Signature);

/// <summary>The public key that checks a log's heads: DER SubjectPublicKeyInfo, base64.</summary>
public sealed record TreeHeadKey(string KeyId, string Algorithm, string PublicKey);

/// <summary>The audit path of entry <see cref="Index"/> in the tree of <see cref="TreeSize"/> entries (hex hashes, leaf side first).</summary>
public sealed record InclusionProof(string LogId, long Index, long TreeSize, string LeafHash, IReadOnlyList<string> Path);

/// <summary>The proof that the tree of <see cref="NewSize"/> entries extends the one of <see cref="OldSize"/> (hex hashes).</summary>
public sealed record ConsistencyProof(string LogId, long OldSize, long NewSize, IReadOnlyList<string> Path);

/// <summary>What a log entry commits to: its kind (<c>receipt</c>), its blinded id and the SHA-256 (hex) of its canonical content.</summary>
public sealed record TransparencyEntry(string Kind, string Id, string ContentHash);

/// <summary>An entry at its position in the log.</summary>
public sealed record LogEntry(long Index, TransparencyEntry Entry);

/// <summary>What a paid account needs to check a receipt was published to everyone alike: its entry, a signed head and the entry's inclusion proof in it.</summary>
public sealed record ReceiptInclusion(TransparencyEntry Entry, TreeHead Head, InclusionProof Proof);
