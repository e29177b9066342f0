using System.Security.Cryptography;

namespace OpenLedger.Actors.Domain.Ledger.Journal;

/// <summary>
/// The journal's hash chain. A record's hash is the SHA-256 of its encoded bytes (<see cref="JournalCodec"/>), which
/// include the previous record's hash: changing, dropping or reordering any record changes every hash after it.
/// The hash of the newest record is also kept outside the journal (<see cref="JournalWitness"/>), so that a deleted
/// tail is noticed as well.
/// </summary>
public static class JournalChain
{
    /// <summary>What record 0 names as its predecessor.</summary>
    public static readonly string Genesis = new('0', JournalCodec.HashBytes * 2);

    public static string HashOf(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(SHA256.HashData(payload));
}

/// <summary>
/// The latest journal position vouched for outside the journal: record <paramref name="Sequence"/> has hash
/// <paramref name="Hash"/> (−1 and <see cref="JournalChain.Genesis"/> for a ledger with no records yet).
/// </summary>
public sealed record JournalWitness(long Sequence, string Hash)
{
    public static JournalWitness Empty { get; } = new(-1, JournalChain.Genesis);
}

/// <summary>The journal does not verify (missing, truncated, altered or reordered records): the ledger must not serve it.</summary>
public sealed class JournalIntegrityException(string message, Exception? inner = null) : Exception(message, inner);
