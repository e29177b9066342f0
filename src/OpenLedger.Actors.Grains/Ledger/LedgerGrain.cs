using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Domain.Settlement;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;
using Orleans.Concurrency;
using Orleans.Storage;
using DomainKind = OpenLedger.Actors.Domain.Ledger.AccountKind;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The reward ledger with group commit; the rules are <see cref="LedgerBook"/>'s, the record format
/// <see cref="JournalCodec"/>'s, the storage protocol <see cref="LedgerJournal"/>'s.
/// <para>
/// Writes: a write (transfer of any kind, registration, expiry) is checked against the <em>working</em> book (durable
/// plus accepted-but-unwritten writes) and, if accepted, joins the open batch, which is closed by the exact size its
/// record will have. One flush loop writes batches in order, each as a new journal record <c>journal-{n}</c> chained to
/// the one before by hash; when a record is stored it is applied to the <em>durable</em> book and the statements,
/// which answer all reads. A second loop then moves the head witness to it, and only then are the batch's callers
/// acknowledged. A rejection that depends on state (an id already used, a balance, a pending transfer) is answered
/// only once every write accepted before it is durable, recomputed on the durable book — so no caller ever sees an
/// answer that a failed write made.
/// </para>
/// <para>
/// Failures: a record or witness write whose outcome is unknown is settled by reading back, and retried with the
/// same bytes; if that does not settle it, every waiting caller gets <see cref="LedgerUnavailableException"/> and the
/// grain deactivates; the next activation rebuilds everything from the newest checkpoint and the journal after it, and
/// retries with the same ids then answer <c>exists</c> or apply once. Activation verifies the checkpoint, the chain
/// after it and the witness: a journal that does not
/// verify makes every call throw <see cref="LedgerIntegrityException"/> (and readiness fail) instead of serving an
/// older or altered ledger.
/// </para>
/// <para>
/// Checkpoints: every <see cref="LedgerOptions.CheckpointEveryRecords"/> records (or
/// <see cref="LedgerOptions.CheckpointEveryBytes"/>), the durable book is captured in one turn — accounts and open
/// pending transfers whole, ids, statement lines and ended pending transfers only as far as they grew since the last
/// checkpoint — and stored off the turn as artifacts (<see cref="LedgerCheckpointStore"/>); the head witness then
/// names it. Activation loads the newest checkpoint, checks that the journal record it ends with is stored with the
/// hash it names, and replays and verifies only the records after it.
/// </para>
/// <para>
/// History is paged, not loaded: ids, ended pending transfers and statement lines older than the newest checkpoint
/// stay in its archive (<see cref="LedgerArchive"/>: sorted runs, each with a Bloom filter and a page table read on first use)
/// and both books and the statements hold only what came after. Once a checkpoint is stored, what it archived leaves
/// memory. The books never wait for storage: a check that needs an archived page that is not cached throws
/// <see cref="ArchivePageNeededException"/> before changing anything; the grain loads and pins the page
/// (<see cref="ArchivePageCache"/>) and checks again. Acceptance order is the order checks succeed in, as before: a
/// write whose id filter errs and needs a page may be accepted after a write that arrived later (concurrent calls have
/// no order), and two writes with the same id are still checked one after the other. Batches being made durable pin the pages their
/// ids need before applying, so a durable batch applies in one turn. A run's summary (filter and page table) is read
/// like a page, on the first lookup that reaches the run; activation reads none (replay trusts the verified tail,
/// <see cref="LedgerBook.Replay"/>), so it reads the same few artifacts at any age.
/// </para>
/// Pending transfers expire on the ledger's clock: a timer (and every write, before it is checked) journals a
/// <see cref="PendingExpiry"/> for each one whose timeout has passed.
/// </summary>
[Reentrant]
public sealed class LedgerGrain(
    [FromKeyedServices(StorageNames.GrainState)] IGrainStorage storage,
    IArtifactStore artifacts,
    IOptions<LedgerOptions> options,
    [FromKeyedServices(LedgerOptions.ClockKey)] TimeProvider clock,
    ILogger<LedgerGrain> logger) : Grain, ILedgerGrain
{
    /// <summary>How many journal records activation reads at once (records are independent rows).</summary>
    private const int ReplayReadAhead = 64;

    /// <summary>
    /// How long delivered owed credits wait for the partition's own writes to start a journal write they can join
    /// before starting one themselves: under load they ride in the records the partition writes anyway, so credits
    /// from other partitions add postings to records, not records. The window follows the partition's recent journal
    /// write time (<see cref="_writeMillisAverage"/>), between 25 ms and 500 ms: while writes are slow a partition's
    /// callers come back slowly too, so the next own write is about one write time away.
    /// </summary>
    private TimeSpan DeliveryJoinWindow => TimeSpan.FromMilliseconds(Math.Clamp(_writeMillisAverage, 25, 500));

    private readonly LedgerBook _working = new(AccountId.IsExternal, options.Value.MaxBatchBytes - JournalCodec.MaxHeaderBytes);
    private readonly LedgerBook _durable = new(AccountId.IsExternal, options.Value.MaxBatchBytes - JournalCodec.MaxHeaderBytes);
    private readonly AccountStatements _statements = new();
    private readonly ArchivePageCache _pages = new(artifacts, options.Value.ArchiveCacheBytes);
    private readonly Queue<PendingBatch> _queued = new();
    private readonly Queue<PendingBatch> _unwitnessed = new();
    private LedgerJournal _journal = null!;
    private PendingBatch? _lastBatch;
    private long _nextSequence;
    private string _lastHash = JournalChain.Genesis;
    private long _postingCount;
    private bool _flushing;
    private bool _witnessing;
    private TaskCompletionSource? _batchFilled;
    private Exception? _broken;
    private JournalIntegrityException? _refusal;
    private long _refusedAt;
    private (long Batches, ClaimableMerkleTree Tree)? _claimables;
    private readonly LedgerCheckpointStore _checkpoints = new(artifacts);
    private readonly List<TransferIdSnapshot> _newIds = [];
    private readonly List<HoldSnapshot> _newlyResolved = [];
    private CheckpointManifest? _checkpoint;
    private CheckpointPointer? _publish;
    private JournalWitness _witnessed = JournalWitness.Empty;
    private bool _checkpointing;
    private long _recordsSinceCheckpoint;
    private long _bytesSinceCheckpoint;
    private Task _recovered = Task.CompletedTask;
    private readonly CancellationTokenSource _deactivating = new();
    private PartitionMap _partitions = PartitionMap.Single;
    private int _partition;
    private string _ledgerId = "";
    private readonly OwedCreditOutbox _outbox = new();
    private bool _delivering;
    private bool _flushScheduled;
    /// <summary>Set when a join window ends: the credits queued alone are written now, not deferred again.</summary>
    private bool _deliveriesDue;
    /// <summary>Moving average of the journal write time (milliseconds; weight 1/8 for each new write).</summary>
    private double _writeMillisAverage;

    private LedgerOptions Options => options.Value;

    /// <summary>
    /// Activation only starts recovery: loading the checkpoint and replaying the tail run on the grain after activation,
    /// and every call waits for them. So a long recovery delays calls (each within its own timeout, and readiness says
    /// degraded) instead of being cancelled by Orleans' activation timeout — which would leave a large ledger unable to
    /// start at all.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new LedgerJournal(storage, this.GetGrainId(), Options, logger);
        (_ledgerId, var partition) = PartitionMap.ParseGrainKey(this.GetPrimaryKeyString());
        if (partition is { } number && Options.Partitions > 1)
        {
            // A partition of a partitioned ledger (LedgerOptions.Partitions); any other key is a whole, unpartitioned ledger.
            if (number >= Options.Partitions)
                throw new InvalidOperationException($"Ledger {this.GetPrimaryKeyString()} names partition {number}; the ledger has {Options.Partitions}.");
            (_partitions, _partition) = (new PartitionMap(Options.Partitions), number);
            _durable.UsePartition(_partitions, _partition);
            _working.UsePartition(_partitions, _partition);
        }
        else
        {
            _ledgerId = this.GetPrimaryKeyString();
        }
        _recovered = RecoverOrRefuseAsync(_deactivating.Token);
        this.RegisterGrainTimer(_ => SweepExpiriesAsync(), new GrainTimerCreationOptions(Options.ExpirySweepInterval, Options.ExpirySweepInterval) { Interleave = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>A recovery that failed (storage unreachable) fails the call; the grain deactivates, and the next call starts again.</summary>
    private Task WhenRecoveredAsync() => _recovered;

    /// <summary>
    /// Every read: once recovery is done and the journal verified, runs <paramref name="read"/> on the durable state,
    /// first loading the archived pages (and run summaries) it needs (<see cref="Archived{T}"/>).
    /// </summary>
    private async Task<T> ReadAsync<T>(Func<T> read)
    {
        await WhenRecoveredAsync();
        ThrowIfRefusing();
        return await Archived(read);
    }

    /// <summary>
    /// Every write: once recovery is done and the ledger can write, validates the request and builds its entry
    /// (<paramref name="entry"/>; bad input throws and changes nothing), then submits it (<see cref="SubmitAsync"/>).
    /// </summary>
    private async Task<TransferResultCode> WriteEntryAsync(Func<LedgerEntry> entry)
    {
        await WhenRecoveredAsync();
        ThrowIfUnavailable();
        return await SubmitAsync(entry());
    }

    private async Task RecoverOrRefuseAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RecoverAsync(cancellationToken);
            if (_checkpoint is { } loaded)
                logger.LogInformation("Ledger {LedgerId} loaded checkpoint {Checkpoint} (records 0–{Position}) and verified and replayed {Tail} records after it " +
                    "({Transfers} transfers in all) in {Elapsed:F0} ms", this.GetPrimaryKeyString(), _journal.Checkpoint?.Key, loaded.Position - 1,
                    _recordsSinceCheckpoint, _durable.TransferCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            else
                logger.LogInformation("Ledger {LedgerId} has no checkpoint yet; it verified and replayed {Records} journal records ({Transfers} transfers) in {Elapsed:F0} ms",
                    this.GetPrimaryKeyString(), _recordsSinceCheckpoint, _durable.TransferCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            MaybeCheckpoint();
            EnsureDelivering(); // what the tail owes other partitions (some perhaps applied already: they answer Exists)
        }
        catch (JournalIntegrityException e)
        {
            _refusal = e;
            _refusedAt = Stopwatch.GetTimestamp();
            logger.LogCritical(e, "Ledger {LedgerId} refuses to serve: its journal failed verification. {Reason} Restore the journal from a backup; " +
                "the ledger verifies it again {Interval} after this, on the next call", this.GetPrimaryKeyString(), e.Message, Options.IntegrityRecheckInterval);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Ledger {LedgerId} could not recover from storage; it deactivates and tries again on the next call", this.GetPrimaryKeyString());
            this.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Loads the newest checkpoint (if the witness names one), then reads and verifies the journal after it, rebuilding
    /// both books and the statements, then witnesses its end.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var witness = await _journal.ReadWitnessAsync();
        var start = 0L;
        var startHash = JournalChain.Genesis;
        if (_journal.Checkpoint is { } pointer)
        {
            if (witness is null || witness.Sequence < pointer.Position - 1 || pointer.Position < 1)
                throw new JournalIntegrityException($"The head witness (record {witness?.Sequence}) names checkpoint {pointer.Key} at position {pointer.Position}, which it cannot cover.");
            (_checkpoint, _) = await _checkpoints.LoadAsync(pointer, new CheckpointRestore([_durable, _working], _statements), _pages, cancellationToken);
            _postingCount = _checkpoint.PostingCount;
            var covered = await _journal.ReadRecordAsync(pointer.Position - 1)
                ?? throw new JournalIntegrityException($"Journal record {pointer.Position - 1}, the last one checkpoint {pointer.Key} covers, is missing.");
            if (!string.Equals(JournalChain.HashOf(covered.Payload), covered.Hash, StringComparison.Ordinal))
                throw new JournalIntegrityException($"Journal record {pointer.Position - 1} is corrupted: its bytes do not hash to its checksum.");
            if (!string.Equals(covered.Hash, _checkpoint.HeadHash, StringComparison.Ordinal))
                throw new JournalIntegrityException($"Journal record {pointer.Position - 1} differs from the one checkpoint {pointer.Key} covers ({_checkpoint.HeadHash}).");
            (start, startHash) = (pointer.Position, _checkpoint.HeadHash);
        }
        var verifier = new JournalVerifier(witness, start, startHash);
        for (var first = start; ; first += ReplayReadAhead)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var window = await Task.WhenAll(Enumerable.Range(0, ReplayReadAhead).Select(offset => _journal.ReadRecordAsync(first + offset)));
            var present = Array.FindIndex(window, segment => segment is null) is var end && end < 0 ? window.Length : end;
            for (var i = 0; i < present; i++)
            {
                Replay(verifier.Accept(first + i, window[i]!.Hash, window[i]!.Payload));
                _recordsSinceCheckpoint++;
                _bytesSinceCheckpoint += window[i]!.Payload.Length;
            }
            if (present == window.Length) continue;
            var after = Enumerable.Range(present, window.Length - present).Where(i => window[i] is not null).Select(i => (long?)(first + i)).FirstOrDefault();
            verifier.Finish(after);
            break;
        }
        _nextSequence = verifier.NextSequence;
        _lastHash = verifier.LastHash;
        _witnessed = new JournalWitness(_nextSequence - 1, _lastHash);
        if (witness is null || witness.Sequence < _nextSequence - 1) await _journal.WriteWitnessAsync(_witnessed, clock.GetUtcNow());
    }

    /// <summary>Applies a verified record to both books (<see cref="LedgerBook.Replay"/>: no archive reads, so replay does not wait for storage).</summary>
    private void Replay(JournalBatch batch)
    {
        foreach (var entry in batch.Entries)
        {
            var code = _durable.Replay(entry, out var posted);
            _working.Replay(entry, out _);
            if (code != LedgerResultCode.Ok)
                throw new JournalIntegrityException($"Journal record {batch.Sequence} holds a write that does not apply ({code}): {Describe(entry)}.");
            RecordPosted(batch.Sequence, batch.CommittedAt, entry, posted);
            TrackForCheckpoint(entry);
        }
    }

    /// <summary>The names whose archived pages applying <paramref name="entry"/> may read: its id and the pending transfer it ends.</summary>
    private static IEnumerable<string> ArchivedNamesOf(LedgerEntry entry) => entry switch
    {
        PostPendingTransfer x => [x.Id, x.PendingId],
        VoidPendingTransfer v => [v.Id, v.PendingId],
        TransferEntry t => [t.Id],
        _ => [],
    };

    /// <summary>
    /// Loads and pins every archived page applying <paramref name="entries"/> may read (first the summaries of runs no
    /// lookup has read yet, then the pages they point to); unpin the keys returned when done.
    /// </summary>
    private async Task<IReadOnlyList<string>> PinPagesForAsync(IEnumerable<LedgerEntry> entries)
    {
        if (_durable.Archive is not { } archive) return [];
        var names = entries.SelectMany(ArchivedNamesOf).ToList();
        var pinned = new List<string>();
        try
        {
            while (names.SelectMany(archive.PagesFor).Distinct(StringComparer.Ordinal).Except(pinned, StringComparer.Ordinal).ToList() is { Count: > 0 } keys)
            {
                await PinAsync(keys);
                pinned.AddRange(keys);
            }
        }
        catch
        {
            _pages.Unpin(pinned);
            throw;
        }
        return pinned;
    }

    private async Task PinAsync(IReadOnlyCollection<string> keys)
    {
        try
        {
            await _pages.PinAsync(keys, _deactivating.Token);
        }
        catch (JournalIntegrityException e) when (_recovered.IsCompleted)
        {
            if (_refusal is null)
            {
                _refusal = e;
                _refusedAt = Stopwatch.GetTimestamp();
                logger.LogCritical(e, "Ledger {LedgerId} refuses to serve: a page of its checkpoint failed verification. {Reason}", this.GetPrimaryKeyString(), e.Message);
            }
            throw new LedgerIntegrityException($"The ledger refuses to serve: its checkpoint failed verification. {e.Message}");
        }
    }

    /// <summary>
    /// Runs a synchronous read or check of the books or statements. If it needs an archived page that is not in memory
    /// (it then changed nothing), loads and pins the page and runs it again, until it has every page it needs.
    /// </summary>
    private ValueTask<T> Archived<T>(Func<T> read)
    {
        try
        {
            return ValueTask.FromResult(read());
        }
        catch (ArchivePageNeededException e)
        {
            return new ValueTask<T>(ArchivedAfterLoadingAsync(read, e.Key));
        }
    }

    private async Task<T> ArchivedAfterLoadingAsync<T>(Func<T> read, string key)
    {
        var pinned = new List<string>();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                pinned.Add(key);
                await PinAsync([key]);
                try
                {
                    return read();
                }
                catch (ArchivePageNeededException e) when (attempt < 1_000)
                {
                    key = e.Key;
                }
            }
        }
        finally
        {
            _pages.Unpin(pinned);
        }
    }

    public Task<TransferResultCode> PostAsync(TransferRequest transfer) => WriteEntryAsync(() =>
    {
        if (transfer is null) throw OpenLedgerException.Validation("transfer.missing", "A transfer is required.");
        ValidateIds(transfer.Id, transfer.Reference);
        ValidatePostings(transfer.Postings);
        return JournalMapping.ToDomain(transfer);
    });

    public Task<TransferResultCode> CreatePendingAsync(PendingTransferRequest request) => WriteEntryAsync(() =>
    {
        if (request is null) throw OpenLedgerException.Validation("transfer.missing", "A pending transfer is required.");
        ValidateIds(request.Id, request.Reference);
        ValidatePostings(request.Postings);
        return JournalMapping.ToDomain(request, clock.GetUtcNow());
    });

    public Task<TransferResultCode> PostPendingAsync(PostPendingRequest request) => WriteEntryAsync(() =>
    {
        if (request is null) throw OpenLedgerException.Validation("transfer.missing", "A post of a pending transfer is required.");
        ValidateIds(request.Id, request.Reference);
        Guard.Valid(AccountId.ValidateTransferId(request.PendingId));
        if (request.Postings is not null) ValidatePostings(request.Postings);
        return JournalMapping.ToDomain(request);
    });

    public Task<TransferResultCode> VoidPendingAsync(VoidPendingRequest request) => WriteEntryAsync(() =>
    {
        if (request is null) throw OpenLedgerException.Validation("transfer.missing", "A void of a pending transfer is required.");
        Guard.Valid(AccountId.ValidateTransferId(request.Id));
        Guard.Valid(AccountId.ValidateTransferId(request.PendingId));
        return JournalMapping.ToDomain(request);
    });

    public async Task<PendingTransferInfo?> GetPendingAsync(string pendingId)
    {
        Guard.Valid(AccountId.ValidateTransferId(pendingId));
        var hold = await ReadAsync(() => _durable.Pending(pendingId));
        return hold is null ? null : JournalMapping.ToContract(hold);
    }

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount)
    {
        Guard.Identifier(depositId, "deposit id");
        Guard.Account(account);
        if (amount <= 0) throw OpenLedgerException.Validation("deposit.amount", "A deposit must be a positive number of micro-units.");
        return PostAsync(new TransferRequest($"deposit:{depositId}", [new TransferPosting(AccountId.ExternalDeposits, account, amount, PostingCodes.Deposit)]));
    }

    public Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration) => WriteEntryAsync(() =>
    {
        if (registration is null) throw OpenLedgerException.Validation("account.registration_missing", "An account registration is required.");
        Guard.Account(registration.Account);
        if (registration.Kind is Abstractions.Ledger.AccountKind.Implicit || !Enum.IsDefined(registration.Kind))
            throw OpenLedgerException.Validation("account.kind", "Register an account as Contributor, ModelOwner, Curator or Payer.");
        if (registration.CreditLimit < 0) throw OpenLedgerException.Validation("account.credit_limit", "A credit limit cannot be negative.");
        if (registration.CreditLimit > 0 && registration.Kind != Abstractions.Ledger.AccountKind.Payer)
            throw OpenLedgerException.Validation("account.credit_limit", "Only payer accounts may have a credit limit.");
        if (registration.OwnerAddress is not null) Guard.Valid(EthereumAddress.Validate(registration.OwnerAddress, "owner address"));
        return JournalMapping.ToDomain(registration, registration.OwnerAddress is null ? null : EthereumAddress.Normalize(registration.OwnerAddress));
    });

    public Task<AccountInfo?> GetAccountAsync(string account)
    {
        Guard.Identifier(account, "account");
        return ReadAsync(() => _durable.Account(account) is { } known
            ? JournalMapping.ToContract(known, _durable.Balance(account), _statements.LineCount(account), _durable.Reserved(account))
            : null);
    }

    public async Task<TransferResultCode> ClaimAsync(ClaimRequest claim)
    {
        await WhenRecoveredAsync();
        ThrowIfUnavailable();
        if (claim is null) throw OpenLedgerException.Validation("claim.missing", "A claim is required.");
        Guard.Identifier(claim.ClaimId, "claim id");
        Guard.Account(claim.Account);
        if (claim.Amount <= 0) throw OpenLedgerException.Validation("claim.amount", "A claim must be a positive number of micro-units.");
        Guard.Valid(EthereumAddress.Validate(claim.Destination, "destination"));

        // Signed for the ledger id (not the partition key): a wallet signs one domain whatever partition holds the account.
        var message = new ClaimMessage(_ledgerId, claim.ClaimId, claim.Account, claim.Amount, claim.Destination);
        // Recovering a secp256k1 signature costs about a millisecond: do it off the grain's turn so batches keep flowing.
        var account = _working.Account(claim.Account);
        var chainId = Options.ClaimChainId;
        var authorization = await Task.Run(() => ClaimAuthorization.Check(account, message, chainId, claim.Signature));
        ThrowIfUnavailable();
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
        // A claim posting cannot draw on credit (PostingCodes): only deposited or earned money leaves the system.
        var transfer = new LedgerTransfer($"claim:{claim.ClaimId}",
            [new LedgerPosting(claim.Account, AccountId.ExternalClaims, claim.Amount, PostingCodes.Claim)], EthereumAddress.Normalize(claim.Destination));
        var code = await SubmitAsync(transfer);
        if (code == TransferResultCode.Ok) OpenLedgerTelemetry.ClaimsPaid.Add(claim.Amount);
        return code;
    }

    public Task<ClaimDomain> GetClaimDomainAsync() => Task.FromResult(new ClaimDomain(ClaimTypedData.DomainName, ClaimTypedData.DomainVersion,
        Options.ClaimChainId, _ledgerId, "Claim(string ledger,string claimId,string account,uint256 amount,address destination)"));

    public async Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100)
    {
        Guard.Identifier(account, "account");
        if (afterLine < 0) throw OpenLedgerException.Validation("statement.after_line", "afterLine cannot be negative.");
        if (limit is < 1 or > AccountStatements.MaxPageSize)
            throw OpenLedgerException.Validation("statement.limit", $"Ask for between 1 and {AccountStatements.MaxPageSize} lines.");
        var (lines, total, balance) = await ReadAsync(() => (_statements.Page(account, afterLine, limit), _statements.LineCount(account), _durable.Balance(account)));
        long? next = lines.Count > 0 && lines[^1].LineNumber < total ? lines[^1].LineNumber : null;
        return new AccountStatement(account, balance, total, lines.Select(JournalMapping.ToContract).ToList(), next);
    }

    public Task<ClaimableExport> ExportClaimablesAsync(string? afterAccount = null, int limit = 100)
    {
        if (afterAccount is not null) Guard.Identifier(afterAccount, "afterAccount");
        if (limit is < 1 or > 1_000) throw OpenLedgerException.Validation("export.limit", "Ask for between 1 and 1000 entries.");
        return ReadAsync(() => ExportClaimables(afterAccount, limit));
    }

    private ClaimableExport ExportClaimables(string? afterAccount, int limit)
    {
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
        return new ClaimableExport(tree.Root, cached.Batches, tree.Balances.Count, tree.Balances.Sum(b => b.Amount), entries,
            page.Count > limit ? entries[^1].Account : null);
    }

    public Task<long> GetBalanceAsync(string account)
    {
        Guard.Identifier(account, "account");
        return ReadAsync(() => _durable.Balance(account));
    }

    public Task<IReadOnlyDictionary<string, long>> GetBalancesAsync(IReadOnlyList<string> accounts)
    {
        if (accounts is null || accounts.Count > 1_000) throw OpenLedgerException.Validation("accounts.count", "Ask for between 0 and 1000 accounts.");
        foreach (var account in accounts) Guard.Identifier(account, "account");
        return ReadAsync<IReadOnlyDictionary<string, long>>(() => accounts.Distinct(StringComparer.Ordinal).ToDictionary(a => a, _durable.Balance, StringComparer.Ordinal));
    }

    public Task<LedgerSummary> GetSummaryAsync() => ReadAsync(() =>
    {
        var balances = _durable.Balances;
        var sum = balances.Values.Aggregate(0L, (total, b) => unchecked(total + b));
        return new LedgerSummary(_durable.TransferCount, _postingCount, _nextSequence, sum,
            -_durable.Balance(AccountId.ExternalDeposits), balances.Count, _durable.OpenPendingCount, _durable.ReservedTotal, _lastHash,
            OwedCredits: _outbox.Count, OwedAmount: _outbox.Amount);
    });

    public Task<TransferResultCode> ApplyOwedCreditAsync(OwedCreditDelivery delivery) => WriteEntryAsync(() => OwedCreditEntry(delivery));

    public async Task<IReadOnlyList<TransferResultCode>> ApplyOwedCreditsAsync(IReadOnlyList<OwedCreditDelivery> deliveries)
    {
        if (deliveries is null || deliveries.Count is 0 or > OwedCreditDelivery.MaxPerCall)
            throw OpenLedgerException.Validation("credit.batch_size", $"A delivery holds between 1 and {OwedCreditDelivery.MaxPerCall} owed credits.");
        await WhenRecoveredAsync();
        ThrowIfUnavailable();
        var entries = deliveries.Select(OwedCreditEntry).ToList(); // one bad credit refuses the call before anything is submitted
        // Submitted in one turn, they join the open batch together: the whole delivery is one journal record (more only
        // when it outgrows one), each credit still applied once under its own delivery id.
        return await Task.WhenAll(entries.Select(e => SubmitAsync(e, joinLater: true)));
    }

    private LedgerTransfer OwedCreditEntry(OwedCreditDelivery delivery)
    {
        if (delivery is null) throw OpenLedgerException.Validation("credit.missing", "An owed credit is required.");
        if (_partitions.Count == 1) throw OpenLedgerException.Validation("credit.not_partitioned", "This ledger is not partitioned: nothing is owed to it.");
        if (delivery.FromPartition < 0 || delivery.FromPartition >= _partitions.Count || delivery.FromPartition == _partition)
            throw OpenLedgerException.Validation("credit.from_partition", $"Partition {delivery.FromPartition} cannot owe partition {_partition} anything.");
        Guard.Valid(AccountId.ValidateTransferId(delivery.TransferId));
        if (delivery.Credits is null || delivery.Credits.Count == 0) throw OpenLedgerException.Validation("credit.no_postings", "An owed credit holds postings.");
        ValidatePostings(delivery.Credits);
        if (delivery.Credits.FirstOrDefault(c => PartitionMap.IsEverywhere(c.CreditAccount) || _partitions.PartitionOf(c.CreditAccount) != _partition) is { } stray)
            throw OpenLedgerException.Validation("credit.wrong_partition", $"Account '{stray.CreditAccount}' is not held by partition {_partition}.");
        return JournalMapping.ToDomain(delivery, _partition).ToDelivery(_partitions);
    }

    public Task<(int Count, long Amount)> GetOwedCreditsAsync() => ReadAsync(() => (_outbox.Count, _outbox.Amount));

    public Task<long> GetPendingCreditAsync(string account)
    {
        Guard.Identifier(account, "account");
        return ReadAsync(() => _outbox.PendingCreditOf(account));
    }

    private void EnsureDelivering()
    {
        if (_delivering || _outbox.Count == 0 || _broken is not null) return;
        _delivering = true;
        _ = DeliverLoopAsync();
    }

    /// <summary>
    /// Delivers the outbox until it is empty: in rounds, each round one call per owed partition carrying what it is owed
    /// (<see cref="OwedCreditOutbox.NextDeliveries"/>, <see cref="ApplyOwedCreditsAsync"/>: one journal record there
    /// for many credits), each credit removed once that partition answers Ok or Exists for it; what is owed meanwhile
    /// goes in the next round; a failed delivery is retried after a pause that doubles up to
    /// 5 s. Runs after the records that owe the credits are durable and witnessed; a crash before the end loses
    /// nothing (the next activation derives them again from the journal, and the receivers are idempotent).
    /// </summary>
    private async Task DeliverLoopAsync()
    {
        var pause = TimeSpan.FromMilliseconds(20);
        try
        {
            while (_outbox.Count > 0 && _broken is null && !_deactivating.IsCancellationRequested)
            {
                var round = _outbox.NextDeliveries(OwedCreditDelivery.MaxPerCall);
                var delivered = await Task.WhenAll(round.Select(DeliverAsync));
                if (delivered.All(ok => ok))
                {
                    pause = TimeSpan.FromMilliseconds(20);
                    continue;
                }
                await Task.Delay(pause, _deactivating.Token).ContinueWith(_ => { }, TaskScheduler.Current);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
        finally
        {
            _delivering = false;
        }
        MaybeCheckpoint();
    }

    /// <summary>Delivers owed credits to the one partition they are owed to, in one call; true if it applied every one of them.</summary>
    private async Task<bool> DeliverAsync(IReadOnlyList<OwedCredit> owed)
    {
        var to = owed[0].ToPartition;
        try
        {
            var receiver = GrainFactory.GetGrain<ILedgerGrain>(_partitions.GrainKey(_ledgerId, to));
            var codes = await receiver.ApplyOwedCreditsAsync(owed.Select(JournalMapping.ToContract).ToList());
            var all = true;
            for (var i = 0; i < owed.Count; i++)
            {
                if (codes[i] is TransferResultCode.Ok or TransferResultCode.Exists)
                {
                    _outbox.Acknowledge(owed[i].TransferId, to);
                    continue;
                }
                all = false;
                logger.LogError("Ledger {LedgerId}: partition {To} refused the credits transfer {TransferId} owes it ({Code}); retrying",
                    this.GetPrimaryKeyString(), to, owed[i].TransferId, codes[i]);
            }
            return all;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Ledger {LedgerId} could not deliver {Count} credits owed to partition {To}; retrying",
                this.GetPrimaryKeyString(), owed.Count, to);
        }
        return false;
    }

    /// <summary>
    /// Checks a write on the working book; an accepted write is acknowledged once its batch is durable and witnessed.
    /// A rejection that depends on state is given only once every write accepted before it is durable, and is then
    /// recomputed on the durable book: if a write it depended on failed, the caller gets that failure (retry), never
    /// the rejection it caused.
    /// </summary>
    /// <param name="joinLater">Owed credits delivered by another partition: they start no journal write at once (<see cref="DeliveryJoinWindow"/>).</param>
    private async Task<TransferResultCode> SubmitAsync(LedgerEntry entry, bool joinLater = false)
    {
        while (true)
        {
            var code = await Archived(() =>
            {
                ThrowIfUnavailable();
                ExpireDue(); // before the check: an expiry releases reservations and decides whether a post is late
                return _working.Apply(entry);
            });
            if (code == LedgerResultCode.Ok)
            {
                await Enqueue(entry, joinLater).Durable.Task;
                return TransferResultCode.Ok;
            }
            if (!code.DependsOnState() || _lastBatch is not { } last || last.Durable.Task.IsCompleted) return JournalMapping.ToContract(code);
            await last.Durable.Task; // throws LedgerUnavailableException if a write it may depend on failed
            var durable = await Archived(() => _durable.Check(entry));
            if (durable != LedgerResultCode.Ok) return JournalMapping.ToContract(durable);
            // The durable book accepts it; only writes accepted since refused it. Decide again, on the working book.
        }
    }

    /// <summary>Journals an expiry for each pending transfer whose timeout has passed on the ledger's clock.</summary>
    private void ExpireDue()
    {
        foreach (var pendingId in _working.DueExpiries(clock.GetUtcNow()))
        {
            var expiry = new PendingExpiry(pendingId);
            if (_working.Apply(expiry) == LedgerResultCode.Ok) Enqueue(expiry); // nobody waits for it: it is durable with its batch
        }
    }

    private Task SweepExpiriesAsync()
    {
        if (_recovered.IsCompletedSuccessfully && _refusal is null && _broken is null) ExpireDue();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Adds one write to the open batch (opening a new one when it is full or already being written) and makes
    /// sure the flush loop runs. The write joins the batch <em>before</em> the loop may start: the loop can run
    /// synchronously up to its first await, and a batch is sealed once its journal record is built.
    /// </summary>
    private PendingBatch Enqueue(LedgerEntry entry, bool joinLater = false)
    {
        var bytes = JournalCodec.SizeOf(entry);
        if (_queued.Count == 0 || _queued.Last().IsFull(Options.MaxBatchTransfers, Options.MaxBatchBytes, bytes, countsAsWrite: !joinLater))
        {
            _queued.Enqueue(new PendingBatch());
            _lastBatch = _queued.Last();
        }
        var batch = _queued.Last();
        batch.Entries.Add(entry);
        batch.Bytes += bytes;
        if (!joinLater) batch.Writes++;
        if (batch.Writes >= Options.MaxBatchTransfers) _batchFilled?.TrySetResult();
        if (joinLater) FlushAfterJoinWindow();
        else EnsureFlushing();
        return batch;
    }

    private void EnsureFlushing()
    {
        if (_flushing) return;
        // Set before the call and cleared in its finally: correct even if the loop completes synchronously.
        _flushing = true;
        _ = FlushLoopAsync();
    }

    /// <summary>Starts the flush loop after <see cref="DeliveryJoinWindow"/> unless a write of the partition's own started it meanwhile.</summary>
    private void FlushAfterJoinWindow()
    {
        if (_flushing || _flushScheduled) return;
        _flushScheduled = true;
        _ = FlushLaterAsync();

        async Task FlushLaterAsync()
        {
            await Task.Delay(DeliveryJoinWindow);
            _flushScheduled = false;
            if (_queued.Count == 0) return;
            _deliveriesDue = true;
            EnsureFlushing();
        }
    }

    private async Task FlushLoopAsync()
    {
        PendingBatch? writing = null;
        var deferDeliveries = false;
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
                // Delivered credits queued alone behind a write wait for the partition's own next write (the callers
                // answered by the write just made come back within moments) instead of starting a record now.
                if (_queued.Count == 1 && _queued.Peek().Writes == 0 && !_deliveriesDue)
                {
                    deferDeliveries = true;
                    break;
                }
                _deliveriesDue = false;
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
            if (deferDeliveries) FlushAfterJoinWindow();
        }
    }

    private async Task WriteAsync(PendingBatch batch)
    {
        var sequence = _nextSequence;
        batch.Sealed = true; // what the record holds is exactly what gets acknowledged
        var content = new JournalBatch(sequence, clock.GetUtcNow(), _lastHash, batch.Entries);
        var payload = JournalCodec.Encode(content);
        if (payload.Length > Options.MaxBatchBytes)
            throw new InvalidOperationException($"Journal record {sequence} encodes to {payload.Length} bytes, over the {Options.MaxBatchBytes} budget its batch was closed by.");
        var hash = JournalChain.HashOf(payload);
        var started = Stopwatch.GetTimestamp();
        await _journal.WriteRecordAsync(new JournalSegment { Sequence = sequence, Hash = hash, Payload = payload });
        // The durable book's checks read these pages; pinned, the batch applies in this turn (again if a checkpoint swapped the archive meanwhile).
        IReadOnlyList<string> pinned;
        while (true)
        {
            var archive = _durable.Archive;
            pinned = await PinPagesForAsync(batch.Entries);
            if (ReferenceEquals(archive, _durable.Archive)) break;
            _pages.Unpin(pinned);
        }
        try
        {
            ApplyDurable(batch, sequence, hash, content, payload);
        }
        finally
        {
            _pages.Unpin(pinned);
        }
        var writeMillis = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        OpenLedgerTelemetry.LedgerFlushLatency.Record(writeMillis);
        _writeMillisAverage = _writeMillisAverage == 0 ? writeMillis : _writeMillisAverage + (writeMillis - _writeMillisAverage) / 8;
        if (_broken is not null)
        {
            batch.Durable.TrySetException(Unavailable(_broken));
            return;
        }
        _unwitnessed.Enqueue(batch);
        EnsureWitnessing();
    }

    private void ApplyDurable(PendingBatch batch, long sequence, string hash, JournalBatch content, byte[] payload)
    {
        _nextSequence = sequence + 1;
        _lastHash = hash;
        batch.Sequence = sequence;
        batch.Hash = hash;
        foreach (var entry in batch.Entries)
        {
            var code = _durable.Apply(entry, out var posted);
            if (code != LedgerResultCode.Ok) throw new InvalidOperationException($"Journal record {sequence} holds {Describe(entry)}, which the durable book refuses ({code}).");
            RecordPosted(sequence, content.CommittedAt, entry, posted);
            TrackForCheckpoint(entry);
        }
        _recordsSinceCheckpoint++;
        _bytesSinceCheckpoint += payload.Length;
        MaybeCheckpoint();
        OpenLedgerTelemetry.LedgerBatchSize.Record(batch.Entries.Count);
    }

    private void EnsureWitnessing()
    {
        if (_witnessing) return;
        _witnessing = true;
        _ = WitnessLoopAsync();
    }

    /// <summary>
    /// Moves the head witness to the newest stored record (naming the newest stored checkpoint once the witness covers
    /// the record it ends with), then acknowledges every batch it now covers.
    /// </summary>
    private async Task WitnessLoopAsync()
    {
        try
        {
            while ((_unwitnessed.Count > 0 || _publish is not null) && _broken is null)
            {
                var newest = _unwitnessed.Count > 0 ? new JournalWitness(_unwitnessed.Last().Sequence, _unwitnessed.Last().Hash) : _witnessed;
                var publishing = _publish is { } p && p.Position - 1 <= newest.Sequence ? p : null;
                if (publishing is null && _unwitnessed.Count == 0) break;
                await _journal.WriteWitnessAsync(newest, clock.GetUtcNow(), publishing);
                _witnessed = newest;
                if (publishing is not null && ReferenceEquals(_publish, publishing)) _publish = null;
                while (_unwitnessed.Count > 0 && _unwitnessed.Peek().Sequence <= newest.Sequence) _unwitnessed.Dequeue().Durable.TrySetResult();
                EnsureDelivering();
            }
        }
        catch (Exception e)
        {
            Break(e, null);
        }
        finally
        {
            _witnessing = false;
        }
    }

    private void RecordPosted(long sequence, DateTimeOffset committedAt, LedgerEntry entry, IReadOnlyList<LedgerPosting> posted)
    {
        if (posted.Count == 0 || entry is not TransferEntry transfer) return;
        var reference = entry switch
        {
            LedgerTransfer t => t.Reference,
            PostPendingTransfer x => x.Reference ?? _durable.Pending(x.PendingId)?.Transfer.Reference,
            _ => null,
        };
        if (_partitions.Count > 1)
        {
            // Credits to accounts other partitions hold are owed there, derived from this very record (so a replay owes them again).
            foreach (var owed in OwedCredit.Of(_partitions, _partition, transfer.Id, posted)) _outbox.Record(owed);
            posted = posted.Select(p => _partitions.AsBookedIn(_partition, p)).ToList();
        }
        _statements.Record(sequence, committedAt, transfer.Id, reference, posted);
        _postingCount += posted.Count;
    }

    /// <summary>Remembers what the next checkpoint adds: the transfer id a durable write used, and the pending transfer it ended.</summary>
    private void TrackForCheckpoint(LedgerEntry entry)
    {
        if (entry is TransferEntry transfer) _newIds.Add(new TransferIdSnapshot(transfer.Id, _durable.FingerprintOf(transfer.Id)!));
        var ended = entry switch
        {
            PostPendingTransfer x => x.PendingId,
            VoidPendingTransfer v => v.PendingId,
            PendingExpiry e => e.PendingId,
            _ => null,
        };
        if (ended is not null && _durable.Pending(ended) is { } hold) _newlyResolved.Add(HoldSnapshot.Of(hold));
    }

    /// <summary>
    /// Takes a checkpoint when enough journal was written since the last one: captures the durable book at the current
    /// position in this turn (references to immutable values, plus a copy of the accounts and open pending transfers),
    /// then encodes and stores it off the turn. One checkpoint at a time; a failed one is logged and retried after the
    /// next interval, and the ledger serves on meanwhile.
    /// </summary>
    private void MaybeCheckpoint()
    {
        if (_checkpointing || _broken is not null || _refusal is not null || _nextSequence == 0) return;
        // A checkpoint does not hold the outbox: it is taken only when every credit owed by the records it covers was
        // applied by its partition, so recovery re-derives from the tail all that may still be owed.
        if (_outbox.Count > 0) return;
        if (_recordsSinceCheckpoint < Options.CheckpointEveryRecords && _bytesSinceCheckpoint < Options.CheckpointEveryBytes) return;
        var accounts = _durable.AccountSnapshots();
        for (var i = 0; i < accounts.Count; i++) accounts[i] = accounts[i] with { Lines = _statements.LineCount(accounts[i].Id) };
        var content = new CheckpointContent(_nextSequence, _lastHash, clock.GetUtcNow(), _durable.TransferCount, _postingCount,
            accounts, _durable.OpenHolds().Select(HoldSnapshot.Of).ToList(),
            _newlyResolved.ToList(), _newIds.ToList(), _statements.Recent.ToList());
        _checkpointing = true;
        _recordsSinceCheckpoint = 0;
        _bytesSinceCheckpoint = 0;
        _ = CheckpointAsync(content);
    }

    private async Task CheckpointAsync(CheckpointContent content)
    {
        var started = Stopwatch.GetTimestamp();
        var stored = false;
        try
        {
            var (manifest, pointer, archive) = await _checkpoints.StoreAsync(_durable.Archive, content, _pages);
            stored = true;
            _checkpoint = manifest;
            _newIds.RemoveRange(0, content.NewTransferIds.Count);
            _newlyResolved.RemoveRange(0, content.NewlyResolvedHolds.Count);
            _statements.ForgetRecent(content.NewStatementLines.Count);
            // What the checkpoint archived leaves memory: the archive answers for it from now on (in this same turn).
            var archivedIds = content.NewTransferIds.Select(t => t.Id).ToList();
            var archivedHolds = content.NewlyResolvedHolds.Select(h => h.Transfer.Id).ToList();
            _durable.AttachArchive(archive, archivedIds, archivedHolds);
            _working.AttachArchive(archive, archivedIds, archivedHolds);
            _statements.AttachArchive(archive, content.NewStatementLines);
            _publish = pointer;
            if (_broken is null) EnsureWitnessing();
            logger.LogInformation("Ledger {LedgerId} stored checkpoint {Checkpoint} of records 0–{Last} ({Pages} pages, {Transfers} new ids) in {Elapsed:F0} ms",
                this.GetPrimaryKeyString(), pointer.Key, pointer.Position - 1, manifest.PageCount, content.NewTransferIds.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Ledger {LedgerId} could not store its checkpoint of records 0–{Last}; it tries again after the next interval",
                this.GetPrimaryKeyString(), content.Position - 1);
        }
        finally
        {
            _checkpointing = false;
        }
        if (stored) MaybeCheckpoint(); // records written meanwhile may already call for the next one
    }

    /// <summary>A write failed: its outcome is unknown, so nothing queued may be acknowledged. Reload from the journal.</summary>
    private void Break(Exception cause, PendingBatch? failed)
    {
        if (_broken is not null) return;
        logger.LogError(cause, "Ledger {LedgerId} could not confirm journal record {Sequence} or its witness; failing {Waiting} waiting batches and reloading",
            this.GetPrimaryKeyString(), _nextSequence, _queued.Count + _unwitnessed.Count + (failed is null ? 0 : 1));
        _broken = cause;
        var error = Unavailable(cause);
        failed?.Durable.TrySetException(error);
        while (_unwitnessed.Count > 0) _unwitnessed.Dequeue().Durable.TrySetException(error);
        while (_queued.Count > 0) _queued.Dequeue().Durable.TrySetException(error);
        this.DeactivateOnIdle();
    }

    private static LedgerUnavailableException Unavailable(Exception cause) =>
        new("The ledger could not confirm a write and is reloading from its journal; retry with the same id.", cause);

    private void ThrowIfUnavailable()
    {
        ThrowIfRefusing();
        if (_broken is not null)
            throw new LedgerUnavailableException("The ledger is reloading from its journal after a failed write; retry with the same id.", _broken);
    }

    /// <summary>A ledger whose journal failed verification answers nothing; after a while it deactivates, so the next call verifies again.</summary>
    private void ThrowIfRefusing()
    {
        if (_refusal is null) return;
        if (Stopwatch.GetElapsedTime(_refusedAt) >= Options.IntegrityRecheckInterval) this.DeactivateOnIdle();
        throw new LedgerIntegrityException($"The ledger refuses to serve: its journal failed verification. {_refusal.Message}");
    }

    private static void ValidateIds(string? id, string? reference)
    {
        Guard.Valid(AccountId.ValidateTransferId(id));
        if (reference is not null && AccountId.ValidateTransferId(reference) is not null)
            throw OpenLedgerException.Validation("transfer.reference", "A transfer reference follows the transfer id rules (letters, digits, ': . _ - |', up to 384).");
    }

    private static void ValidatePostings(IReadOnlyList<TransferPosting>? postings)
    {
        foreach (var posting in postings ?? [])
        {
            if (posting is null) throw OpenLedgerException.Validation("transfer.posting_missing", "A posting is null.");
            Guard.Identifier(posting.DebitAccount, "debit account");
            Guard.Identifier(posting.CreditAccount, "credit account");
            Guard.Valid(AccountId.ValidatePostingCode(posting.Code));
        }
    }

    private static string Describe(LedgerEntry entry) => entry switch
    {
        LedgerAccount a => $"registration of {a.Id}",
        PendingExpiry e => $"expiry of pending transfer {e.PendingId}",
        TransferEntry t => $"{entry.GetType().Name} {t.Id}",
        _ => entry.GetType().Name,
    };

    private sealed class PendingBatch
    {
        public List<LedgerEntry> Entries { get; } = [];

        /// <summary>The exact encoded size of the entries (the record adds at most <see cref="JournalCodec.MaxHeaderBytes"/>).</summary>
        public int Bytes { get; set; }

        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Sealed { get; set; }
        public long Sequence { get; set; } = -1;
        public string Hash { get; set; } = "";

        /// <summary>
        /// The entries that count against <see cref="LedgerOptions.MaxBatchTransfers"/>: all but delivered owed credits,
        /// which only the record's size bounds (so credits from other partitions add postings to a record, not records).
        /// </summary>
        public int Writes { get; set; }

        public bool IsFull(int maxWrites, int maxBytes, int nextBytes, bool countsAsWrite) =>
            Sealed || (countsAsWrite && Writes >= maxWrites) || (Entries.Count > 0 && JournalCodec.MaxHeaderBytes + Bytes + nextBytes > maxBytes);
    }
}
