using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Partitions;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The one way every caller reaches the ledger (<see cref="LedgerIds.Main"/>, in <see cref="LedgerOptions.Partitions"/>
/// partitions): each write goes to the partition of its debited accounts (<see cref="LedgerRouting"/>), a transfer
/// whose debits span partitions is refused here with <see cref="PartitionRoute.DebitsSpanPartitionsCode"/> before any
/// partition sees it, a post or void of a pending transfer goes to the partition holding the reservation (the
/// payer's), and reads are answered by the holding partition or merged over all of them. With one partition every
/// call is the one grain keyed by the ledger id, answered exactly as before. Holds no state: a singleton per silo.
/// </summary>
public sealed class LedgerRouter
{
    private readonly IGrainFactory _grains;
    private readonly LedgerRouting _routing;

    public LedgerRouter(IGrainFactory grains, IOptions<LedgerOptions> options) : this(grains, options.Value.Partitions) { }

    public LedgerRouter(IGrainFactory grains, int partitions, string ledgerId = LedgerIds.Main)
    {
        _grains = grains;
        _routing = new LedgerRouting(new PartitionMap(partitions));
        LedgerId = ledgerId;
    }

    public string LedgerId { get; }

    public int Partitions => _routing.Count;

    /// <summary>The grain of partition <paramref name="partition"/> (the ledger id itself with one partition).</summary>
    public ILedgerGrain Partition(int partition) => _grains.GetGrain<ILedgerGrain>(_routing.Map.GrainKey(LedgerId, partition));

    /// <summary>Every partition's grain, in partition order.</summary>
    public IReadOnlyList<ILedgerGrain> AllPartitions => _routing.All.Select(Partition).ToList();

    /// <summary>The partition holding <paramref name="account"/> (a malformed id goes to partition 0, which refuses it).</summary>
    public ILedgerGrain HolderOf(string? account) => Partition(IsRoutable(account) ? _routing.ForAccount(account!) : 0);

    public Task<TransferResultCode> PostAsync(TransferRequest transfer) => ForTransfer(transfer?.Postings).PostAsync(transfer!);

    public Task<TransferResultCode> CreatePendingAsync(PendingTransferRequest request) => ForTransfer(request?.Postings).CreatePendingAsync(request!);

    /// <summary>Posts a reservation: at the partition of <paramref name="payer"/>, the account the reservation debits.</summary>
    public Task<TransferResultCode> PostPendingAsync(string payer, PostPendingRequest request) => HolderOf(payer).PostPendingAsync(request);

    /// <summary>Voids a reservation: at the partition of <paramref name="payer"/>, the account the reservation debits.</summary>
    public Task<TransferResultCode> VoidPendingAsync(string payer, VoidPendingRequest request) => HolderOf(payer).VoidPendingAsync(request);

    public Task<PendingTransferInfo?> GetPendingAsync(string payer, string pendingId) => HolderOf(payer).GetPendingAsync(pendingId);

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount) => HolderOf(account).DepositAsync(depositId, account, amount);

    public Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration) => HolderOf(registration?.Account).OpenAccountAsync(registration!);

    /// <summary>A claim debits its account, so it applies at the account's partition; the signature names the ledger id, not the partition.</summary>
    public Task<TransferResultCode> ClaimAsync(ClaimRequest claim) => HolderOf(claim?.Account).ClaimAsync(claim!);

    public Task<ClaimDomain> GetClaimDomainAsync() => Partition(0).GetClaimDomainAsync();

    /// <summary>The account from its holding partition, with the credits other partitions owe it and have not applied yet.</summary>
    public async Task<AccountInfo?> GetAccountAsync(string account)
    {
        if (!IsRoutable(account) || !PartitionMap.IsEverywhere(account) || Partitions == 1)
        {
            var pendingCredit = PendingCreditOfAsync(account);
            var info = await HolderOf(account).GetAccountAsync(account);
            var owed = await pendingCredit;
            return info is null || owed == 0 ? info : info with { PendingCredit = owed };
        }
        var copies = await Task.WhenAll(AllPartitions.Select(p => p.GetAccountAsync(account)));
        return copies.FirstOrDefault(c => c is not null) is { } first
            ? first with { Balance = copies.Sum(c => c?.Balance ?? 0), StatementLines = copies.Sum(c => c?.StatementLines ?? 0), Reserved = copies.Sum(c => c?.Reserved ?? 0) }
            : null;
    }

    /// <summary>The applied balance (an account held everywhere: the sum of its copies).</summary>
    public async Task<long> GetBalanceAsync(string account)
    {
        if (!IsRoutable(account)) return await Partition(0).GetBalanceAsync(account);
        var parts = _routing.BalanceOf(account);
        if (parts.Count == 1) return await Partition(parts[0]).GetBalanceAsync(account);
        return (await Task.WhenAll(parts.Select(p => Partition(p).GetBalanceAsync(account)))).Sum();
    }

    public async Task<IReadOnlyDictionary<string, long>> GetBalancesAsync(IReadOnlyList<string> accounts)
    {
        if (Partitions == 1 || accounts is null || accounts.Any(a => !IsRoutable(a))) return await Partition(0).GetBalancesAsync(accounts!);
        var asked = _routing.All.Select(p => (Partition: p, Accounts: accounts.Where(a => _routing.BalanceOf(a).Contains(p)).Distinct(StringComparer.Ordinal).ToList()))
            .Where(x => x.Accounts.Count > 0).ToList();
        var answers = await Task.WhenAll(asked.Select(x => Partition(x.Partition).GetBalancesAsync(x.Accounts)));
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (account, balance) in answers.SelectMany(a => a)) merged[account] = merged.GetValueOrDefault(account) + balance;
        return merged;
    }

    /// <summary>
    /// The statement from the holding partition, with the credits owed to it not yet applied. An account held everywhere
    /// (<c>external:…</c>) has a copy in each partition: its statement is every copy in partition order, its line numbers
    /// naming partition and line (<see cref="MergedStatementCursor"/>), its balance and line count the sums over the copies,
    /// and each line's <see cref="StatementEntry.BalanceAfter"/> the running balance of that line's copy.
    /// </summary>
    public async Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100)
    {
        if (Partitions > 1 && IsRoutable(account) && PartitionMap.IsEverywhere(account)) return await GetMergedStatementAsync(account, afterLine, limit);
        var pendingCredit = PendingCreditOfAsync(account);
        var statement = await HolderOf(account).GetStatementAsync(account, afterLine, limit);
        var owed = await pendingCredit;
        return owed == 0 ? statement : statement with { PendingCredit = owed };
    }

    private async Task<AccountStatement> GetMergedStatementAsync(string account, long afterLine, int limit)
    {
        if (afterLine < 0 || afterLine >> MergedStatementCursor.LineBits >= Partitions)
            throw OpenLedgerException.Validation("statement.after_line", $"afterLine {afterLine} is not a line of this statement (a merged line number names one of {Partitions} partitions).");
        var (partition, line) = MergedStatementCursor.Split(afterLine, Partitions);
        // Each copy's balance and line count (an account held everywhere has no registration to read them from).
        var copies = await Task.WhenAll(AllPartitions.Select(p => p.GetStatementAsync(account, 0, 1)));
        var entries = new List<StatementEntry>();
        long? next = null;
        while (true)
        {
            var page = await Partition(partition).GetStatementAsync(account, line, limit - entries.Count);
            entries.AddRange(page.Entries.Select(e => e with { Line = MergedStatementCursor.Compose(partition, e.Line) }));
            if (page.NextAfterLine is { } more)
            {
                next = MergedStatementCursor.Compose(partition, more);
                break;
            }
            if (++partition == Partitions) break;
            line = 0;
            if (entries.Count == limit)
            {
                next = MergedStatementCursor.Compose(partition, 0);
                break;
            }
        }
        return new AccountStatement(account, copies.Sum(c => c.Balance), copies.Sum(c => c.TotalLines), entries, next);
    }

    /// <summary>The claimables of one partition: each partition has its own Merkle tree, root and paging.</summary>
    public async Task<ClaimableExport> ExportClaimablesAsync(int partition = 0, string? afterAccount = null, int limit = 100)
    {
        if (partition < 0 || partition >= Partitions)
            throw OpenLedgerException.Validation("export.partition", $"The ledger has {Partitions} partitions: ask for one of 0–{Partitions - 1}.");
        var export = await Partition(partition).ExportClaimablesAsync(afterAccount, limit);
        return Partitions == 1 ? export : export with { Partition = partition, Partitions = Partitions };
    }

    /// <summary>The ledger's totals: the one partition's, or the sum over all partitions (what each owes the others included).</summary>
    public async Task<LedgerSummary> GetSummaryAsync()
    {
        if (Partitions == 1) return await Partition(0).GetSummaryAsync();
        var parts = await Task.WhenAll(AllPartitions.Select(p => p.GetSummaryAsync()));
        return new LedgerSummary(
            parts.Sum(s => s.TransferCount), parts.Sum(s => s.PostingCount), parts.Sum(s => s.BatchCount),
            parts.Aggregate(0L, (total, s) => unchecked(total + s.BalanceSum)), parts.Sum(s => s.Deposited), parts.Sum(s => s.AccountCount),
            parts.Sum(s => s.OpenPending), parts.Sum(s => s.Reserved), LedgerRouting.CombinedHead(parts.Select(s => s.HeadHash).ToList()),
            Partitions, parts.Sum(s => s.OwedCredits), parts.Sum(s => s.OwedAmount));
    }

    private ILedgerGrain ForTransfer(IReadOnlyList<TransferPosting>? postings)
    {
        if (Partitions == 1) return Partition(0);
        var route = _routing.ForTransfer(postings?.Select(p => p is null ? null! : new LedgerPosting(p.DebitAccount, p.CreditAccount, p.Amount, p.Code)).ToList());
        if (route.IsRefused) throw OpenLedgerException.Validation(route.RefusalCode!, route.Refusal!);
        return Partition(route.Partition);
    }

    private async Task<long> PendingCreditOfAsync(string account)
    {
        if (!IsRoutable(account)) return 0;
        var owing = _routing.OwingTo(account);
        if (owing.Count == 0) return 0;
        return (await Task.WhenAll(owing.Select(p => Partition(p).GetPendingCreditAsync(account)))).Sum();
    }

    private static bool IsRoutable(string? account) => !string.IsNullOrEmpty(account);
}
