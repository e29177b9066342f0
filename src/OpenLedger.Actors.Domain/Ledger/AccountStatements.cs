namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// Every account's statement: the durable postings touching it, in journal order, with running balances.
/// Fed with each transfer once it is durable (and again on replay), so a statement's amounts always sum
/// to the account's posted balance.
/// <para>
/// The lines recorded since the last checkpoint are also kept in order (<see cref="Recent"/>), so a checkpoint writes
/// only those and adds them to the pages of the one before; a checkpoint's lines come back through
/// <see cref="Restore"/>.
/// </para>
/// </summary>
public sealed class AccountStatements
{
    public const int MaxPageSize = 1_000;

    private readonly Dictionary<string, List<StatementLine>> _lines = new(StringComparer.Ordinal);
    private readonly List<AccountLine> _recent = [];

    /// <summary>Lines recorded (not restored) and not yet covered by a checkpoint, in the order they were recorded.</summary>
    public IReadOnlyList<AccountLine> Recent => _recent;

    /// <summary>The first <paramref name="count"/> <see cref="Recent"/> lines are now in a checkpoint.</summary>
    public void ForgetRecent(int count) => _recent.RemoveRange(0, count);

    /// <summary>Appends a line from a checkpoint; lines come back in the order they were recorded, numbered without gaps.</summary>
    public void Restore(string account, StatementLine line)
    {
        if (!_lines.TryGetValue(account, out var lines)) _lines[account] = lines = [];
        if (line.LineNumber != lines.Count + 1) throw new InvalidDataException($"Statement line {line.LineNumber} of {account} is restored after line {lines.Count}.");
        lines.Add(line);
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

    public int LineCount(string account) => _lines.TryGetValue(account, out var lines) ? lines.Count : 0;

    /// <summary>The lines numbered after <paramref name="afterLine"/> (0 = from the start), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<StatementLine> Page(string account, long afterLine, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterLine);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        if (!_lines.TryGetValue(account, out var lines) || afterLine >= lines.Count) return [];
        var start = (int)afterLine; // line n sits at index n - 1
        return lines.GetRange(start, Math.Min(limit, lines.Count - start));
    }

    private void Append(string account, long batchSequence, DateTimeOffset committedAt, string transferId, string? reference, string code, string counterparty, long amount)
    {
        if (!_lines.TryGetValue(account, out var lines)) _lines[account] = lines = [];
        var balance = lines.Count == 0 ? 0 : lines[^1].BalanceAfter;
        var line = new StatementLine(lines.Count + 1, batchSequence, committedAt, transferId, reference, code, counterparty, amount, checked(balance + amount));
        lines.Add(line);
        _recent.Add(new AccountLine(account, line));
    }
}
