using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Datanets;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Staking;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

using OpenLedger.Actors.Grains.Hosting;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// A Datanet: a thin grain over <see cref="DatanetBook"/> (the curation rules). A submission is validated, stored as one
/// content-addressed chunk artifact (features and labels), indexed in an append-only submission page
/// (<see cref="IDatanetSubmissionPageGrain"/>) and then committed in the head state (row statuses, quota, owed
/// messages) in one write. Near-duplicates are found with a <see cref="NearDuplicateDetector"/> rebuilt from the chunks
/// on demand. Reviews change row statuses and record the review counts and penalties they owe the contributors'
/// staking grains in the same write (the outbox); the owed messages are delivered at once, at every later call, on
/// activation and by a reminder until staking acknowledges them — staking applies each id once. Curators other than
/// the owner are invited and curate only after accepting. The owner publishes versions — each an immutable matrix
/// artifact of the approved rows in row-id order.
/// </summary>
public sealed partial class DatanetGrain(
    [PersistentState("datanet", StorageNames.GrainState)] IPersistentState<DatanetState> state,
    IArtifactStore artifacts,
    ExplorerFeed explorer,
    IParameterSnapshots parameterSnapshots,
    TimeProvider clock,
    ClusterShutdown shutdown,
    ILogger<DatanetGrain> logger) : Grain, IDatanetGrain, ITextDatanetGrain, IRemindable
{
    private const int MaxTags = 16;
    private const int MaxPageSize = 1_000;
    private const int MaxReasonLength = 200;
    private const int ChunkCacheSize = 64;
    private const int ExplorerContributors = 256;
    private const string DeliveryReminder = "deliver-curation";

    private readonly Dictionary<string, object> _artifactCache = new(StringComparer.Ordinal);
    private DatanetBook? _book;
    private NearDuplicateDetector? _duplicates;
    private bool _reminderKept;

    private DatanetState S => state.State;
    private string Id => this.GetPrimaryKeyString();
    private DatanetBook Book => _book ?? throw OpenLedgerException.NotFound("datanet.not_found", $"Datanet '{Id}' does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!S.IsCreated) return;
        if (S.Submissions.Count > 0) await MoveLegacySubmissionsAsync();
        var pages = Enumerable.Range(0, (S.SubmissionCount + IDatanetSubmissionPageGrain.Size - 1) / IDatanetSubmissionPageGrain.Size)
            .Select(p => GrainFactory.GetGrain<IDatanetSubmissionPageGrain>(IDatanetSubmissionPageGrain.KeyOf(Id, p)).GetAsync());
        var submissions = (await Task.WhenAll(pages)).SelectMany(p => p).Take(S.SubmissionCount).Select(ToRange).ToList();
        _book = Restore(submissions);
        if (_book.Owed.Count > 0) this.RegisterGrainTimer(_ => DeliverOwedAsync(), new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    public async Task<DatanetInfo> CreateAsync(string ownerAccount, DatanetMetadata metadata)
    {
        Guard.Identifier(Id, "Datanet id");
        Guard.Account(ownerAccount, "owner account");
        ValidateMetadata(metadata);
        if (S.IsCreated)
        {
            if (S.Owner == ownerAccount && SameMetadata(S.Metadata!, metadata)) return Info();
            throw OpenLedgerException.Conflict("datanet.exists", $"Datanet '{Id}' already exists with a different owner or metadata.");
        }
        S.Owner = ownerAccount;
        S.Metadata = metadata with { Tags = metadata.Tags.ToArray() };
        S.Curators = [ownerAccount];
        S.CreatedAt = clock.GetUtcNow();
        await state.WriteOrReloadAsync(this, Reloaded);
        _book ??= Restore([]);
        await TellExplorerAsync();
        return Info();
    }

    public Task<DatanetInfo> GetInfoAsync() => Task.FromResult(Info());

    public async Task<SubmissionReceipt> SubmitAsync(string submissionId, string contributorAccount, IReadOnlyList<ContributionRow> rows)
    {
        var book = Book;
        if (IsText) throw OpenLedgerException.Validation("datanet.modality_mismatch", $"Datanet '{Id}' holds text: submit documents, not rows.");
        Guard.Identifier(submissionId, "submission id");
        Guard.Account(contributorAccount, "contributor account");
        Guard.Valid(ContributionValidator.ValidateSubmissionSize(rows?.Count ?? 0));
        var schema = new FeatureSchema(S.Metadata!.Dimension, S.Metadata.ClassCount);
        for (var i = 0; i < rows!.Count; i++)
            Guard.Valid(ContributionValidator.ValidateRow(schema, rows[i]?.Features, rows[i]?.Label ?? -1, i));

        var chunk = new SubmissionChunk(schema.Dimension, rows.SelectMany(r => r.Features).ToArray(), rows.Select(r => r.Label).ToArray());
        var chunkBytes = chunk.Encode();
        var chunkKey = ArtifactKey.Of(chunkBytes);
        await DeliverOwedAsync();
        if (book.Find(submissionId) is { } existing)
        {
            if (existing.Contributor != contributorAccount || existing.ChunkKey != chunkKey)
                throw OpenLedgerException.Conflict("submission.key_conflict", $"Submission '{submissionId}' was already made with different content.");
            var earlier = await RecordsAsync(existing, 0, existing.RowCount);
            await RecordWithContributorAsync(existing);
            return new SubmissionReceipt(Id, submissionId, earlier, ValidationScore(earlier));
        }

        var parameters = await AdmitSubmissionAsync(contributorAccount, rows.Count, chunkBytes.LongLength);
        var firstRowId = book.NextRowId;
        var detector = await DuplicateDetectorAsync();
        var (duplicateOf, plausibility) = DatanetBook.Assess(detector, rows.Select(r => (r.Features, r.Label)).ToList(), firstRowId, parameters.DuplicateCosineCutoff);

        // Durable before the state points at them: the chunk, the duplicates map, then the page slot.
        await artifacts.PutAsync(chunkBytes);
        string? duplicatesKey = null;
        if (duplicateOf.Count > 0)
        {
            var duplicates = DuplicateRows.Of(duplicateOf);
            duplicatesKey = await artifacts.PutAsync(duplicates.Encode());
            _artifactCache[duplicatesKey] = duplicates;
        }
        if (duplicateOf.Count > 0) await KeepReminderAsync(); // it will owe a penalty: a reminder delivers it even after a crash
        var now = clock.GetUtcNow();
        var range = new SubmissionRange(submissionId, contributorAccount, chunkKey, firstRowId, rows.Count, now, book.CurationRound, duplicatesKey);
        var slot = S.SubmissionCount;
        await GrainFactory.GetGrain<IDatanetSubmissionPageGrain>(IDatanetSubmissionPageGrain.KeyOf(Id, slot / IDatanetSubmissionPageGrain.Size))
            .PutAsync(slot % IDatanetSubmissionPageGrain.Size, ToStored(range));

        var submission = Rule(() => book.Record(range, duplicateOf.Keys, plausibility, chunkBytes.LongLength, now, parameters.DailyRowQuota, parameters.DailyByteQuota));
        await SaveAsync();
        Remember(chunkKey, chunk);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!duplicateOf.ContainsKey(firstRowId + i)) _duplicates?.Add(firstRowId + i, contributorAccount, rows[i].Features, rows[i].Label);
        }
        OpenLedgerTelemetry.DuplicateRows.Add(duplicateOf.Count);
        var records = await RecordsAsync(submission, 0, rows.Count);
        await DeliverOwedAsync();
        await RecordWithContributorAsync(submission);
        await TellExplorerAsync();
        return new SubmissionReceipt(Id, submissionId, records, ValidationScore(records));
    }

    public Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve) =>
        ReviewAsync(curatorAccount, rowIds, approve, null);

    public Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve, string? reason)
    {
        if (string.IsNullOrEmpty(reason)) reason = null;
        if (reason is not null && approve)
            throw OpenLedgerException.Validation("review.reason_on_approval", "A reason is given with a rejection only: approve without one.");
        if (reason is not null) Guard.Text(reason, "reason", MaxReasonLength);
        return ReviewAsync(curatorAccount, rowIds, approve ? RowStatus.Approved : RowStatus.Rejected, reason);
    }

    public Task<int> RejectAdversarialAsync(string curatorAccount, IReadOnlyList<long> rowIds, string reason)
    {
        Guard.Text(reason, "reason", MaxReasonLength);
        return ReviewAsync(curatorAccount, rowIds, RowStatus.Adversarial, reason);
    }

    /// <summary>A review round: the statuses and the messages it owes staking in one write, then delivered (see the type's summary).</summary>
    private async Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, RowStatus target, string? reason)
    {
        var book = Book;
        Rule(() => book.RequireCurator(curatorAccount)); // a stranger's call touches nothing, not even the reminder
        await DeliverOwedAsync(); // a review a crash cut off before staking heard of it is delivered first
        await KeepReminderAsync(); // before the write that owes: a reminder delivers even after a crash (once per activation)
        var changed = Rule(() => book.Review(curatorAccount, rowIds, target, reason));
        if (changed.Count == 0) return 0;
        if (target != RowStatus.Approved) _duplicates = null; // rejected rows no longer count as originals: rebuild on the next submission
        if (target != RowStatus.Approved) ForgetTextDuplicates();
        if (target != RowStatus.Approved) await RecordRejectionsAsync(changed, curatorAccount, target == RowStatus.Adversarial, reason);
        await SaveAsync();
        await DeliverOwedAsync();
        await TellExplorerAsync();
        return changed.Count;
    }

    public async Task<DatanetInfo> AppointCuratorAsync(string ownerAccount, string curatorAccount)
    {
        var book = Book;
        Guard.Account(curatorAccount, "curator account");
        if (Rule(() => book.Invite(ownerAccount, curatorAccount))) await SaveAsync();
        return Info();
    }

    public async Task<DatanetInfo> AcceptCuratorAsync(string curatorAccount)
    {
        var book = Book;
        Guard.Account(curatorAccount, "curator account");
        if (Rule(() => book.Accept(curatorAccount)))
        {
            await SaveAsync();
            await TellExplorerAsync();
        }
        return Info();
    }

    public async Task<DatanetInfo> DeclineCuratorAsync(string account)
    {
        var book = Book;
        Guard.Account(account, "account");
        if (book.Decline(account)) await SaveAsync();
        return Info();
    }

    public async Task<DatanetVersionInfo> PublishVersionAsync(string ownerAccount)
    {
        if (_book is not null && IsText) return await PublishTextVersionAsync(ownerAccount);
        var book = Book;
        var approvedCount = Rule(() => book.CheckPublish(ownerAccount));
        var matrix = await BuildMatrixAsync(approvedCount, S.VersionCount + 1);
        if (S.Versions.Count > 0)
        {
            var latest = S.Versions[^1];
            var latestMatrix = VersionMatrix.Decode(await artifacts.GetAsync(latest.ArtifactKey));
            if (latestMatrix.RowIds.AsSpan().SequenceEqual(matrix.RowIds)) return latest; // nothing changed since: no new version
        }
        var key = await artifacts.PutAsync(matrix.Encode());
        var version = new DatanetVersionInfo(Id, matrix.Version, matrix.RowCount, key, clock.GetUtcNow());
        const int pageSize = IDatanetVersionPageGrain.Size;
        if (S.Versions.Count >= pageSize + DatanetInfo.RecentVersions)
        {
            // The head keeps the newest versions: a full page of the oldest goes to its page first (rewriting it is harmless).
            await GrainFactory.GetGrain<IDatanetVersionPageGrain>(IDatanetVersionPageGrain.KeyOf(Id, S.PagedVersionCount / pageSize))
                .PutAsync(S.Versions.GetRange(0, pageSize));
            S.Versions.RemoveRange(0, pageSize);
            S.PagedVersionCount += pageSize;
        }
        S.Versions.Add(version);
        book.Published();
        await SaveAsync();
        await TellExplorerAsync();
        return version;
    }

    public Task<DatanetVersionInfo> GetVersionAsync(int version)
    {
        _ = Book;
        if (version < 1 || version > S.VersionCount)
            throw OpenLedgerException.NotFound("version.not_found", $"Datanet '{Id}' has no version {version}.");
        if (version > S.PagedVersionCount) return Task.FromResult(S.Versions[version - S.PagedVersionCount - 1]);
        return PagedVersionAsync(version);
    }

    private async Task<DatanetVersionInfo> PagedVersionAsync(int version)
    {
        var page = await GrainFactory.GetGrain<IDatanetVersionPageGrain>(IDatanetVersionPageGrain.KeyOf(Id, (version - 1) / IDatanetVersionPageGrain.Size)).GetAsync();
        return page[(version - 1) % IDatanetVersionPageGrain.Size];
    }

    public async Task<IReadOnlyList<DatanetVersionInfo>> ListVersionsAsync(int offset, int limit)
    {
        _ = Book;
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"Offset must be ≥ 0 and limit between 1 and {MaxPageSize}.");
        var listed = new List<DatanetVersionInfo>();
        var next = offset; // versions next + 1 onwards
        while (listed.Count < limit && next < S.PagedVersionCount)
        {
            var page = await GrainFactory.GetGrain<IDatanetVersionPageGrain>(IDatanetVersionPageGrain.KeyOf(Id, next / IDatanetVersionPageGrain.Size)).GetAsync();
            var take = page.Skip(next % IDatanetVersionPageGrain.Size).Take(limit - listed.Count).ToList();
            listed.AddRange(take);
            next += take.Count;
            if (take.Count == 0) break;
        }
        if (listed.Count < limit && next >= S.PagedVersionCount)
            listed.AddRange(S.Versions.Skip(next - S.PagedVersionCount).Take(limit - listed.Count));
        return listed;
    }

    public async Task<IReadOnlyList<RejectedRows>> ListRejectionsAsync(long? before, int limit)
    {
        _ = Book;
        if (before < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"Before must be ≥ 0 and limit between 1 and {MaxPageSize}.");
        var pages = new Dictionary<int, IReadOnlyList<RejectedRows>>();
        var listed = new List<RejectedRows>();
        foreach (var sequence in RejectionLog.NewestFirst(S.RejectionCount, before, limit))
        {
            var (page, slot) = RejectionLog.Locate(sequence, IDatanetRejectionPageGrain.Size);
            if (!pages.TryGetValue(page, out var entries)) pages[page] = entries = await RejectionPage(page).GetAsync();
            listed.Add(entries[slot]);
        }
        return listed;
    }

    /// <summary>
    /// Appends the rows a rejection changed to the rejection record's pages, before the head write that commits them (its
    /// <see cref="DatanetState.RejectionCount"/>, with the statuses): a crash between the two leaves uncommitted slots the
    /// retried review writes again. A page write that fails restores the book from the state (nothing changed) and throws.
    /// </summary>
    private async Task RecordRejectionsAsync(IReadOnlyList<long> rowIds, string curator, bool adversarial, string? reason)
    {
        var book = Book;
        var first = S.RejectionCount;
        var now = clock.GetUtcNow();
        var entries = RejectionLog.Entries(rowIds.Select(r => (r, book.SubmissionOf(r).Contributor)), RejectedRows.MaxRows)
            .Select((e, i) => new RejectedRows(first + i, book.ReviewRounds, e.Contributor, e.RowIds, curator, adversarial, reason, now))
            .ToList();
        try
        {
            foreach (var page in entries.GroupBy(e => RejectionLog.Locate(e.Sequence, IDatanetRejectionPageGrain.Size).Page))
                await RejectionPage(page.Key).PutAsync(RejectionLog.Locate(page.First().Sequence, IDatanetRejectionPageGrain.Size).Slot, page.ToList());
        }
        catch
        {
            Reloaded(); // the book changed in memory only: back to the state's statuses
            throw;
        }
        S.RejectionCount = first + entries.Count;
    }

    private IDatanetRejectionPageGrain RejectionPage(int page) =>
        GrainFactory.GetGrain<IDatanetRejectionPageGrain>(IDatanetRejectionPageGrain.KeyOf(Id, page));

    public async Task<IReadOnlyList<ContributionRecord>> ListContributionsAsync(int offset, int limit)
    {
        var book = Book;
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"Offset must be ≥ 0 and limit between 1 and {MaxPageSize}.");
        var page = new List<ContributionRecord>();
        var firstRowId = (long)offset + 1;
        var lastRowId = Math.Min(book.RowCount, (long)offset + limit);
        if (firstRowId > lastRowId) return page;
        var submission = book.SubmissionOf(firstRowId);
        while (true)
        {
            var from = (int)Math.Max(0, firstRowId - submission.FirstRowId);
            var to = (int)Math.Min(submission.RowCount, lastRowId - submission.FirstRowId + 1);
            page.AddRange(await RecordsAsync(submission, from, to - from));
            if (submission.LastRowId >= lastRowId) return page;
            submission = book.SubmissionOf(submission.LastRowId + 1);
        }
    }

    public Task<bool> HasSubmissionAsync(string contributorAccount, ContributedRows rows) =>
        Task.FromResult(_book is not null && rows is not null && rows.DatanetId == Id && rows.SubmissionId is not null
            && _book.Find(rows.SubmissionId) is { } submission
            && submission.Contributor == contributorAccount && submission.FirstRowId == rows.FirstRowId && submission.RowCount == rows.RowCount);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder) return;
        _reminderKept = true;
        await DeliverOwedAsync();
        if (_book is null || _book.Owed.Count == 0) await DropReminderAsync();
    }

    /// <summary>A clean deactivation drops the reminder when nothing is owed (a crash leaves it, and it finishes the delivery;
    /// so does a stop of the whole cluster, when the reminder table cannot be reached: it fires later and finds nothing owed).</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if ((_book is null || _book.Owed.Count == 0) && !shutdown.IsWholeClusterStopping(reason)) await DropReminderAsync();
    }

    /// <summary>
    /// Delivers the owed curation messages, oldest first, as far as it can, and saves the acknowledgements. Best effort:
    /// a failure is logged and leaves the rest owed (staking applies each id once, so a message delivered twice counts
    /// once). While anything is owed the activation keeps a reminder (registered once per activation, dropped when it
    /// finds nothing owed or on a clean deactivation), so a crash cannot strand a message.
    /// </summary>
    private async Task DeliverOwedAsync()
    {
        if (_book is null || _book.Owed.Count == 0) return;
        var acknowledged = 0;
        try
        {
            await KeepReminderAsync();
            foreach (var message in _book.Owed.ToList())
            {
                var staking = GrainFactory.GetGrain<IStakingCurationGrain>(message.Contributor);
                if (message.Kind == OwedCurationKind.Review) await staking.RecordReviewAsync(message.Id, message.Accepted, message.Rejected);
                else await staking.PenaliseAsync(message.Id, message.Reason);
                _book.Acknowledge(message.Id);
                acknowledged++;
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Datanet {Datanet} could not deliver its curation messages ({Owed} owed); a reminder retries", Id, _book.Owed.Count);
        }
        if (acknowledged > 0)
        {
            try
            {
                await SaveAsync();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Datanet {Datanet} could not save its acknowledged curation messages; they are delivered again (idempotently)", Id);
            }
        }
    }

    private async Task KeepReminderAsync()
    {
        if (_reminderKept) return;
        await this.RegisterOrUpdateReminder(DeliveryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _reminderKept = true;
    }

    private async Task DropReminderAsync()
    {
        if (!_reminderKept) return;
        try
        {
            if (await this.GetReminder(DeliveryReminder) is { } reminder) await this.UnregisterReminder(reminder);
            _reminderKept = false;
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Datanet {Datanet} left its delivery reminder; it will find nothing owed", Id);
        }
    }

    /// <summary>Copies the book into the state and writes it, or reloads (and rebuilds the book) on an ambiguous failure.</summary>
    private Task SaveAsync()
    {
        var book = Book;
        S.RowStatuses = book.StatusBytes();
        S.RowPlausibility = book.PlausibilityBytes();
        S.SubmissionCount = book.Submissions.Count;
        S.Quotas = book.Quotas.ToDictionary(q => q.Key, q => new QuotaUsage(q.Value.Day, q.Value.Rows, q.Value.Bytes), StringComparer.Ordinal);
        S.Curators = book.Curators.ToList();
        S.InvitedCurators = book.Invitations.ToList();
        S.ReviewRounds = book.ReviewRounds;
        S.Owed = book.Owed.Select(o => new OwedCurationMessage((int)o.Kind, o.Id, o.Contributor, o.Accepted, o.Rejected, o.Reason)).ToList();
        return state.WriteOrReloadAsync(this, Reloaded);
    }

    /// <summary>After a read-back of the state (a failed write): the book is rebuilt from it (submissions past its count were not committed).</summary>
    private void Reloaded()
    {
        _duplicates = null;
        ForgetTextDuplicates();
        _book = S.IsCreated ? Restore(_book?.Submissions.Take(S.SubmissionCount) ?? []) : null;
    }

    private DatanetBook Restore(IEnumerable<SubmissionRange> submissions) => DatanetBook.Restore(Id, S.Owner!, S.RowStatuses,
        S.RowPlausibility.Length == S.RowStatuses.Length ? S.RowPlausibility : Enumerable.Repeat(DatanetBook.NotAssessed, S.RowStatuses.Length).ToArray(),
        submissions, S.Quotas.ToDictionary(q => q.Key, q => new QuotaUse(q.Value.Day, q.Value.Rows, q.Value.Bytes)),
        S.Curators, S.InvitedCurators, S.VersionCount, S.ReviewRounds,
        S.Owed.Select(o => new OwedCuration((OwedCurationKind)o.Kind, o.Id, o.Contributor, o.Accepted, o.Rejected, o.Reason)));

    /// <summary>Moves the submissions of a state written before submission pages into pages (duplicates into artifacts), once.</summary>
    private async Task MoveLegacySubmissionsAsync()
    {
        var slot = S.SubmissionCount;
        foreach (var legacy in S.Submissions.OrderBy(s => s.FirstRowId))
        {
            var duplicates = Enumerable.Range(0, legacy.RowCount).Select(i => legacy.FirstRowId + i)
                .Where(S.DuplicateOf.ContainsKey).ToDictionary(r => r, r => S.DuplicateOf[r]);
            legacy.DuplicatesKey = duplicates.Count > 0 ? await artifacts.PutAsync(DuplicateRows.Of(duplicates).Encode()) : null;
            legacy.Round = S.PagedVersionCount + S.Versions.Count(v => v.PublishedAt <= legacy.SubmittedAt) + 1;
            await GrainFactory.GetGrain<IDatanetSubmissionPageGrain>(IDatanetSubmissionPageGrain.KeyOf(Id, slot / IDatanetSubmissionPageGrain.Size))
                .PutAsync(slot % IDatanetSubmissionPageGrain.Size, legacy);
            slot++;
        }
        S.SubmissionCount = slot;
        S.Submissions = [];
        S.DuplicateOf = [];
        await state.WriteStateAsync();
    }

    private static SubmissionRange ToRange(DatanetSubmission s) =>
        new(s.Id, s.Contributor, s.ChunkKey, s.FirstRowId, s.RowCount, s.SubmittedAt, s.Round, s.DuplicatesKey);

    private static DatanetSubmission ToStored(SubmissionRange s) => new()
    {
        Id = s.Id, Contributor = s.Contributor, ChunkKey = s.ChunkKey, FirstRowId = s.FirstRowId, RowCount = s.RowCount,
        SubmittedAt = s.SubmittedAt, Round = s.Round, DuplicatesKey = s.DuplicatesKey,
    };

    /// <summary>Runs a book rule, turning its refusal into the public error of the same kind.</summary>
    private static T Rule<T>(Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (DatanetRefusal refusal)
        {
            throw refusal.Kind switch
            {
                DatanetRefusalKind.NotFound => OpenLedgerException.NotFound(refusal.Code, refusal.Message),
                DatanetRefusalKind.Forbidden => OpenLedgerException.Forbidden(refusal.Code, refusal.Message),
                DatanetRefusalKind.Conflict or DatanetRefusalKind.LimitReached => OpenLedgerException.Conflict(refusal.Code, refusal.Message),
                DatanetRefusalKind.QuotaExceeded => OpenLedgerException.QuotaExceeded(refusal.Code, refusal.Message),
                DatanetRefusalKind.Backlogged => new LedgerUnavailableException(refusal.Message),
                _ => OpenLedgerException.Validation(refusal.Code, refusal.Message),
            };
        }
    }

    private static void Rule(Action rule) => Rule(() => { rule(); return 0; });

    /// <summary>The governed parameters in force, once the contributor's stake and today's quotas admit the submission (refusals record nothing).</summary>
    private async Task<Abstractions.Governance.GovernanceParameters> AdmitSubmissionAsync(string contributor, int rows, long bytes)
    {
        var parameters = (await parameterSnapshots.CurrentAsync()).Parameters;
        await RequireStakeAsync(contributor, parameters.MinimumStake);
        try
        {
            Rule(() => Book.CheckSubmission(contributor, rows, bytes, clock.GetUtcNow(), parameters.DailyRowQuota, parameters.DailyByteQuota));
        }
        catch (OpenLedgerException e) when (e.Kind == ErrorKind.QuotaExceeded)
        {
            OpenLedgerTelemetry.SubmissionsRefused.Add(1);
            throw;
        }
        return parameters;
    }

    private async Task RequireStakeAsync(string contributor, long minimumStake)
    {
        if (minimumStake <= 0) return;
        var standing = await GrainFactory.GetGrain<IStakingGrain>(contributor).GetStandingAsync();
        if (standing.Stake >= minimumStake) return;
        OpenLedgerTelemetry.SubmissionsRefused.Add(1);
        throw OpenLedgerException.Forbidden("stake.required",
            $"'{contributor}' holds a stake of {standing.Stake} micro-units; contributing needs at least {minimumStake}.");
    }

    private static double? ValidationScore(IReadOnlyList<ContributionRecord> records)
    {
        var judged = records.Where(r => r.LabelPlausibility is not null).Select(r => r.LabelPlausibility!.Value).ToArray();
        return judged.Length == 0 ? null : judged.Average();
    }

    /// <summary>The detector over the live (pending and approved) rows, rebuilt from their chunks after a change that removed some.</summary>
    private async Task<NearDuplicateDetector> DuplicateDetectorAsync()
    {
        if (_duplicates is not null) return _duplicates;
        var detector = new NearDuplicateDetector(S.Metadata!.Dimension);
        foreach (var (submission, index) in Book.Rows(s => s.IsLive()))
        {
            var chunk = await ChunkAsync(submission.ChunkKey);
            detector.Add(submission.FirstRowId + index, submission.Contributor, chunk.Row(index), chunk.Labels[index]);
        }
        if (detector.Count > 0) detector.Rescale(FeatureScale.Estimate(detector.RawRows, detector.Scale.Dimension));
        return _duplicates = detector;
    }

    private async Task<VersionMatrix> BuildMatrixAsync(int approvedCount, int version)
    {
        var dimension = S.Metadata!.Dimension;
        var features = new double[approvedCount * dimension];
        var rowIds = new long[approvedCount];
        var contributors = new string[approvedCount];
        var hashes = new string[approvedCount];
        var labels = new int[approvedCount];
        var next = 0;
        foreach (var (submission, i) in Book.Rows(s => s == RowStatus.Approved))
        {
            var chunk = await ChunkAsync(submission.ChunkKey);
            chunk.Row(i).CopyTo(features.AsSpan(next * dimension, dimension));
            rowIds[next] = submission.FirstRowId + i;
            contributors[next] = submission.Contributor;
            labels[next] = chunk.Labels[i];
            hashes[next] = ContentHash.Compute(chunk.Row(i).ToArray(), chunk.Labels[i]);
            next++;
        }
        return new VersionMatrix(Id, version, dimension, S.Metadata.ClassCount, rowIds, contributors, hashes, labels, features);
    }

    private async Task<List<ContributionRecord>> RecordsAsync(SubmissionRange submission, int from, int count)
    {
        if (IsText) return await TextRecordsAsync(submission, from, count);
        var chunk = await ChunkAsync(submission.ChunkKey);
        var duplicates = submission.DuplicatesKey is { } key ? await DuplicatesAsync(key) : null;
        var records = new List<ContributionRecord>(count);
        for (var i = from; i < from + count; i++)
        {
            var rowId = submission.FirstRowId + i;
            var known = rowId <= Book.RowCount;
            records.Add(new ContributionRecord(Id, rowId, submission.Contributor, ContentHash.Compute(chunk.Row(i).ToArray(), chunk.Labels[i]),
                chunk.Labels[i], known ? (ContributionStatus)Book.Status(rowId) : ContributionStatus.Pending, submission.SubmittedAt, submission.Id,
                duplicates is not null && duplicates.TryGetValue(rowId, out var original) ? original : null, known ? Book.Plausibility(rowId) : null));
        }
        return records;
    }

    private async Task<SubmissionChunk> ChunkAsync(string key)
    {
        if (_artifactCache.TryGetValue(key, out var cached)) return (SubmissionChunk)cached;
        var chunk = SubmissionChunk.Decode(await artifacts.GetAsync(key));
        Remember(key, chunk);
        return chunk;
    }

    private async Task<Dictionary<long, long>> DuplicatesAsync(string key)
    {
        if (_artifactCache.TryGetValue(key, out var cached)) return ((DuplicateRows)cached).ToDictionary();
        var duplicates = DuplicateRows.Decode(await artifacts.GetAsync(key));
        Remember(key, duplicates);
        return duplicates.ToDictionary();
    }

    private void Remember(string key, object artifact)
    {
        if (_artifactCache.Count >= ChunkCacheSize) _artifactCache.Clear(); // bounded memory; artifacts are re-read on demand
        _artifactCache[key] = artifact;
    }

    private Task RecordWithContributorAsync(SubmissionRange submission) =>
        GrainFactory.GetGrain<IContributorGrain>(submission.Contributor)
            .RecordContributionsAsync(new ContributedRows(Id, submission.Id, submission.FirstRowId, submission.RowCount));

    /// <summary>
    /// Gives the explorer the Datanet's public info and the acceptance of its <see cref="ExplorerContributors"/>
    /// contributors with the most approved rows (duplicates and adversarial rows count as rejected), with their total.
    /// </summary>
    private Task TellExplorerAsync()
    {
        var acceptance = Book.Acceptance();
        var contributors = acceptance
            .OrderByDescending(c => c.Approved).ThenBy(c => c.Contributor, StringComparer.Ordinal).Take(ExplorerContributors)
            .Select(c => new ContributorAcceptance(c.Contributor, c.Submitted, c.Approved, c.Rejected))
            .OrderBy(c => c.Account, StringComparer.Ordinal)
            .ToList();
        return explorer.DatanetChangedAsync(new DatanetCatalogEntry(Info(), contributors) { ContributorCount = acceptance.Count });
    }

    private static void ValidateMetadata(DatanetMetadata? metadata)
    {
        if (metadata is null) throw OpenLedgerException.Validation("metadata.missing", "Datanet metadata is required.");
        Guard.Text(metadata.Name, "name", 200);
        Guard.Text(metadata.Summary, "summary", 500, required: false);
        Guard.Text(metadata.Description, "description", 10_000, required: false, multiline: true);
        Guard.Text(metadata.Modality, "modality", 50);
        if (metadata.Tags is null || metadata.Tags.Count > MaxTags)
            throw OpenLedgerException.Validation("metadata.tags", $"Give between 0 and {MaxTags} tags.");
        foreach (var tag in metadata.Tags) Guard.Text(tag, "tag", 50);
        if (!DatanetModalities.IsText(metadata.Modality))
            Guard.Valid(ContributionValidator.ValidateSchema(new FeatureSchema(metadata.Dimension, metadata.ClassCount)));
        else if (metadata.Dimension != 0 || metadata.ClassCount is < 0 or 1 or > FeatureSchema.MaxClassCount)
            throw OpenLedgerException.Validation("metadata.text_schema",
                $"A text Datanet has no features: give dimension 0, and class count 0 (no labels) or 2 to {FeatureSchema.MaxClassCount} (labelled documents).");
    }

    private static bool SameMetadata(DatanetMetadata a, DatanetMetadata b) =>
        a.Name == b.Name && a.Summary == b.Summary && a.Description == b.Description && a.Modality == b.Modality
        && a.Dimension == b.Dimension && a.ClassCount == b.ClassCount && a.Tags.SequenceEqual(b.Tags);

    private DatanetInfo Info()
    {
        var book = Book;
        return new DatanetInfo(Id, S.Owner!, S.Metadata!, book.Curators.ToArray(), book.PendingCount, book.ApprovedCount, book.RejectedCount,
            S.Versions.TakeLast(DatanetInfo.RecentVersions).ToArray(), S.CreatedAt)
        {
            InvitedCurators = book.Invitations.ToArray(),
            VersionCount = S.VersionCount,
        };
    }
}
