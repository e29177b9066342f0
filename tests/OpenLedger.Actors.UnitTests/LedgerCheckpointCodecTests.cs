using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.UnitTests;

/// <summary>
/// A checkpoint restores what replay would: the book (balances, registrations, ids, open and ended pending
/// transfers) and the statements, page by page, from one checkpoint and the one after it that appends to it. A
/// damaged page or manifest does not decode.
/// </summary>
public sealed class LedgerCheckpointCodecTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static LedgerBook NewBook() => new(account => account.StartsWith("external:", StringComparison.Ordinal));

    private static List<LedgerEntry> History(int from, int count)
    {
        var entries = new List<LedgerEntry>();
        for (var n = from; n < from + count; n++)
        {
            entries.Add(new LedgerTransfer($"d{n}", [new LedgerPosting("external:deposits", $"a{n % 7}", 1_000 + n, "deposit")], n % 3 == 0 ? $"ref{n}" : null));
            if (n % 5 == 0) entries.Add(new PendingTransfer($"r{n}", [new LedgerPosting($"a{n % 7}", "escrow", 10, "fee.reserved")], TimeSpan.FromMinutes(1), At.AddMinutes(n)));
            // Each reservation ends a dozen transfers later (so some span a checkpoint): r0, r10, … are posted, r5, r15, … voided.
            if (n % 10 == 2 && n >= 12) entries.Add(new PostPendingTransfer($"p{n}", $"r{n - 12}", []));
            if (n % 10 == 9 && n >= 14) entries.Add(new VoidPendingTransfer($"v{n}", $"r{n - 14}"));
        }
        entries.Add(new LedgerAccount($"a{from % 7}", AccountKind.Contributor, "0x" + new string('a', 40), 0));
        entries.Add(new LedgerAccount($"registered-{from}", AccountKind.Payer, null, 500));
        return entries;
    }

    /// <summary>Applies entries as the ledger does, keeping what the next checkpoint adds.</summary>
    private static void Apply(LedgerBook book, AccountStatements statements, List<TransferIdSnapshot> ids, List<HoldSnapshot> resolved, IEnumerable<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            Assert.Equal(LedgerResultCode.Ok, book.Apply(entry, out var posted));
            if (entry is TransferEntry t)
            {
                ids.Add(new TransferIdSnapshot(t.Id, book.FingerprintOf(t.Id)!));
                statements.Record(1, At, t.Id, null, posted);
            }
            var ended = entry switch { PostPendingTransfer x => x.PendingId, VoidPendingTransfer v => v.PendingId, _ => null };
            if (ended is not null) resolved.Add(HoldSnapshot.Of(book.Pending(ended)!));
        }
    }

    internal static CheckpointContent Capture(LedgerBook book, AccountStatements statements, List<TransferIdSnapshot> ids, List<HoldSnapshot> resolved, long position)
    {
        var accounts = book.AccountSnapshots().Select(a => a with { Lines = statements.LineCount(a.Id) }).ToList();
        var content = new CheckpointContent(position, new string('1', 64), At, book.TransferCount, 0, accounts,
            book.OpenHolds().Select(HoldSnapshot.Of).ToList(), resolved.ToList(), ids.ToList(), statements.Recent.ToList());
        ids.Clear();
        resolved.Clear();
        statements.ForgetRecent(statements.Recent.Count);
        return content;
    }

    [Fact]
    public async Task Two_checkpoints_in_a_row_restore_exactly_what_replay_builds()
    {
        var book = NewBook();
        var statements = new AccountStatements();
        var ids = new List<TransferIdSnapshot>();
        var resolved = new List<HoldSnapshot>();
        var harness = new CheckpointHarness();
        Apply(book, statements, ids, resolved, History(0, 300));
        var first = await harness.StoreAsync(null, Capture(book, statements, ids, resolved, 10));
        Apply(book, statements, ids, resolved, History(300, 5_000)); // ends holds the first checkpoint held open, and pages past 64 KiB
        var second = await harness.StoreAsync(first.Archive, Capture(book, statements, ids, resolved, 20));
        // The second run is larger than the first, so the two were merged into one run of every id.
        Assert.Single(second.Archive.TransferIds);
        Assert.Equal(book.TransferCount, second.Archive.TransferCount);
        Assert.True(second.Archive.StatementLines.Single().Loaded!.PageCount > 1);

        var restored = new[] { NewBook(), NewBook() };
        var restoredStatements = new AccountStatements();
        harness.Load(second.Key, restored, restoredStatements);
        Assert.Equal(0, restored[0].RecentTransferCount); // nothing of the history is in memory
        Assert.Equal(0, harness.PageReads); // and loading read no archived page

        foreach (var copy in restored)
        {
            Assert.Equal(book.Balances.OrderBy(b => b.Key), copy.Balances.OrderBy(b => b.Key));
            Assert.Equal(book.Accounts.OrderBy(a => a.Key), copy.Accounts.OrderBy(a => a.Key));
            Assert.Equal((book.TransferCount, book.OpenPendingCount, book.ReservedTotal), (copy.TransferCount, copy.OpenPendingCount, copy.ReservedTotal));
            Assert.Equal(book.Reserved("a0"), copy.Reserved("a0"));
            foreach (var id in new[] { "d0", "d299", "d5299", "r5", "p12", "v19", "p302", "never-used" })
                Assert.Equal(book.FingerprintOf(id), harness.Read(() => copy.FingerprintOf(id)));
            foreach (var pending in new[] { "r0", "r5", "r290", "r295", "r5295" })
                Assert.Equal((book.Pending(pending)!.Status, book.Pending(pending)!.ResolvedBy), harness.Read(() => (copy.Pending(pending)!.Status, copy.Pending(pending)!.ResolvedBy)));
            // The restored book goes on by the same rules: an id is still used, an open hold can still be posted.
            Assert.Equal(LedgerResultCode.Exists, harness.Read(() => copy.Apply(new LedgerTransfer("d0", [new LedgerPosting("external:deposits", "a0", 1_000, "deposit")], "ref0"))));
            Assert.Equal(LedgerResultCode.Ok, harness.Read(() => copy.Apply(new PostPendingTransfer("post-late", "r5295", []))));
        }
        foreach (var account in new[] { "a0", "a3", "external:deposits", "escrow" })
        {
            Assert.Equal(statements.LineCount(account), restoredStatements.LineCount(account));
            Assert.Equal(statements.Page(account, 0, 1_000), harness.Read(() => restoredStatements.Page(account, 0, 1_000)));
            Assert.Equal(statements.Page(account, 517, 300), harness.Read(() => restoredStatements.Page(account, 517, 300)));
        }
    }

    [Fact]
    public void A_damaged_page_or_manifest_does_not_decode()
    {
        var book = NewBook();
        var statements = new AccountStatements();
        Apply(book, statements, [], [], History(0, 50));
        var (run, pages) = ArchiveRunWriter.Build(CheckpointSection.StatementLines, statements.Recent.Select(ArchiveRunCodec.ItemOf));
        var page = pages.Single();
        Assert.Equal(statements.Recent.Count, ArchiveRunCodec.DecodePage(page, CheckpointSection.StatementLines).Count);
        Assert.Throws<InvalidDataException>(() => ArchiveRunCodec.DecodePage(page[..^3], CheckpointSection.StatementLines));
        Assert.Throws<InvalidDataException>(() => ArchiveRunCodec.DecodePage(page, CheckpointSection.TransferIds));
        var summary = ArchiveRunCodec.EncodeSummary(run);
        Assert.Equal(run.SummaryKey, ArchiveRunCodec.DecodeSummary(summary, CheckpointSection.StatementLines).SummaryKey);
        Assert.Throws<InvalidDataException>(() => ArchiveRunCodec.DecodeSummary(summary[..^1], CheckpointSection.StatementLines));
        var accounts = CheckpointCodec.EncodeAccounts(book.AccountSnapshots()).Single();
        var target = new CheckpointRestore([NewBook()], new AccountStatements());
        Assert.Throws<InvalidDataException>(() => CheckpointCodec.DecodePage(accounts[..^3], CheckpointSection.Accounts, target));
        var manifest = CheckpointCodec.EncodeManifest(new CheckpointManifest(3, new string('2', 64), At, 1, 1, new Dictionary<CheckpointSection, IReadOnlyList<CheckpointPage>>()));
        Assert.Throws<InvalidDataException>(() => CheckpointCodec.DecodeManifest([.. manifest, 0]));
        Assert.Throws<InvalidDataException>(() => CheckpointCodec.DecodeManifest(manifest[..^1]));
    }
}
