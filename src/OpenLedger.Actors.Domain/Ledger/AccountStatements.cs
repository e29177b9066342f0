using OpenLedger.Actors.Domain.Ledger.Archive;

namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// Every account's statement: the durable postings touching it, in journal order, with running balances.
/// Fed with each transfer once it is durable (and again on replay), so a statement's amounts always sum
/// to the account's posted balance.
/// <para>
/// Lines older than the last checkpoint live in its <see cref="LedgerArchive"/> and are read on demand; memory holds,
/// per account, how many lines the archive has and the balance after its last one, and the lines recorded since (the
/// tail). A page that reaches into the archive may throw <see cref="ArchivePageNeededException"/> (nothing changed;
/// load the page and ask again). The lines recorded since the last checkpoint are also kept in order
/// (<see cref="Recent"/>), so a checkpoint writes only those.
/// </para>
/// </summary>
public sealed class AccountStatements
{
    public const int MaxPageSize = 1_000;

    private readonly Dictionary<string, List<StatementLine>> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Lines, long BalanceAfter)> _archived = new(StringComparer.Ordinal);
    private readonly List<AccountLine> _recent = [];
    private LedgerArchive? _archive;

    /// <summary>Lines recorded (not restored) and not yet covered by a checkpoint, in the order they were recorded.</summary>
    public IReadOnlyList<AccountLine> Recent => _recent;

    /// <summary>Lines held in memory (the tail after the archive), over all accounts.</summary>
    public long TailLineCount { get; private set; }

    /// <summary>The first <paramref name="count"/> <see cref="Recent"/> lines are now in a checkpoint.</summary>
    public void ForgetRecent(int count) => _recent.RemoveRange(0, count);

    /// <summary>Restores an account's archived line count and the balance after its last line (checkpoint loading, before any line is recorded).</summary>
    public void RestoreAccount(string account, long lines, long balanceAfter)
    {
        if (lines < 0 || _lines.ContainsKey(account)) throw new InvalidDataException($"The statement of {account} is restored out of order.");
        if (lines > 0) _archived[account] = (lines, balanceAfter);
    }

    /// <summary>
    /// Hands <paramref name="archivedLines"/> (the oldest lines of the tail, as a checkpoint took them, in order) to
    /// <paramref name="archive"/>: they leave memory. With no lines, only attaches the archive (checkpoint loading).
    /// </summary>
    public void AttachArchive(LedgerArchive archive, IReadOnlyList<AccountLine> archivedLines)
    {
        _archive = archive;
        foreach (var group in archivedLines.GroupBy(l => l.Account, StringComparer.Ordinal))
        {
            var tail = _lines[group.Key];
            var count = group.Count();
            var last = group.Last().Line;
            if (tail.Count < count || tail[count - 1] != last) throw new InvalidOperationException($"The archived lines of {group.Key} are not the oldest of its tail.");
            tail.RemoveRange(0, count);
            if (tail.Count == 0) _lines.Remove(group.Key);
            _archived[group.Key] = (last.LineNumber, last.BalanceAfter);
            TailLineCount -= count;
        }
    }

    public void Record(long batchSequence, DateTimeOffset committedAt, LedgerTransfer transfer) =>
        Record(batchSequence, committedAt, transfer.Id, transfer.Reference, transfer.Postings);

    /// <summary>Records what a write moved between posted balances (for a post of a pending transfer, the postings it posted).</summary>
    public void Record(long batchSequence, DateTimeOffset committedAt, string transferId, string? reference, IReadOnlyList<LedgerPosting> postings)
    {
        foreach (var posting in postings)
        {
            Append(posting.DebitAccount, batchSequence, committedAt, transferId, reference, posting.Code, posting.CreditAccount, -posting.Amount);
            Append(posting.CreditAccount, batchSequence, committedAt, transferId, reference, posting.Code, posting.DebitAccount, posting.Amount);
        }
    }

    public long LineCount(string account) => ArchivedLines(account) + (_lines.TryGetValue(account, out var lines) ? lines.Count : 0);

    /// <summary>The lines numbered after <paramref name="afterLine"/> (0 = from the start), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<StatementLine> Page(string account, long afterLine, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterLine);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var archived = ArchivedLines(account);
        var page = new List<StatementLine>();
        if (afterLine < archived)
        {
            if (_archive is null) throw new InvalidOperationException($"The statement of {account} has {archived} archived lines but no archive.");
            page.AddRange(_archive.Lines(account, afterLine, archived, limit));
            if (page.Count < Math.Min(limit, archived - afterLine))
                throw new InvalidDataException($"The archive holds {page.Count} lines of {account} after line {afterLine}; its checkpoint says {archived}.");
        }
        if (page.Count < limit && _lines.TryGetValue(account, out var tail))
        {
            var start = (int)Math.Max(0, afterLine - archived); // tail line n sits at index n - archived - 1
            if (start < tail.Count) page.AddRange(tail.GetRange(start, Math.Min(limit - page.Count, tail.Count - start)));
        }
        return page;
    }

    private long ArchivedLines(string account) => _archived.TryGetValue(account, out var archived) ? archived.Lines : 0;

    private void Append(string account, long batchSequence, DateTimeOffset committedAt, string transferId, string? reference, string code, string counterparty, long amount)
    {
        if (!_lines.TryGetValue(account, out var lines)) _lines[account] = lines = [];
        var (archivedLines, archivedBalance) = _archived.GetValueOrDefault(account);
        var balance = lines.Count == 0 ? archivedBalance : lines[^1].BalanceAfter;
        var line = new StatementLine(archivedLines + lines.Count + 1, batchSequence, committedAt, transferId, reference, code, counterparty, amount, checked(balance + amount));
        lines.Add(line);
        TailLineCount++;
        _recent.Add(new AccountLine(account, line));
    }
}
