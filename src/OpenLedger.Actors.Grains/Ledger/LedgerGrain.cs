using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Settlement;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;
using Orleans.Concurrency;
using Orleans.Storage;
using DomainKind = OpenLedger.Actors.Domain.Ledger.AccountKind;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The reward ledger with group commit.
/// <para>
/// Design: a write (transfer or account registration) is checked against the <em>working</em> book (durable
/// plus accepted-but-unwritten writes) and, if accepted, joins the open batch. One flush loop writes batches in
/// order, each as a new journal record <c>journal-{n}</c> (insert-only, so a second writer of the same n fails
/// instead of overwriting; see <see cref="JournalSegment"/> for the layout). When a batch is durable it is
/// applied to the <em>durable</em> book and the statements, which answer all reads, and every caller in it is
/// acknowledged. An idle ledger waits <see cref="LedgerOptions.FlushWindow"/> (or until the batch is full)
/// before writing; batches that fill up while a write is in flight are written straight after it. If a write
/// fails, the outcome of that batch is unknown, so every waiting caller gets an error and the grain
/// deactivates; the next activation rebuilds everything by replaying the journal, and retries with the same
/// ids then answer <c>exists</c> or apply once.
/// </para>
/// </summary>
[Reentrant]
public sealed class LedgerGrain(
    [FromKeyedServices(StorageNames.GrainState)] IGrainStorage storage,
    IOptions<LedgerOptions> options,
    TimeProvider clock,
    ILogger<LedgerGrain> logger) : Grain, ILedgerGrain
{
    private readonly LedgerBook _working = new(AccountId.IsExternal);
    private readonly LedgerBook _durable = new(AccountId.IsExternal);
    private readonly AccountStatements _statements = new();
    private readonly Queue<PendingBatch> _queued = new();
    private readonly Dictionary<string, Task> _unwritten = new(StringComparer.Ordinal);
    private long _nextSequence;
    private long _postingCount;
    private bool _flushing;
    private TaskCompletionSource? _batchFilled;
    private Exception? _broken;
    private (long Batches, ClaimableMerkleTree Tree)? _claimables;

    private LedgerOptions Options => options.Value;

    /// <summary>How many journal records activation reads at once (records are independent rows).</summary>
    private const int ReplayReadAhead = 64;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var first = 0L; ; first += ReplayReadAhead)
        {
            var window = await Task.WhenAll(Enumerable.Range(0, ReplayReadAhead).Select(async offset =>
            {
                var record = new GrainState<JournalSegment>();
                await storage.ReadStateAsync(JournalSegment.StateName(first + offset), this.GetGrainId(), record);
                return record.RecordExists && record.State is not null ? record.State : null;
            }));
            var present = Array.FindIndex(window, segment => segment is null) is var end && end < 0 ? window.Length : end;
            if (window.Skip(present).Any(segment => segment is not null))
                throw new InvalidDataException($"Ledger journal has a gap at record {first + present}: records are only ever appended in order.");
            for (var i = 0; i < present; i++) Replay(first + i, window[i]!);
            if (present < window.Length)
            {
                _nextSequence = first + present;
                break;
            }
        }
        logger.LogInformation("Ledger {LedgerId} replayed {Batches} batches ({Transfers} transfers) in {Elapsed:F0} ms",
            this.GetPrimaryKeyString(), _nextSequence, _durable.TransferCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private void Replay(long sequence, JournalSegment segment)
    {
        if (segment.Sequence != sequence) throw new InvalidDataException($"Ledger journal record {sequence} says it is record {segment.Sequence}.");
        foreach (var account in segment.Accounts.Select(JournalMapping.ToDomain))
        {
            var code = _durable.Open(account);
            _working.Open(account);
            if (code != LedgerResultCode.Ok)
                throw new InvalidDataException($"Ledger journal record {sequence} holds account {account.Id} that does not open ({code}).");
        }
        foreach (var transfer in segment.Transfers.Select(JournalMapping.ToDomain))
        {
            var code = _durable.Apply(transfer);
            _working.Apply(transfer);
            if (code != LedgerResultCode.Ok)
                throw new InvalidDataException($"Ledger journal record {sequence} holds transfer {transfer.Id} that does not apply ({code}).");
            _statements.Record(sequence, segment.CommittedAt, transfer);
            _postingCount += transfer.Postings.Count;
        }
    }

    public Task<TransferResultCode> PostAsync(TransferRequest transfer)
    {
        ThrowIfBroken();
        if (transfer is null) throw OpenLedgerException.Validation("transfer.missing", "A transfer is required.");
        Guard.Valid(AccountId.ValidateTransferId(transfer.Id));
        if (transfer.Reference is not null && AccountId.ValidateTransferId(transfer.Reference) is not null)
            throw OpenLedgerException.Validation("transfer.reference", "A transfer reference follows the transfer id rules (letters, digits, ': . _ - |', up to 384).");
        foreach (var posting in transfer.Postings ?? [])
        {
            if (posting is null) throw OpenLedgerException.Validation("transfer.posting_missing", "A posting is null.");
            Guard.Identifier(posting.DebitAccount, "debit account");
            Guard.Identifier(posting.CreditAccount, "credit account");
            Guard.Text(posting.Code, "posting code", 64);
        }
        return CommitTransferAsync(JournalMapping.ToDomain(transfer));
    }

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount)
    {
        Guard.Identifier(depositId, "deposit id");
        Guard.Account(account);
        if (amount <= 0) throw OpenLedgerException.Validation("deposit.amount", "A deposit must be a positive number of micro-units.");
        return PostAsync(new TransferRequest($"deposit:{depositId}", [new TransferPosting(AccountId.ExternalDeposits, account, amount, "deposit")]));
    }

    public async Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration)
    {
        ThrowIfBroken();
        if (registration is null) throw OpenLedgerException.Validation("account.registration_missing", "An account registration is required.");
        Guard.Account(registration.Account);
        if (registration.Kind is Abstractions.Ledger.AccountKind.Implicit || !Enum.IsDefined(registration.Kind))
            throw OpenLedgerException.Validation("account.kind", "Register an account as Contributor, ModelOwner, Curator or Payer.");
        if (registration.CreditLimit < 0) throw OpenLedgerException.Validation("account.credit_limit", "A credit limit cannot be negative.");
        if (registration.CreditLimit > 0 && registration.Kind != Abstractions.Ledger.AccountKind.Payer)
            throw OpenLedgerException.Validation("account.credit_limit", "Only payer accounts may have a credit limit.");
        if (registration.OwnerAddress is not null) Guard.Valid(EthereumAddress.Validate(registration.OwnerAddress, "owner address"));

        var account = JournalMapping.ToDomain(registration, registration.OwnerAddress is null ? null : EthereumAddress.Normalize(registration.OwnerAddress));
        var code = _working.Open(account);
        var key = AccountKey(account.Id);
        if (code == LedgerResultCode.Exists && _unwritten.TryGetValue(key, out var beingWritten))
        {
            await beingWritten; // acknowledge a repeat only once the original is durable
            return TransferResultCode.Exists;
        }
        if (code != LedgerResultCode.Ok) return JournalMapping.ToContract(code);

        var batch = Enqueue(account, null, JournalMapping.EstimatedBytes(account));
        _unwritten[key] = batch.Durable.Task;
        await batch.Durable.Task;
        return TransferResultCode.Ok;
    }

    public Task<AccountInfo?> GetAccountAsync(string account)
    {
        Guard.Identifier(account, "account");
        var known = _durable.Account(account);
        return Task.FromResult(known is null ? null : JournalMapping.ToContract(known, _durable.Balance(account), _statements.LineCount(account)));
    }

    public async Task<TransferResultCode> ClaimAsync(ClaimRequest claim)
    {
        ThrowIfBroken();
        if (claim is null) throw OpenLedgerException.Validation("claim.missing", "A claim is required.");
        Guard.Identifier(claim.ClaimId, "claim id");
        Guard.Account(claim.Account);
        if (claim.Amount <= 0) throw OpenLedgerException.Validation("claim.amount", "A claim must be a positive number of micro-units.");
        Guard.Valid(EthereumAddress.Validate(claim.Destination, "destination"));

        var message = new ClaimMessage(this.GetPrimaryKeyString(), claim.ClaimId, claim.Account, claim.Amount, claim.Destination);
        // Recovering a secp256k1 signature costs about a millisecond: do it off the grain's turn so batches keep flowing.
        var account = _working.Account(claim.Account);
        var chainId = Options.ClaimChainId;
        var authorization = await Task.Run(() => ClaimAuthorization.Check(account, message, chainId, claim.Signature));
        ThrowIfBroken();
        switch (authorization)
        {
            case ClaimAuthorizationResult.AccountNotFound:
                return TransferResultCode.AccountNotFound;
            case ClaimAuthorizationResult.NoOwnerAddress:
                throw OpenLedgerException.Forbidden("claim.no_owner", $"Account '{claim.Account}' has no registered owner address, so no claim on it can be authorised.");
            case ClaimAuthorizationResult.SignatureInvalid:
                OpenLedgerTelemetry.ClaimsRefused.Add(1);
                throw OpenLedgerException.Forbidden("claim.signature_invalid", "The signature is not the account owner's EIP-712 signature of this exact claim.");
        }
        var transfer = new LedgerTransfer($"claim:{claim.ClaimId}",
            [new LedgerPosting(claim.Account, AccountId.ExternalClaims, claim.Amount, "claim")], EthereumAddress.Normalize(claim.Destination));
        var code = await CommitTransferAsync(transfer);
        if (code == TransferResultCode.Ok) OpenLedgerTelemetry.ClaimsPaid.Add(claim.Amount);
        return code;
    }

    public Task<ClaimDomain> GetClaimDomainAsync() => Task.FromResult(new ClaimDomain(ClaimTypedData.DomainName, ClaimTypedData.DomainVersion,
        Options.ClaimChainId, this.GetPrimaryKeyString(), "Claim(string ledger,string claimId,string account,uint256 amount,address destination)"));

    public Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100)
    {
        Guard.Identifier(account, "account");
        if (afterLine < 0) throw OpenLedgerException.Validation("statement.after_line", "afterLine cannot be negative.");
        if (limit is < 1 or > AccountStatements.MaxPageSize)
            throw OpenLedgerException.Validation("statement.limit", $"Ask for between 1 and {AccountStatements.MaxPageSize} lines.");
        var lines = _statements.Page(account, afterLine, limit);
        var total = _statements.LineCount(account);
        long? next = lines.Count > 0 && lines[^1].LineNumber < total ? lines[^1].LineNumber : null;
        return Task.FromResult(new AccountStatement(account, _durable.Balance(account), total, lines.Select(JournalMapping.ToContract).ToList(), next));
    }

    public Task<ClaimableExport> ExportClaimablesAsync(string? afterAccount = null, int limit = 100)
    {
        if (afterAccount is not null) Guard.Identifier(afterAccount, "afterAccount");
        if (limit is < 1 or > 1_000) throw OpenLedgerException.Validation("export.limit", "Ask for between 1 and 1000 entries.");
        if (_claimables is not { } cached || cached.Batches != _nextSequence)
        {
            var balances = _durable.Accounts.Values
                .Where(a => a.OwnerAddress is not null && a.Kind is DomainKind.Contributor or DomainKind.ModelOwner or DomainKind.Curator && _durable.Balance(a.Id) > 0)
                .Select(a => new ClaimableBalance(a.Id, a.OwnerAddress!, _durable.Balance(a.Id)));
            _claimables = cached = (_nextSequence, new ClaimableMerkleTree(balances));
        }
        var tree = cached.Tree;
        var page = tree.Balances
            .Where(b => afterAccount is null || string.CompareOrdinal(b.Account, afterAccount) > 0)
            .Take(limit + 1).ToList();
        var entries = page.Take(limit).Select(b => new ClaimableEntry(b.Account, b.OwnerAddress, b.Amount, tree.ProofFor(b.Account)!)).ToList();
        return Task.FromResult(new ClaimableExport(tree.Root, cached.Batches, tree.Balances.Count, tree.Balances.Sum(b => b.Amount), entries,
            page.Count > limit ? entries[^1].Account : null));
    }

    public Task<long> GetBalanceAsync(string account)
    {
        Guard.Identifier(account, "account");
        return Task.FromResult(_durable.Balance(account));
    }

    public Task<IReadOnlyDictionary<string, long>> GetBalancesAsync(IReadOnlyList<string> accounts)
    {
        if (accounts is null || accounts.Count > 1_000) throw OpenLedgerException.Validation("accounts.count", "Ask for between 0 and 1000 accounts.");
        foreach (var account in accounts) Guard.Identifier(account, "account");
        IReadOnlyDictionary<string, long> balances = accounts.Distinct(StringComparer.Ordinal).ToDictionary(a => a, _durable.Balance, StringComparer.Ordinal);
        return Task.FromResult(balances);
    }

    public Task<LedgerSummary> GetSummaryAsync()
    {
        var balances = _durable.Balances;
        var sum = balances.Values.Aggregate(0L, (total, b) => unchecked(total + b));
        return Task.FromResult(new LedgerSummary(_durable.TransferCount, _postingCount, _nextSequence, sum,
            -_durable.Balance(AccountId.ExternalDeposits), balances.Count));
    }

    private async Task<TransferResultCode> CommitTransferAsync(LedgerTransfer transfer)
    {
        var code = _working.Apply(transfer);
        if (code == LedgerResultCode.Exists && _unwritten.TryGetValue(transfer.Id, out var beingWritten))
        {
            await beingWritten; // acknowledge a retry only once the original is durable
            return TransferResultCode.Exists;
        }
        if (code != LedgerResultCode.Ok) return JournalMapping.ToContract(code);

        var batch = Enqueue(null, transfer, JournalMapping.EstimatedBytes(transfer));
        _unwritten[transfer.Id] = batch.Durable.Task;
        await batch.Durable.Task;
        return TransferResultCode.Ok;
    }

    /// <summary>
    /// Adds one write to the open batch (opening a new one when it is full or already being written) and makes
    /// sure the flush loop runs. The write joins the batch <em>before</em> the loop may start: the loop can run
    /// synchronously up to its first await, and a batch is sealed once its journal record is built.
    /// </summary>
    private PendingBatch Enqueue(LedgerAccount? account, LedgerTransfer? transfer, int bytes)
    {
        if (_queued.Count == 0 || _queued.Last().IsFull(Options.MaxBatchTransfers, Options.MaxBatchBytes, bytes)) _queued.Enqueue(new PendingBatch());
        var batch = _queued.Last();
        if (account is not null) batch.Accounts.Add(account);
        if (transfer is not null) batch.Transfers.Add(transfer);
        batch.Bytes += bytes;
        if (batch.Count >= Options.MaxBatchTransfers) _batchFilled?.TrySetResult();
        if (!_flushing)
        {
            // Set before the call and cleared in its finally: correct even if the loop completes synchronously.
            _flushing = true;
            _ = FlushLoopAsync();
        }
        return batch;
    }

    private async Task FlushLoopAsync()
    {
        PendingBatch? writing = null;
        try
        {
            // Idle ledger: give concurrent callers one window to join the first batch.
            if (_queued.Count == 1 && Options.FlushWindow > TimeSpan.Zero)
            {
                _batchFilled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await Task.WhenAny(Task.Delay(Options.FlushWindow), _batchFilled.Task);
                _batchFilled = null;
            }
            while (_queued.Count > 0 && _broken is null)
            {
                writing = _queued.Dequeue();
                await WriteAsync(writing);
                writing = null;
            }
        }
        catch (Exception e)
        {
            // Whatever failed, the batch being written has an unknown outcome: fail it and everything queued.
            Break(e, writing);
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task WriteAsync(PendingBatch batch)
    {
        var sequence = _nextSequence;
        batch.Sealed = true; // what the record holds is exactly what gets acknowledged
        var segment = new JournalSegment
        {
            Sequence = sequence,
            CommittedAt = clock.GetUtcNow(),
            Accounts = batch.Accounts.Select(JournalMapping.ToJournal).ToList(),
            Transfers = batch.Transfers.Select(JournalMapping.ToJournal).ToList(),
        };
        var started = Stopwatch.GetTimestamp();
        await storage.WriteStateAsync(JournalSegment.StateName(sequence), this.GetGrainId(), new GrainState<JournalSegment>(segment));
        _nextSequence = sequence + 1;
        foreach (var account in batch.Accounts)
        {
            _durable.Open(account);
            _unwritten.Remove(AccountKey(account.Id));
        }
        foreach (var transfer in batch.Transfers)
        {
            _durable.Apply(transfer);
            _statements.Record(sequence, segment.CommittedAt, transfer);
            _unwritten.Remove(transfer.Id);
            _postingCount += transfer.Postings.Count;
        }
        OpenLedgerTelemetry.LedgerBatchSize.Record(batch.Count);
        OpenLedgerTelemetry.LedgerFlushLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        batch.Durable.SetResult();
    }

    /// <summary>A write failed: its outcome is unknown, so nothing queued may be acknowledged. Reload from the journal.</summary>
    private void Break(Exception cause, PendingBatch? failed)
    {
        logger.LogError(cause, "Ledger {LedgerId} failed to write journal record {Sequence}; failing {Waiting} waiting batches and reloading",
            this.GetPrimaryKeyString(), _nextSequence, _queued.Count + 1);
        _broken = cause;
        var error = new LedgerUnavailableException("The ledger could not confirm a write and is reloading from its journal; retry with the same id.", cause);
        failed?.Durable.TrySetException(error);
        while (_queued.Count > 0) _queued.Dequeue().Durable.TrySetException(error);
        this.DeactivateOnIdle();
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null)
            throw new LedgerUnavailableException("The ledger is reloading from its journal after a failed write; retry with the same id.", _broken);
    }

    /// <summary>Registrations and transfers share the map of unwritten writes; '#' cannot occur in a transfer id.</summary>
    private static string AccountKey(string account) => "#account:" + account;

    private sealed class PendingBatch
    {
        public List<LedgerAccount> Accounts { get; } = [];
        public List<LedgerTransfer> Transfers { get; } = [];
        public int Bytes { get; set; }
        public int Count => Accounts.Count + Transfers.Count;
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Sealed { get; set; }

        public bool IsFull(int maxWrites, int maxBytes, int nextBytes) =>
            Sealed || Count >= maxWrites || (Count > 0 && Bytes + nextBytes > maxBytes);
    }
}
