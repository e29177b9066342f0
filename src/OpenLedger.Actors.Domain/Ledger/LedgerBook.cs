using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Domain.Ledger.Journal;

namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// The ledger's rules, with no storage and no clock: accounts, posted balances in integer micro-units, reservations
/// of pending transfers, and the transfer ids used. Invariants kept by <see cref="Apply(LedgerEntry)"/>:
/// <list type="bullet">
/// <item>every posting is double-entry, so the sum of all posted balances is always 0;</item>
/// <item>a transfer id is used at most once, for one body; a write applies atomically (all postings or none);</item>
/// <item>an account's <em>available</em> balance (posted minus reserved by pending transfers) never goes below its floor
/// through a debit: minus its credit limit when every debit on it is a fee (<see cref="PostingCodes.MayDrawOnCredit"/>),
/// zero otherwise — money leaves or is staked only from money. Only the system's external accounts
/// (<paramref name="isExternal"/>) are unbounded, since their debit is money entering;</item>
/// <item>a posting may only debit an account that exists (registered, or created by an earlier credit);</item>
/// <item>a pending transfer ends exactly once: posted (no more than it reserved, from the accounts it reserved),
/// voided, or expired; until then its credits are not spendable;</item>
/// <item>every write fits one journal record (<paramref name="maxEntryBytes"/>);</item>
/// <item>a rejected write changes nothing, and is answered with the first applicable code in
/// <see cref="LedgerResultCode"/>'s order.</item>
/// </list>
/// <para>
/// Ids and ended pending transfers older than the last checkpoint live in a <see cref="LedgerArchive"/> (paged from
/// storage); memory holds only those used since, and the open pending transfers. A check that needs an archived page
/// not in memory throws <see cref="ArchivePageNeededException"/> before changing anything, and is asked again once the
/// caller has loaded the page: every answer is the one the whole history gives.
/// </para>
/// </summary>
public sealed class LedgerBook(Func<string, bool> isExternal, int maxEntryBytes = LedgerLimits.MinRecordPayloadBytes - JournalCodec.MaxHeaderBytes)
{
    /// <summary>Kept for callers that name the limit here; see <see cref="LedgerLimits"/>.</summary>
    public const int MaxPostingsPerTransfer = LedgerLimits.MaxPostingsPerTransfer;

    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingHold> _pending = new(StringComparer.Ordinal);
    private readonly PriorityQueue<PendingHold, DateTimeOffset> _expiries = new();
    private int _openPending;
    private long _reservedTotal;
    private LedgerArchive? _archive;
    private bool _replaying;
    private PartitionMap _partitions = PartitionMap.Single;
    private int _partition;

    public IReadOnlyDictionary<string, long> Balances => _balances;
    public IReadOnlyDictionary<string, LedgerAccount> Accounts => _accounts;

    /// <summary>Transfer ids used (single-phase, pending, post and void alike).</summary>
    public long TransferCount => _fingerprints.Count + (_archive?.TransferCount ?? 0);

    /// <summary>Transfer ids held in memory (used since the archive's checkpoint).</summary>
    public int RecentTransferCount => _fingerprints.Count;

    /// <summary>The ledger's partitions and which one this book is (one partition, partition 0, unless <see cref="UsePartition"/> said otherwise).</summary>
    public PartitionMap Partitions => _partitions;
    public int Partition => _partition;

    /// <summary>
    /// Makes this the book of partition <paramref name="partition"/> of <paramref name="map"/> (before its first write).
    /// Its writes must debit only accounts it holds (the caller routes them, <see cref="PartitionRoute"/>); a credit to
    /// an account another partition holds goes to this partition's transit account for that partition, and is owed
    /// there (<see cref="OwedCredit.Of"/>). Every book stays balanced on its own: Σ balances = 0 in every partition.
    /// </summary>
    public void UsePartition(PartitionMap map, int partition)
    {
        if (_fingerprints.Count > 0 || _balances.Count > 0 || _archive is not null) throw new InvalidOperationException("A book's partition is set before its first write.");
        _ = map.GrainKey("check", partition); // throws for a partition the map does not have
        (_partitions, _partition) = (map, partition);
    }

    /// <summary>The archive of ids and ended pending transfers before the last checkpoint, if any.</summary>
    public LedgerArchive? Archive => _archive;

    /// <summary>Pending transfers not yet posted, voided or expired, and what they reserve in all.</summary>
    public int OpenPendingCount => _openPending;
    public long ReservedTotal => _reservedTotal;

    public long Balance(string account) => _balances.GetValueOrDefault(account);

    /// <summary>What pending transfers reserve on the account.</summary>
    public long Reserved(string account) => _reserved.GetValueOrDefault(account);

    public LedgerAccount? Account(string account) => _accounts.GetValueOrDefault(account);

    public bool Contains(string transferId) => FingerprintOf(transferId) is not null;

    /// <summary>A pending transfer, open or ended (may throw <see cref="ArchivePageNeededException"/>).</summary>
    public PendingHold? Pending(string pendingId) => _pending.GetValueOrDefault(pendingId) ?? (_replaying ? null : _archive?.EndedHold(pendingId));

    /// <summary>Open pending transfers whose timeout has passed at <paramref name="now"/>, earliest first.</summary>
    public IReadOnlyList<string> DueExpiries(DateTimeOffset now)
    {
        var due = new List<(PendingHold Hold, DateTimeOffset At)>();
        while (_expiries.TryPeek(out var hold, out var at) && (hold.Status != PendingStatus.Pending || at <= now))
        {
            _expiries.Dequeue(); // ended holds leave the index here; due ones go back until their expiry is applied
            if (hold.Status == PendingStatus.Pending) due.Add((hold, at));
        }
        foreach (var (hold, at) in due) _expiries.Enqueue(hold, at);
        return due.Select(d => d.Hold.Transfer.Id).ToList();
    }

    /// <summary>The fingerprint the book holds for a used transfer id (null when unused).</summary>
    public string? FingerprintOf(string transferId) => _fingerprints.GetValueOrDefault(transferId) ?? (_replaying ? null : _archive?.FingerprintOf(transferId));

    /// <summary>
    /// Hands what a checkpoint now holds to <paramref name="archive"/>: the ids in <paramref name="archivedIds"/> and
    /// the ended pending transfers in <paramref name="archivedHolds"/> leave memory (the archive answers for them).
    /// </summary>
    public void AttachArchive(LedgerArchive archive, IEnumerable<string> archivedIds, IEnumerable<string> archivedHolds)
    {
        _archive = archive;
        foreach (var id in archivedIds) _fingerprints.Remove(id);
        foreach (var id in archivedHolds)
        {
            if (_pending.TryGetValue(id, out var hold) && hold.Status != PendingStatus.Pending) _pending.Remove(id);
        }
    }

    /// <summary>Every account with a balance or a registration, as a checkpoint holds it.</summary>
    public List<Checkpoints.AccountSnapshot> AccountSnapshots()
    {
        var accounts = new List<Checkpoints.AccountSnapshot>(_balances.Count + 16);
        foreach (var (id, balance) in _balances) accounts.Add(new(id, balance, _accounts.GetValueOrDefault(id)));
        foreach (var (id, registration) in _accounts)
        {
            if (!_balances.ContainsKey(id)) accounts.Add(new(id, null, registration));
        }
        return accounts;
    }

    /// <summary>Pending transfers not yet posted, voided or expired (for a checkpoint; what they reserve is derived from them).</summary>
    public IReadOnlyList<PendingHold> OpenHolds() =>
        _expiries.UnorderedItems.Select(item => item.Element).Where(hold => hold.Status == PendingStatus.Pending).Distinct().ToList();

    /// <summary>
    /// Restores one account as a checkpoint holds it: its posted balance, if it has one (external accounts and every
    /// account a posting touched), and its registration, if it has one. Only for loading a checkpoint into an empty
    /// book; the checkpoint's own checks (Σ balances = 0, the counts) run after.
    /// </summary>
    public void RestoreAccount(string id, long? balance, LedgerAccount? registration)
    {
        if (balance is { } posted) _balances[id] = posted;
        if (registration is not null) _accounts[id] = registration;
    }

    /// <summary>Restores a pending transfer in its state; an open one reserves again what it reserved (checkpoint loading only).</summary>
    public void RestoreHold(PendingTransfer transfer, PendingStatus status, string? resolvedBy)
    {
        var hold = new PendingHold(transfer) { Status = PendingStatus.Pending };
        if (status == PendingStatus.Pending)
        {
            Reserve(hold);
            return;
        }
        hold.Status = status;
        hold.ResolvedBy = resolvedBy;
        if (!_pending.TryAdd(transfer.Id, hold)) throw new InvalidDataException($"Pending transfer {transfer.Id} is restored twice.");
    }

    /// <summary>Registers an account (see <see cref="CheckOpen"/>).</summary>
    public LedgerResultCode Open(LedgerAccount account)
    {
        var code = CheckOpen(account);
        if (code == LedgerResultCode.Ok) _accounts[account.Id] = account;
        return code;
    }

    /// <summary>
    /// The same registration again is <see cref="LedgerResultCode.Exists"/>; a different one for a registered id is
    /// <see cref="LedgerResultCode.ExistsWithDifferentAccount"/>. An account created by a credit
    /// (<see cref="AccountKind.Implicit"/>) can be registered once, keeping its balance.
    /// </summary>
    public LedgerResultCode CheckOpen(LedgerAccount account)
    {
        if (account.Kind == AccountKind.Implicit || !Enum.IsDefined(account.Kind) || account.CreditLimit < 0) return LedgerResultCode.InvalidAccount;
        if (string.IsNullOrWhiteSpace(account.Id) || isExternal(account.Id)) return LedgerResultCode.AccountMissing;
        if (JournalCodec.SizeOf(account) > maxEntryBytes) return LedgerResultCode.TooLarge;
        if (_accounts.TryGetValue(account.Id, out var existing) && existing.Kind != AccountKind.Implicit)
            return existing == account ? LedgerResultCode.Exists : LedgerResultCode.ExistsWithDifferentAccount;
        return LedgerResultCode.Ok;
    }

    /// <summary>Checks a write against the rules and, when it passes, applies it.</summary>
    public LedgerResultCode Apply(LedgerEntry entry) => Apply(entry, out _);

    /// <summary>As <see cref="Apply(LedgerEntry)"/>; <paramref name="posted"/> is what the write moved between posted balances.</summary>
    public LedgerResultCode Apply(LedgerEntry entry, out IReadOnlyList<LedgerPosting> posted)
    {
        posted = [];
        if (entry is LedgerAccount account) return Open(account);
        var code = Check(entry, out var plan);
        if (code != LedgerResultCode.Ok) return code;
        foreach (var (id, delta) in plan.BalanceChanges)
        {
            _balances[id] = Balance(id) + delta;
            if (!isExternal(id)) _accounts.TryAdd(id, LedgerAccount.ImplicitFor(id));
        }
        if (plan.Releases is { } released) Release(released, plan.Outcome, plan.ResolvedBy);
        if (plan.Reserves is { } hold) Reserve(hold);
        if (entry is TransferEntry transfer) _fingerprints.Add(transfer.Id, plan.Fingerprint);
        posted = plan.Posted;
        return LedgerResultCode.Ok;
    }

    /// <summary>
    /// Applies a write from a journal record after the archive's checkpoint, as <see cref="Apply(LedgerEntry, out IReadOnlyList{LedgerPosting})"/>
    /// but without reading the archive: such a write was checked against the whole book when it was accepted, and its
    /// record verified against the chain from the checkpoint, so an archived id cannot recur in it and the pending
    /// transfer it ends was open (in memory) at the checkpoint or began after it. Replay then reads no archived
    /// summary or page, and activation time does not grow with the archive. A pending transfer not in memory is
    /// <see cref="LedgerResultCode.PendingNotFound"/> (the journal does not apply).
    /// </summary>
    public LedgerResultCode Replay(LedgerEntry entry, out IReadOnlyList<LedgerPosting> posted)
    {
        _replaying = true;
        try
        {
            return Apply(entry, out posted);
        }
        finally
        {
            _replaying = false;
        }
    }

    /// <summary>What <see cref="Apply(LedgerEntry)"/> would answer, without applying.</summary>
    public LedgerResultCode Check(LedgerEntry entry) => entry is LedgerAccount account ? CheckOpen(account) : Check(entry, out _);

    private LedgerResultCode Check(LedgerEntry entry, out Plan plan)
    {
        plan = Plan.Nothing;
        return entry switch
        {
            LedgerTransfer t => CheckTransfer(t, ref plan),
            PendingTransfer p => CheckPending(p, ref plan),
            PostPendingTransfer x => CheckPost(x, ref plan),
            VoidPendingTransfer v => CheckVoid(v, ref plan),
            PendingExpiry e => CheckExpiry(e, ref plan),
            _ => throw new ArgumentException($"Unknown ledger entry {entry.GetType().Name}.", nameof(entry)),
        };
    }

    private LedgerResultCode CheckTransfer(LedgerTransfer t, ref Plan plan)
    {
        var code = CheckShape(t, t.Postings, postingsRequired: true);
        if (code != LedgerResultCode.Ok) return code;
        code = CheckId(t, out var fingerprint);
        if (code != LedgerResultCode.Ok) return code;
        RequireDebitsHere(t.Postings);
        if (t.Postings.FirstOrDefault(p => !isExternal(p.DebitAccount) && !_accounts.ContainsKey(p.DebitAccount)) is not null)
            return LedgerResultCode.AccountNotFound;
        code = CheckBalances(t.Postings, releasing: null, out var changes);
        if (code != LedgerResultCode.Ok) return code;
        plan = new Plan(fingerprint, changes, t.Postings, null, null, default, null);
        return LedgerResultCode.Ok;
    }

    private LedgerResultCode CheckPending(PendingTransfer p, ref Plan plan)
    {
        if (string.IsNullOrWhiteSpace(p.Id)) return LedgerResultCode.IdMissing;
        var code = CheckPostings(p.Postings, postingsRequired: true);
        if (code != LedgerResultCode.Ok) return code;
        if (p.Timeout <= TimeSpan.Zero || p.Timeout > LedgerLimits.MaxPendingTimeout || p.Timeout.Ticks % TimeSpan.TicksPerMillisecond != 0)
            return LedgerResultCode.TimeoutInvalid;
        if (JournalCodec.SizeOf(p) > maxEntryBytes) return LedgerResultCode.TooLarge;
        code = CheckId(p, out var fingerprint);
        if (code != LedgerResultCode.Ok) return code;
        RequireDebitsHere(p.Postings);
        if (p.Postings.FirstOrDefault(x => !isExternal(x.DebitAccount) && !_accounts.ContainsKey(x.DebitAccount)) is not null)
            return LedgerResultCode.AccountNotFound;
        PendingHold hold;
        try
        {
            hold = new PendingHold(p);
            foreach (var (account, amount) in hold.Reserved) _ = checked(Reserved(account) + amount);
            _ = checked(_reservedTotal + hold.Total);
        }
        catch (OverflowException)
        {
            return LedgerResultCode.BalanceOverflow;
        }
        foreach (var (account, amount) in hold.Reserved)
        {
            if (isExternal(account)) continue;
            if ((Int128)Balance(account) - Reserved(account) - amount < Floor(account, p.Postings)) return LedgerResultCode.InsufficientFunds;
        }
        plan = new Plan(fingerprint, new(), [], hold, null, default, null);
        return LedgerResultCode.Ok;
    }

    private LedgerResultCode CheckPost(PostPendingTransfer x, ref Plan plan)
    {
        if (string.IsNullOrWhiteSpace(x.Id)) return LedgerResultCode.IdMissing;
        if (x.Postings is null) return LedgerResultCode.NoPostings;
        var code = CheckPostings(x.Postings, postingsRequired: false);
        if (code != LedgerResultCode.Ok) return code;
        if (string.IsNullOrWhiteSpace(x.PendingId)) return LedgerResultCode.PendingIdMissing;
        if (JournalCodec.SizeOf(x) > maxEntryBytes) return LedgerResultCode.TooLarge;
        code = CheckId(x, out var fingerprint);
        if (code != LedgerResultCode.Ok) return code;
        code = CheckOpenHold(x.PendingId, out var hold);
        if (code != LedgerResultCode.Ok) return code;
        var postings = x.Postings.Count > 0 ? x.Postings : hold!.Transfer.Postings;
        foreach (var group in postings.GroupBy(p => p.DebitAccount, StringComparer.Ordinal))
        {
            var reserved = hold!.Reserved.GetValueOrDefault(group.Key);
            long total = 0;
            foreach (var p in group)
            {
                total += p.Amount;
                if (total > reserved) return LedgerResultCode.PostExceedsPending;
            }
        }
        code = CheckBalances(postings, hold, out var changes);
        if (code != LedgerResultCode.Ok) return code;
        plan = new Plan(fingerprint, changes, postings, null, hold, PendingStatus.Posted, x.Id);
        return LedgerResultCode.Ok;
    }

    private LedgerResultCode CheckVoid(VoidPendingTransfer v, ref Plan plan)
    {
        if (string.IsNullOrWhiteSpace(v.Id)) return LedgerResultCode.IdMissing;
        if (string.IsNullOrWhiteSpace(v.PendingId)) return LedgerResultCode.PendingIdMissing;
        if (JournalCodec.SizeOf(v) > maxEntryBytes) return LedgerResultCode.TooLarge;
        var code = CheckId(v, out var fingerprint);
        if (code != LedgerResultCode.Ok) return code;
        code = CheckOpenHold(v.PendingId, out var hold);
        if (code != LedgerResultCode.Ok) return code;
        plan = new Plan(fingerprint, new(), [], null, hold, PendingStatus.Voided, v.Id);
        return LedgerResultCode.Ok;
    }

    private LedgerResultCode CheckExpiry(PendingExpiry e, ref Plan plan)
    {
        if (string.IsNullOrWhiteSpace(e.PendingId)) return LedgerResultCode.PendingIdMissing;
        var code = CheckOpenHold(e.PendingId, out var hold);
        if (code != LedgerResultCode.Ok) return code;
        plan = new Plan("", new(), [], null, hold, PendingStatus.Expired, null);
        return LedgerResultCode.Ok;
    }

    private LedgerResultCode CheckShape(TransferEntry entry, IReadOnlyList<LedgerPosting>? postings, bool postingsRequired)
    {
        if (string.IsNullOrWhiteSpace(entry.Id)) return LedgerResultCode.IdMissing;
        var code = CheckPostings(postings, postingsRequired);
        if (code != LedgerResultCode.Ok) return code;
        return JournalCodec.SizeOf(entry) > maxEntryBytes ? LedgerResultCode.TooLarge : LedgerResultCode.Ok;
    }

    /// <summary>The postings' own shape, each rule over all postings before the next (so precedence holds across postings).</summary>
    private static LedgerResultCode CheckPostings(IReadOnlyList<LedgerPosting>? postings, bool postingsRequired)
    {
        if (postings is null || (postingsRequired && postings.Count == 0)) return LedgerResultCode.NoPostings;
        if (postings.Count > LedgerLimits.MaxPostingsPerTransfer) return LedgerResultCode.TooManyPostings;
        if (postings.Any(p => p is null || string.IsNullOrWhiteSpace(p.DebitAccount) || string.IsNullOrWhiteSpace(p.CreditAccount) || p.Code is null))
            return LedgerResultCode.AccountMissing;
        if (postings.Any(p => p.Amount <= 0)) return LedgerResultCode.AmountMustBePositive;
        if (postings.Any(p => string.Equals(p.DebitAccount, p.CreditAccount, StringComparison.Ordinal))) return LedgerResultCode.SameDebitAndCredit;
        return LedgerResultCode.Ok;
    }

    private LedgerResultCode CheckId(TransferEntry entry, out string fingerprint)
    {
        fingerprint = entry.Fingerprint();
        if (FingerprintOf(entry.Id) is { } existing)
            return existing == fingerprint ? LedgerResultCode.Exists : LedgerResultCode.ExistsWithDifferentPostings;
        return LedgerResultCode.Ok;
    }

    private LedgerResultCode CheckOpenHold(string pendingId, out PendingHold? hold)
    {
        hold = Pending(pendingId);
        return hold?.Status switch
        {
            null => LedgerResultCode.PendingNotFound,
            PendingStatus.Pending => LedgerResultCode.Ok,
            PendingStatus.Posted => LedgerResultCode.PendingAlreadyPosted,
            PendingStatus.Voided => LedgerResultCode.PendingAlreadyVoided,
            _ => LedgerResultCode.PendingExpired,
        };
    }

    /// <summary>
    /// The net change of each account's posted balance if <paramref name="postings"/> apply (releasing
    /// <paramref name="releasing"/>'s reservation at the same time): no balance may overflow, and no debited account's
    /// available balance may end below its floor.
    /// </summary>
    private LedgerResultCode CheckBalances(IReadOnlyList<LedgerPosting> postings, PendingHold? releasing, out Dictionary<string, long> changes)
    {
        changes = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var p in postings)
            {
                changes[p.DebitAccount] = checked(changes.GetValueOrDefault(p.DebitAccount) - p.Amount);
                var credited = CreditedHere(p.CreditAccount);
                changes[credited] = checked(changes.GetValueOrDefault(credited) + p.Amount);
            }
            foreach (var (account, delta) in changes) _ = checked(Balance(account) + delta);
        }
        catch (OverflowException)
        {
            return LedgerResultCode.BalanceOverflow;
        }
        foreach (var (account, delta) in changes)
        {
            if (delta >= 0 || isExternal(account)) continue;
            var stillReserved = Reserved(account) - (releasing?.Reserved.GetValueOrDefault(account) ?? 0);
            if ((Int128)Balance(account) + delta - stillReserved < Floor(account, postings)) return LedgerResultCode.InsufficientFunds;
        }
        return LedgerResultCode.Ok;
    }

    /// <summary>The account of this partition a credit to <paramref name="account"/> lands in: the account itself, or the transit account for the partition holding it.</summary>
    private string CreditedHere(string account) =>
        _partitions.Holds(_partition, account) ? account : _partitions.TransitAccount(_partitions.PartitionOf(account));

    /// <summary>A write that debits an account another partition holds was routed wrongly: a bug of the caller, not an outcome.</summary>
    private void RequireDebitsHere(IReadOnlyList<LedgerPosting> postings)
    {
        if (_partitions.Count == 1) return;
        if (postings.FirstOrDefault(p => !_partitions.Holds(_partition, p.DebitAccount)) is { } stray)
            throw new InvalidOperationException($"Partition {_partition} was asked to debit '{stray.DebitAccount}', which partition {_partitions.PartitionOf(stray.DebitAccount)} holds.");
    }

    /// <summary>How low a debit in <paramref name="postings"/> may take the account's available balance.</summary>
    private long Floor(string account, IReadOnlyList<LedgerPosting> postings)
    {
        foreach (var p in postings)
        {
            if (string.Equals(p.DebitAccount, account, StringComparison.Ordinal) && !PostingCodes.MayDrawOnCredit(p.Code)) return 0;
        }
        return -(_accounts.GetValueOrDefault(account)?.CreditLimit ?? 0);
    }

    private void Reserve(PendingHold hold)
    {
        foreach (var (account, amount) in hold.Reserved) _reserved[account] = Reserved(account) + amount;
        _reservedTotal += hold.Total;
        _pending.Add(hold.Transfer.Id, hold);
        _expiries.Enqueue(hold, hold.Transfer.ExpiresAt);
        _openPending++;
    }

    private void Release(PendingHold hold, PendingStatus outcome, string? resolvedBy)
    {
        foreach (var (account, amount) in hold.Reserved)
        {
            var left = Reserved(account) - amount;
            if (left == 0) _reserved.Remove(account);
            else _reserved[account] = left;
        }
        _reservedTotal -= hold.Total;
        hold.Status = outcome;
        hold.ResolvedBy = resolvedBy;
        _openPending--;
    }

    /// <summary>What an accepted write does: its fingerprint, balance changes, the postings it posts, and the reservation it makes or ends.</summary>
    private readonly record struct Plan(
        string Fingerprint,
        Dictionary<string, long> BalanceChanges,
        IReadOnlyList<LedgerPosting> Posted,
        PendingHold? Reserves,
        PendingHold? Releases,
        PendingStatus Outcome,
        string? ResolvedBy)
    {
        public static Plan Nothing => new("", new(), [], null, null, default, null);
    }
}
