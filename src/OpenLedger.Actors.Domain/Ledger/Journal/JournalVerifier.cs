namespace OpenLedger.Actors.Domain.Ledger.Journal;

/// <summary>
/// Verifies a journal as it is read in order, from a trusted starting point (the genesis, or later a checkpoint),
/// against the witness kept outside it. Each record must carry its own sequence number, a checksum that matches its
/// bytes and the hash of the record before it; at the end, the witnessed record must have been read with the
/// witnessed hash (records after it are allowed: they were written but not yet witnessed when the writer stopped),
/// and no record may follow the first missing one. Any violation is a <see cref="JournalIntegrityException"/>.
/// </summary>
public sealed class JournalVerifier(JournalWitness? witness, long startSequence = 0, string? startHash = null)
{
    private bool _witnessSeen = witness is null || witness.Sequence < startSequence;

    /// <summary>The sequence number the next record must have (= records verified, from the start).</summary>
    public long NextSequence { get; private set; } = startSequence;

    /// <summary>The hash of the last verified record (the starting hash before any).</summary>
    public string LastHash { get; private set; } = startHash ?? JournalChain.Genesis;

    /// <summary>Verifies the record stored as number <paramref name="sequence"/> and returns its content.</summary>
    public JournalBatch Accept(long sequence, string storedHash, byte[] payload)
    {
        if (sequence != NextSequence) throw new ArgumentException($"Records are verified in order: expected {NextSequence}, got {sequence}.", nameof(sequence));
        var hash = JournalChain.HashOf(payload);
        if (!string.Equals(hash, storedHash, StringComparison.Ordinal))
            throw new JournalIntegrityException($"Journal record {sequence} is corrupted: its bytes hash to {hash}, its checksum says {storedHash}.");
        JournalBatch batch;
        try
        {
            batch = JournalCodec.Decode(payload);
        }
        catch (InvalidDataException e)
        {
            throw new JournalIntegrityException($"Journal record {sequence} does not decode: {e.Message}", e);
        }
        if (batch.Sequence != sequence) throw new JournalIntegrityException($"Journal record {sequence} says it is record {batch.Sequence}.");
        if (!string.Equals(batch.PreviousHash, LastHash, StringComparison.Ordinal))
            throw new JournalIntegrityException($"Journal record {sequence} does not follow record {sequence - 1}: it names {batch.PreviousHash} as its predecessor, which hashes to {LastHash}.");
        if (witness is not null && sequence == witness.Sequence)
        {
            if (!string.Equals(hash, witness.Hash, StringComparison.Ordinal))
                throw new JournalIntegrityException($"Journal record {sequence} differs from the one the head witness vouches for ({witness.Hash}).");
            _witnessSeen = true;
        }
        NextSequence = sequence + 1;
        LastHash = hash;
        return batch;
    }

    /// <summary>
    /// Ends verification at the first missing record (<see cref="NextSequence"/>). <paramref name="recordAfterEnd"/> is
    /// the number of a record found after it, if any (a gap).
    /// </summary>
    public void Finish(long? recordAfterEnd)
    {
        if (recordAfterEnd is { } after)
            throw new JournalIntegrityException($"Journal record {NextSequence} is missing but record {after} exists: records are only ever appended in order.");
        if (witness is null)
        {
            if (NextSequence > 0)
                throw new JournalIntegrityException($"The journal holds {NextSequence} records but its head witness is missing.");
            return;
        }
        if (!_witnessSeen)
            throw new JournalIntegrityException($"The journal ends at record {NextSequence - 1} but its head witness vouches for record {witness.Sequence}: " +
                (witness.Sequence == NextSequence ? $"record {NextSequence} is missing." : $"records {NextSequence}–{witness.Sequence} are missing."));
    }
}
