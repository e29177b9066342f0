using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.UnitTests;

/// <summary>
/// The paged id index and statements (<see cref="LedgerArchive"/>) answer exactly what the whole history in memory
/// answers. A book that hands each checkpoint's ids, ended pending transfers and statement lines to the archive (and,
/// at some checkpoints, is reloaded from it) is run beside a book that keeps everything, and beside a
/// <see cref="HashSet{T}"/> oracle of the ids used, over random writes and many checkpoints (so runs are merged):
/// every write gets the same code (<c>Ok</c>, <c>Exists</c>, <c>ExistsWithDifferentPostings</c>,
/// <c>PendingAlreadyPosted</c>, …), every probe of an id (absent, used with this body, used with another) and of a
/// pending transfer (open, posted, voided, never made) agrees, and every statement page is the same.
/// </summary>
public sealed class LedgerArchiveTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task A_paged_book_answers_as_the_whole_history_in_memory_across_checkpoints_and_reloads(int seed)
    {
        var random = new Random(seed);
        var reference = LedgerCheckpointCodecTests.NewBook();
        var referenceStatements = new AccountStatements();
        var harness = new CheckpointHarness(cachedPages: 2);
        var paged = LedgerCheckpointCodecTests.NewBook();
        var pagedStatements = new AccountStatements();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var open = new List<string>();
        var ended = new List<string>();
        var ids = new List<TransferIdSnapshot>();
        var resolved = new List<HoldSnapshot>();
        LedgerArchive? archive = null;
        var next = 0;
        var position = 0L;

        for (var checkpoint = 0; checkpoint < 14; checkpoint++)
        {
            var writes = random.Next(50, 400);
            for (var w = 0; w < writes; w++)
            {
                var entry = NextWrite(random, ref next, used, open, ended);
                var expected = reference.Apply(entry, out var posted);
                Assert.Equal(expected, harness.Read(() => paged.Apply(entry, out _)));
                if (expected != LedgerResultCode.Ok) continue;
                var transfer = (TransferEntry)entry;
                Assert.True(used.Add(transfer.Id));
                ids.Add(new TransferIdSnapshot(transfer.Id, reference.FingerprintOf(transfer.Id)!));
                referenceStatements.Record(position, At, transfer.Id, null, posted);
                pagedStatements.Record(position, At, transfer.Id, null, posted);
                if (entry is PendingTransfer) open.Add(transfer.Id);
                var ends = entry switch { PostPendingTransfer x => x.PendingId, VoidPendingTransfer v => v.PendingId, _ => null };
                if (ends is not null)
                {
                    open.Remove(ends);
                    ended.Add(ends);
                    resolved.Add(HoldSnapshot.Of(reference.Pending(ends)!));
                }
            }
            position++;
            var content = LedgerCheckpointCodecTests.Capture(paged, pagedStatements, ids, resolved, position);
            var stored = await harness.StoreAsync(archive, content);
            archive = stored.Archive;
            Assert.True(archive.TransferIds.Count <= 5, $"{archive.TransferIds.Count} runs of ids after {checkpoint + 1} checkpoints");
            if (checkpoint % 4 == 3)
            {
                // Restart: a fresh book from the checkpoint alone.
                paged = LedgerCheckpointCodecTests.NewBook();
                pagedStatements = new AccountStatements();
                harness.Load(stored.Key, [paged], pagedStatements);
            }
            else
            {
                paged.AttachArchive(archive, content.NewTransferIds.Select(t => t.Id), content.NewlyResolvedHolds.Select(h => h.Transfer.Id));
                pagedStatements.AttachArchive(archive, content.NewStatementLines);
            }
            Assert.Equal(0, paged.RecentTransferCount);
            Assert.Equal(used.Count, paged.TransferCount);
            Compare(random, reference, referenceStatements, paged, pagedStatements, harness, used, next);
        }

        // Ids never used cost a page read only when a run's filter errs (about 0.8 % per run).
        harness.PageReads = 0;
        for (var n = 0; n < 2_000; n++) Assert.Null(harness.Read(() => paged.FingerprintOf($"absent-{n}")));
        Assert.True(harness.PageReads < 2_000 * 0.05, $"{harness.PageReads} page reads for 2,000 absent ids");
    }

    private static void Compare(Random random, LedgerBook reference, AccountStatements referenceStatements, LedgerBook paged, AccountStatements pagedStatements,
        CheckpointHarness harness, HashSet<string> used, int next)
    {
        Assert.Equal(reference.Balances.OrderBy(b => b.Key), paged.Balances.OrderBy(b => b.Key));
        Assert.Equal((reference.OpenPendingCount, reference.ReservedTotal), (paged.OpenPendingCount, paged.ReservedTotal));
        for (var probe = 0; probe < 300; probe++)
        {
            var id = Id(random, next + 50);
            var fingerprint = harness.Read(() => paged.FingerprintOf(id));
            Assert.Equal(used.Contains(id), fingerprint is not null);
            Assert.Equal(reference.FingerprintOf(id), fingerprint);
            var pending = harness.Read(() => paged.Pending(id) is { } hold ? (hold.Status, hold.ResolvedBy, hold.Transfer) : default);
            var expected = reference.Pending(id) is { } h ? (h.Status, h.ResolvedBy, h.Transfer) : default;
            Assert.Equal(expected.Status, pending.Status);
            Assert.Equal(expected.ResolvedBy, pending.ResolvedBy);
            Assert.Equal(expected.Transfer?.Id, pending.Transfer?.Id);
        }
        foreach (var account in Accounts.Append("external:deposits").Append("escrow"))
        {
            Assert.Equal(referenceStatements.LineCount(account), pagedStatements.LineCount(account));
            var after = random.Next(0, (int)referenceStatements.LineCount(account) + 2);
            var limit = random.Next(1, 200);
            Assert.Equal(referenceStatements.Page(account, after, limit), harness.Read(() => pagedStatements.Page(account, after, limit)));
        }
    }

    private static readonly string[] Accounts = ["a0", "a1", "a2", "a3", "a4"];

    private static string Id(Random random, int below) => $"t{random.Next(0, Math.Max(1, below))}";

    /// <summary>A random write: mostly new transfers, some retries (same body: Exists) and conflicts (other body), reservations, posts and voids (some of ended ones).</summary>
    private static LedgerEntry NextWrite(Random random, ref int next, HashSet<string> used, List<string> open, List<string> ended)
    {
        var roll = random.Next(100);
        var account = Accounts[random.Next(Accounts.Length)];
        // Bodies depend only on the id, so a repeated id with "same" is the same body.
        LedgerTransfer Deposit(string id, long extra) => new(id, [new LedgerPosting("external:deposits", Accounts[id.GetHashCode(StringComparison.Ordinal) & 3], 100 + id.Length + extra, "deposit")]);
        if (roll < 10 && used.Count > 0) return Deposit(Id(random, next), 0); // maybe a retry, maybe a conflict with another kind of write
        if (roll < 15 && used.Count > 0) return Deposit(Id(random, next), 1); // a different body for a used id
        if (roll < 30) return new PendingTransfer($"t{next++}", [new LedgerPosting(account, "escrow", 1 + random.Next(5), "fee.reserved")], TimeSpan.FromHours(1), At.AddHours(1));
        if (roll < 40 && (open.Count > 0 || ended.Count > 0))
        {
            var target = ended.Count > 0 && random.Next(3) == 0 ? ended[random.Next(ended.Count)] : open.Count > 0 ? open[random.Next(open.Count)] : ended[0];
            return new PostPendingTransfer($"t{next++}", target, []);
        }
        if (roll < 48 && (open.Count > 0 || ended.Count > 0))
        {
            var target = ended.Count > 0 && random.Next(3) == 0 ? ended[random.Next(ended.Count)] : open.Count > 0 ? open[random.Next(open.Count)] : ended[0];
            return new VoidPendingTransfer($"t{next++}", target);
        }
        if (roll < 52) return new PostPendingTransfer($"t{next++}", $"never-{random.Next(100)}", []);
        return Deposit($"t{next++}", 0);
    }
}
