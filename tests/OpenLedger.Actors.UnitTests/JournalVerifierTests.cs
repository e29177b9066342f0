using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Journal;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The hash chain and the head witness: what activation refuses.</summary>
public sealed class JournalVerifierTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A chained journal of <paramref name="count"/> records: (stored hash, payload) per record.</summary>
    private static List<(string Hash, byte[] Payload)> Journal(int count)
    {
        var records = new List<(string, byte[])>();
        var previous = JournalChain.Genesis;
        var rng = new Random(count);
        for (var n = 0; n < count; n++)
        {
            var payload = JournalCodec.Encode(new JournalBatch(n, At.AddSeconds(n), previous, JournalCodecTests.RandomEntries(rng, 3)));
            previous = JournalChain.HashOf(payload);
            records.Add((previous, payload));
        }
        return records;
    }

    private static JournalVerifier Verify(List<(string Hash, byte[] Payload)> records, JournalWitness? witness, long? recordAfterEnd = null)
    {
        var verifier = new JournalVerifier(witness);
        for (var n = 0; n < records.Count; n++) verifier.Accept(n, records[n].Hash, records[n].Payload);
        verifier.Finish(recordAfterEnd);
        return verifier;
    }

    [Fact]
    public void A_whole_journal_verifies_against_its_witness()
    {
        var records = Journal(5);
        var verifier = Verify(records, new JournalWitness(4, records[4].Hash));
        Assert.Equal(5, verifier.NextSequence);
        Assert.Equal(records[4].Hash, verifier.LastHash);
        Verify([], JournalWitness.Empty);
        Verify([], witness: null); // a new ledger
    }

    [Fact]
    public void Records_written_after_the_witness_are_accepted_they_were_never_acknowledged()
    {
        var records = Journal(5);
        Assert.Equal(5, Verify(records, new JournalWitness(2, records[2].Hash)).NextSequence);
    }

    [Fact]
    public void A_deleted_tail_is_detected_by_the_witness()
    {
        var records = Journal(5);
        var e = Assert.Throws<JournalIntegrityException>(() => Verify(records[..3], new JournalWitness(4, records[4].Hash)));
        Assert.Contains("records 3–4 are missing", e.Message);
    }

    [Fact]
    public void A_deleted_middle_record_is_a_gap()
    {
        var records = Journal(5);
        var e = Assert.Throws<JournalIntegrityException>(() => Verify(records[..2], new JournalWitness(4, records[4].Hash), recordAfterEnd: 3));
        Assert.Contains("record 2 is missing but record 3 exists", e.Message);
    }

    [Fact]
    public void A_missing_witness_with_records_is_refused()
    {
        var e = Assert.Throws<JournalIntegrityException>(() => Verify(Journal(2), witness: null));
        Assert.Contains("head witness is missing", e.Message);
    }

    [Fact]
    public void A_changed_byte_anywhere_is_detected_by_the_checksum()
    {
        var records = Journal(3);
        for (var i = 0; i < records[1].Payload.Length; i++)
        {
            var corrupted = records.ToList();
            var bytes = records[1].Payload.ToArray();
            bytes[i] ^= 0x20;
            corrupted[1] = (records[1].Hash, bytes);
            var e = Assert.Throws<JournalIntegrityException>(() => Verify(corrupted, new JournalWitness(2, records[2].Hash)));
            Assert.Contains("record 1 is corrupted", e.Message);
        }
        var truncated = records.ToList();
        truncated[1] = (records[1].Hash, records[1].Payload[..^1]);
        Assert.Throws<JournalIntegrityException>(() => Verify(truncated, new JournalWitness(2, records[2].Hash)));
    }

    [Fact]
    public void A_record_rewritten_with_a_fresh_checksum_breaks_the_chain_or_the_witness()
    {
        var records = Journal(3);
        var forged = JournalCodec.Decode(records[1].Payload) with { Entries = [new LedgerTransfer("forged", [new LedgerPosting("external:deposits", "mallory", 1_000_000, "deposit")])] };
        var forgedPayload = JournalCodec.Encode(forged);
        var middle = records.ToList();
        middle[1] = (JournalChain.HashOf(forgedPayload), forgedPayload);
        Assert.Contains("record 2 does not follow record 1", Assert.Throws<JournalIntegrityException>(() => Verify(middle, new JournalWitness(2, records[2].Hash))).Message);

        var last = records.ToList()[..2];
        last[1] = middle[1];
        Assert.Contains("differs from the one the head witness vouches for", Assert.Throws<JournalIntegrityException>(() => Verify(last, new JournalWitness(1, records[1].Hash))).Message);

        var swapped = records.ToList();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        Assert.Contains("says it is record 1", Assert.Throws<JournalIntegrityException>(() => Verify(swapped, new JournalWitness(2, records[2].Hash))).Message);
    }
}
