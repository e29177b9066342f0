using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Journal;

namespace OpenLedger.Actors.UnitTests;

public sealed class JournalCodecTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    internal static List<LedgerEntry> RandomEntries(Random rng, int count)
    {
        string Id(int max) => new(Enumerable.Range(0, 1 + rng.Next(max)).Select(_ => "abcxyz019:._-|"[rng.Next(14)]).ToArray());
        List<LedgerPosting> Postings(int max) => Enumerable.Range(0, rng.Next(max + 1))
            .Select(_ => new LedgerPosting(Id(128), Id(128), rng.NextInt64(1, long.MaxValue) >> rng.Next(63), "fee." + Id(20))).ToList();
        return Enumerable.Range(0, count).Select(_ => (LedgerEntry)(rng.Next(6) switch
        {
            0 => new LedgerAccount(Id(128), (AccountKind)rng.Next(5), rng.Next(2) == 0 ? null : "0x" + new string('a', 40), rng.NextInt64(0, long.MaxValue)),
            1 => new LedgerTransfer(Id(384), Postings(40), rng.Next(2) == 0 ? null : Id(384)),
            2 => new PendingTransfer(Id(384), Postings(5), TimeSpan.FromMilliseconds(rng.Next(1, 86_400_000)), At.AddMilliseconds(rng.Next()), rng.Next(2) == 0 ? null : ""),
            3 => new PostPendingTransfer(Id(384), Id(384), Postings(3), rng.Next(2) == 0 ? null : Id(50)),
            4 => new VoidPendingTransfer(Id(384), Id(384)),
            _ => new PendingExpiry(Id(384)),
        })).ToList();
    }

    [Fact]
    public void Records_round_trip_and_their_size_is_known_exactly_before_encoding()
    {
        var rng = new Random(7);
        for (var n = 0; n < 300; n++)
        {
            var entries = RandomEntries(rng, rng.Next(0, 30));
            var batch = new JournalBatch(rng.NextInt64(0, long.MaxValue) >> rng.Next(63), At, JournalChain.HashOf([(byte)n]), entries);

            var payload = JournalCodec.Encode(batch);

            Assert.Equal(JournalCodec.HeaderSize(batch.Sequence, entries.Count) + entries.Sum(JournalCodec.SizeOf), payload.Length);
            Assert.True(JournalCodec.HeaderSize(batch.Sequence, entries.Count) <= JournalCodec.MaxHeaderBytes);
            var decoded = JournalCodec.Decode(payload);
            Assert.Equal(batch.Sequence, decoded.Sequence);
            Assert.Equal(batch.CommittedAt, decoded.CommittedAt);
            Assert.Equal(batch.PreviousHash, decoded.PreviousHash);
            Assert.Equal(entries.Count, decoded.Entries.Count);
            for (var i = 0; i < entries.Count; i++) Assert.Equal(Describe(entries[i]), Describe(decoded.Entries[i]));
            Assert.Equal(payload, JournalCodec.Encode(decoded)); // canonical: the same content, the same bytes
        }
    }

    [Fact]
    public void Anything_but_a_whole_record_is_refused_as_invalid_data()
    {
        var rng = new Random(3);
        var payload = JournalCodec.Encode(new JournalBatch(5, At, JournalChain.Genesis, RandomEntries(rng, 20)));
        for (var cut = 0; cut < payload.Length; cut += 1 + cut / 7)
            Assert.Throws<InvalidDataException>(() => JournalCodec.Decode(payload[..cut]));
        Assert.Throws<InvalidDataException>(() => JournalCodec.Decode([.. payload, 0]));
        var otherVersion = payload.ToArray();
        otherVersion[0] = 2;
        Assert.Throws<InvalidDataException>(() => JournalCodec.Decode(otherVersion));
        Assert.Throws<InvalidDataException>(() => JournalCodec.Decode([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. new byte[32], 0xff, 0xff, 0xff, 0xff, 0x07]));
    }

    /// <summary>Records compare by content: lists inside records compare by reference, so spell them out.</summary>
    private static string Describe(LedgerEntry entry) => entry switch
    {
        LedgerTransfer t => $"T {t.Id} {t.Reference} {string.Join(";", t.Postings)}",
        PendingTransfer p => $"P {p.Id} {p.Reference} {p.Timeout} {p.ExpiresAt:O} {string.Join(";", p.Postings)}",
        PostPendingTransfer x => $"X {x.Id} {x.PendingId} {x.Reference} {string.Join(";", x.Postings)}",
        _ => entry.ToString(),
    };
}
