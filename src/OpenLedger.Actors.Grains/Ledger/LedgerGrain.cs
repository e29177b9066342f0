using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;
using Orleans.Concurrency;
using Orleans.Storage;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The reward ledger with group commit.
/// <para>
/// Design: a transfer is checked against the <em>working</em> book (durable plus accepted-but-unwritten
/// transfers) and, if accepted, joins the open batch. One flush loop writes batches in order, each as a
/// new journal record <c>journal-{n}</c> (insert-only, so a second writer of the same n fails instead of
/// overwriting). When a batch is durable it is applied to the <em>durable</em> book, which answers all
/// reads, and every caller in it is acknowledged. An idle ledger waits <see cref="LedgerOptions.FlushWindow"/>
/// (or until the batch is full) before writing; batches that fill up while a write is in flight are
/// written straight after it. If a write fails, the outcome of that batch is unknown, so every waiting
/// caller gets an error and the grain deactivates; the next activation rebuilds both books by replaying
/// the journal, and retries with the same transfer ids then answer <c>exists</c> or apply once.
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
    private readonly Queue<PendingBatch> _queued = new();
    private readonly Dictionary<string, Task> _unwritten = new(StringComparer.Ordinal);
    private long _nextSequence;
    private long _postingCount;
    private bool _flushing;
    private TaskCompletionSource? _batchFilled;
    private Exception? _broken;

    private int MaxBatch => options.Value.MaxBatchTransfers;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var sequence = 0L; ; sequence++)
        {
            var record = new GrainState<JournalSegment>();
            await storage.ReadStateAsync(JournalSegment.StateName(sequence), this.GetGrainId(), record);
            if (!record.RecordExists || record.State is null)
            {
                _nextSequence = sequence;
                break;
            }
            foreach (var transfer in record.State.Transfers.Select(JournalMapping.ToDomain))
            {
                var code = _durable.Apply(transfer);
                _working.Apply(transfer);
                if (code != LedgerResultCode.Ok)
                    throw new InvalidDataException($"Ledger journal record {sequence} holds transfer {transfer.Id} that does not apply ({code}).");
                _postingCount += transfer.Postings.Count;
            }
        }
        logger.LogInformation("Ledger {LedgerId} replayed {Batches} batches ({Transfers} transfers) in {Elapsed:F0} ms",
            this.GetPrimaryKeyString(), _nextSequence, _durable.TransferCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task<TransferResultCode> PostAsync(TransferRequest transfer)
    {
        ThrowIfBroken();
        if (transfer is null) throw OpenLedgerException.Validation("transfer.missing", "A transfer is required.");
        Guard.Valid(AccountId.ValidateTransferId(transfer.Id));
        foreach (var posting in transfer.Postings ?? [])
        {
            if (posting is null) throw OpenLedgerException.Validation("transfer.posting_missing", "A posting is null.");
            Guard.Identifier(posting.DebitAccount, "debit account");
            Guard.Identifier(posting.CreditAccount, "credit account");
            Guard.Text(posting.Code, "posting code", 64);
        }
        var domainTransfer = JournalMapping.ToDomain(transfer);
        var code = _working.Apply(domainTransfer);
        if (code == LedgerResultCode.Exists && _unwritten.TryGetValue(domainTransfer.Id, out var beingWritten))
        {
            await beingWritten; // acknowledge a retry only once the original is durable
            return TransferResultCode.Exists;
        }
        if (code != LedgerResultCode.Ok) return JournalMapping.ToContract(code);

        var batch = OpenBatch();
        batch.Transfers.Add(domainTransfer);
        _unwritten[domainTransfer.Id] = batch.Durable.Task;
        if (batch.Transfers.Count >= MaxBatch) _batchFilled?.TrySetResult();
        if (!_flushing)
        {
            // Set before the call and cleared in its finally: correct even if the loop completes synchronously.
            _flushing = true;
            _ = FlushLoopAsync();
        }
        await batch.Durable.Task;
        return TransferResultCode.Ok;
    }

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount)
    {
        Guard.Identifier(depositId, "deposit id");
        Guard.Account(account);
        if (amount <= 0) throw OpenLedgerException.Validation("deposit.amount", "A deposit must be a positive number of micro-units.");
        return PostAsync(new TransferRequest($"deposit:{depositId}", [new TransferPosting(AccountId.ExternalDeposits, account, amount, "deposit")]));
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

    private PendingBatch OpenBatch()
    {
        if (_queued.Count == 0 || _queued.Last().Transfers.Count >= MaxBatch) _queued.Enqueue(new PendingBatch());
        return _queued.Last();
    }

    private async Task FlushLoopAsync()
    {
        PendingBatch? writing = null;
        try
        {
            // Idle ledger: give concurrent callers one window to join the first batch.
            if (_queued.Count == 1 && _queued.Peek().Transfers.Count < MaxBatch && options.Value.FlushWindow > TimeSpan.Zero)
            {
                _batchFilled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await Task.WhenAny(Task.Delay(options.Value.FlushWindow), _batchFilled.Task);
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
        var segment = new JournalSegment
        {
            Sequence = sequence,
            CommittedAt = clock.GetUtcNow(),
            Transfers = batch.Transfers.Select(JournalMapping.ToJournal).ToList(),
        };
        var started = Stopwatch.GetTimestamp();
        await storage.WriteStateAsync(JournalSegment.StateName(sequence), this.GetGrainId(), new GrainState<JournalSegment>(segment));
        _nextSequence = sequence + 1;
        foreach (var transfer in batch.Transfers)
        {
            _durable.Apply(transfer);
            _unwritten.Remove(transfer.Id);
            _postingCount += transfer.Postings.Count;
        }
        OpenLedgerTelemetry.LedgerBatchSize.Record(batch.Transfers.Count);
        OpenLedgerTelemetry.LedgerFlushLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        batch.Durable.SetResult();
    }

    /// <summary>A write failed: its outcome is unknown, so nothing queued may be acknowledged. Reload from the journal.</summary>
    private void Break(Exception cause, PendingBatch? failed)
    {
        logger.LogError(cause, "Ledger {LedgerId} failed to write journal record {Sequence}; failing {Waiting} waiting batches and reloading",
            this.GetPrimaryKeyString(), _nextSequence, _queued.Count + 1);
        _broken = cause;
        var error = new LedgerUnavailableException("The ledger could not confirm a write and is reloading from its journal; retry with the same transfer id.", cause);
        failed?.Durable.TrySetException(error);
        while (_queued.Count > 0) _queued.Dequeue().Durable.TrySetException(error);
        this.DeactivateOnIdle();
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null)
            throw new LedgerUnavailableException("The ledger is reloading from its journal after a failed write; retry with the same transfer id.", _broken);
    }

    private sealed class PendingBatch
    {
        public List<LedgerTransfer> Transfers { get; } = [];
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
