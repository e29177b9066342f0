using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Explorer;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// The explorer's read model. Events (a Datanet changed, a model registered, an inference recorded) update the
/// in-memory aggregates at once and synchronously — the leaderboard, per-model counts, the window of recent
/// inferences — and go to the event log (<see cref="ExplorerEventLog{T}"/>). Every <see cref="ExplorerOptions.FlushInterval"/>
/// (and on deactivation, or when asked) the flush writes what changed where it is stored — each changed Datanet's entry
/// to its own grain (<see cref="IExplorerDatanetGrain"/>), new Datanet ids to the directory pages, each changed model's
/// info to its own grain (<see cref="IExplorerModelGrain"/>) — then commits, and delivers the committed events: the
/// standings to their leaderboard buckets (<see cref="IExplorerStandingsBucketGrain"/>), the feed lines to their pages,
/// each paid account its earnings, the models their counts.
/// Nothing that grows with Datanets, models or accounts lives in the catalog's state; in memory it keeps the Datanet
/// and model ids (for the paged home lists) and the leaderboard. The grain is reentrant: only the flush awaits, and it
/// works on a snapshot taken before its first await, so events keep flowing while it writes.
/// </summary>
/// <remarks>
/// An inference is delivered from its grain's outbox until this grain acknowledges it, and it acknowledges only once it
/// is committed: its event written to a page of the event log (<see cref="IExplorerEventPageGrain"/>), then the catalog's
/// state naming that page, holding its counts and its id (concurrent deliveries share one commit). A repeat is
/// recognised exactly, however late, by the pages of recorded ids (<see cref="RecordedIdPages"/>, per period of the
/// inference's completion time; the newest two periods in memory). Only committed events are delivered: the standings
/// as snapshots taken when the commit took its events (<see cref="StandingsOutbox"/>), the earnings per event
/// (<see cref="EarningsOutbox"/>), the feed lines by sequence number — each receiver keeps the newest sequence number it
/// holds and ignores older ones. Once all hold a page's events the state records it flushed and the page is deleted;
/// on activation the pages not flushed are replayed (the leaderboard re-credited only above each bucket's number). So a
/// crash anywhere loses no acknowledged inference and counts none twice, in the feed, the standings or the histories.
/// A model's counts are owed in the same write as the ids they count (<see cref="ModelCountsOutbox"/>) and sent once
/// that write is durable, in numbered batches each model applies once.
/// </remarks>
[Reentrant]
public sealed class ExplorerCatalogGrain(
    [PersistentState("explorer-catalog", StorageNames.GrainState)] IPersistentState<ExplorerCatalogState> state,
    [PersistentState("explorer-recorded-inferences", StorageNames.GrainState)] IPersistentState<RecordedInferencesState> recorded,
    IOptions<ExplorerOptions> options,
    IArtifactStore artifacts,
    ClusterShutdown shutdown,
    ILogger<ExplorerCatalogGrain> logger) : Grain, IExplorerCatalogGrain
{
    public const int MaxPageSize = 100;
    private const int MaxEarningsPerCall = 4_096;

    private ExplorerDirectory _datanets = null!;
    private ExplorerDirectory _models = null!;
    private Dictionary<string, ModelInfo> _unsavedModels = new(StringComparer.Ordinal);
    private Dictionary<string, ModelInfo> _flushingModels = new(StringComparer.Ordinal);
    private ModelCountsOutbox _modelCounts = new();
    private long _durableModelBatch;
    private Dictionary<string, DatanetCatalogEntry> _unsavedDatanets = new(StringComparer.Ordinal);
    private Dictionary<string, DatanetCatalogEntry> _flushingDatanets = new(StringComparer.Ordinal);
    private readonly Leaderboard _leaderboard = new();
    private RecentWindow<InferenceSummary> _recent = null!;
    private RecordedIdFilter _recorded = null!;
    private RecordedIdPages _recordedIds = null!;
    private RecordedIdIndex _recordedIndex = new();
    private long _idPagesSequence;
    private bool _recordedChanged;
    private ExplorerEventLog<ExplorerEventRecord> _events = null!;
    private readonly List<InferenceSummary> _unsentFeed = []; // committed feed lines not yet in their pages, in sequence order
    private readonly StandingsOutbox _standings = new();
    private readonly EarningsOutbox _earnings = new();
    private long _lastSequence;
    private long _feesCharged;
    private long _lastEarningsBatch; // of states before sequence numbers: kept as stored
    private bool _stateChanged;
    private readonly OneWriteAtATime _writes = new();
    private readonly OneWriteAtATime _deliveries = new();
    private readonly OneWriteAtATime _modelSends = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var saved = state.State;
        _datanets = new ExplorerDirectory(page => GrainFactory.GetGrain<IExplorerDirectoryPageGrain>(PartKey(page)));
        _models = new ExplorerDirectory(page => GrainFactory.GetGrain<IExplorerDirectoryPageGrain>(PartKey($"models/{page}")));
        await _datanets.LoadAsync(saved.DatanetCount);
        await _models.LoadAsync(saved.ModelCount);
        _modelCounts = new ModelCountsOutbox(saved.ModelBatchNumber,
            saved.OwedModelBatches.Select(b => new ModelCountBatch(b.Number, b.Deltas.Select(d => new ModelCountDelta(d.ModelId, d.Inferences, d.Fees)).ToList())),
            saved.OwedModelCounts.Select(d => new ModelCountDelta(d.ModelId, d.Inferences, d.Fees)));
        _durableModelBatch = _modelCounts.LastNumber; // every batch of a stored state is durable: sent at the next flush
        foreach (var model in saved.Models) // a state written before the per-model grains: moved at the next flush
        {
            _models.Add(model.Info.Id);
            _unsavedModels[model.Info.Id] = model.Info;
            _modelCounts.Add(model.Info.Id, model.InferenceCount, model.FeesCharged);
            _stateChanged = true;
        }
        var buckets = await Task.WhenAll(Enumerable.Range(0, IExplorerStandingsBucketGrain.Buckets).Select(b => StandingsBucket(b).GetAsync()));
        foreach (var standing in buckets.SelectMany(b => b.Standings)) _leaderboard.Restore(Restored(standing));
        foreach (var datanet in saved.Datanets) _ = DatanetChangedAsync(datanet); // a state written before the per-Datanet grains: moved at the next flush
        var legacyStandings = new List<LeaderboardStanding>(); // a state written before the buckets: moved at the next flush
        foreach (var standing in saved.Standings.Where(s => _leaderboard.Find(s.Account) is null))
        {
            _leaderboard.Restore(Restored(standing));
            legacyStandings.Add(_leaderboard.Find(standing.Account)!);
            _stateChanged = true;
        }
        if (legacyStandings.Count > 0) _standings.Add(legacyStandings, 1, Math.Max(1, saved.LastSequence));
        _lastSequence = saved.LastSequence;
        _feesCharged = saved.FeesCharged;
        _lastEarningsBatch = saved.LastEarningsBatch;
        _events = new ExplorerEventLog<ExplorerEventRecord>(e => e.Summary.Sequence, e => e.EstimatedBytes, saved.FlushedThroughPage, saved.LastEventPage, saved.LastSequence);
        _recordedIndex = saved.RecordedIds;
        _idPagesSequence = saved.IdPagesSequence;
        _recordedIds = new RecordedIdPages($"explorer-catalog:{this.GetPrimaryKeyString()}", artifacts, options.Value.RecordedIdPeriod, saved.RecordedIds);
        _recent = new RecentWindow<InferenceSummary>(options.Value.RecentInferences, s => s.InferenceId);
        var sealedStages = await Task.WhenAll(recorded.State.SealedStages.Select(async key => RecordedIdFilterStage.FromBytes(await artifacts.GetAsync(key, cancellationToken))));
        var newest = RecordedIdFilterStage.FromBytes(recorded.State.Filter);
        _recorded = new RecordedIdFilter([.. sealedStages, newest]);
        _recordedChanged = newest is { IsLegacy: true }; // a filter from before stages: stored as the first sealed stage at the next flush
        await ReloadRecentAsync();
        var replayed = await ReplayAsync(buckets);
        foreach (var summary in _recent.NewestFirst()) _recorded.Add(summary.InferenceId); // the window outlives a lost flush of the filter
        var period = options.Value.FlushInterval;
        this.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(period, period));
        if (replayed) this.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)); // deliver them now
    }

    private static LeaderboardStanding Restored(StoredStanding standing) => new(standing.Account, standing.Role, standing.Earned, standing.Payments);

    /// <summary>
    /// Reads back the event pages the stored state names but has not recorded flushed: their events are committed (and
    /// acknowledged) but some receiver may lack them. Re-credits the leaderboard with the postings its buckets do not
    /// hold (above each bucket's sequence number) and queues every event's feed line and earnings again (their pages
    /// and the account histories ignore what they hold). True when there were such events.
    /// </summary>
    private async Task<bool> ReplayAsync(IReadOnlyList<StoredStandingsBucket> buckets)
    {
        var (from, to) = _events.OwedPages;
        if (from > to) return false;
        var pages = await Task.WhenAll(Enumerable.Range(0, (int)(to - from + 1)).Select(async i =>
            new ExplorerEventPage<ExplorerEventRecord>(from + i, await EventPage(from + i).GetAsync())));
        var events = _events.Replay(pages);
        if (events.Count == 0) return false;
        var newestInWindow = _recent.NewestFirst().FirstOrDefault()?.Sequence ?? 0;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Summary.Sequence > newestInWindow) _recent.Add(e.Summary);
            _recorded.Add(e.Summary.InferenceId);
            foreach (var credit in e.Credits.Where(c => e.Summary.Sequence > buckets[IExplorerStandingsBucketGrain.BucketOf(c.Account)].ThroughSequence))
            {
                _leaderboard.Credit(credit.Account, credit.Code, credit.Amount);
                changed.Add(credit.Account);
            }
            QueueDeliveries(e);
        }
        _standings.Add(changed.Select(a => _leaderboard.Find(a)!), events[0].Summary.Sequence, _events.CommittedThroughSequence);
        logger.LogInformation("The explorer catalog replayed {Events} committed events of pages {From} to {To}", events.Count, from, to);
        return true;
    }

    /// <summary>Queues a committed event's feed line and what it earned each account.</summary>
    private void QueueDeliveries(ExplorerEventRecord e)
    {
        _unsentFeed.Add(e.Summary);
        var second = e.Summary.CompletedAt.ToUnixTimeSeconds();
        foreach (var credit in e.Credits) _earnings.Add(credit.Account, e.Summary.Sequence, second, credit.Amount);
    }

    /// <summary>
    /// Flushes once more, unless the whole cluster is stopping: with no other active silo the flush's receivers (Datanet and
    /// model entries, directory pages, buckets, feed pages) cannot be placed anywhere, and nothing needs them now — committed
    /// events are replayed at the next activation, uncommitted ones are not acknowledged (their inferences deliver them
    /// again), Datanet and model notices are best effort.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (shutdown.IsWholeClusterStopping(reason))
        {
            logger.LogInformation("The explorer catalog is not flushed at shutdown (no other silo is active): {Pages} committed event pages are delivered at its next activation, {Pending} uncommitted events by their inferences",
                _events.LastPage - _events.DurableFlushedThroughPage, _events.PendingCount);
            return;
        }
        try
        {
            await FlushAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The explorer catalog could not be written on deactivation");
        }
    }

    public Task DatanetChangedAsync(DatanetCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _datanets.Add(entry.Info.Id);
        _unsavedDatanets[entry.Info.Id] = entry;
        _stateChanged = true;
        return Task.CompletedTask;
    }

    public Task ModelRegisteredAsync(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _models.Add(model.Id);
        _unsavedModels[model.Id] = model;
        _stateChanged = true;
        return Task.CompletedTask;
    }

    public async Task InferenceRecordedAsync(InferenceRecorded inference)
    {
        ArgumentNullException.ThrowIfNull(inference);
        ArgumentException.ThrowIfNullOrEmpty(inference.InferenceId);
        if (_modelCounts.IsFull || _events.IsFull) // the models' entries or the other receivers are not taking what is owed: the sender retries later
            throw OpenLedgerException.NotReady("explorer.catching_up", "The explorer is catching up with what it owes its pages; retry later.");
        // A repeat changes nothing, but is acknowledged only once the first delivery's write is durable too.
        if (await _recordedIds.TryAddAsync(inference.InferenceId, inference.CompletedAt)) Apply(inference); // same turn as the add
        await _writes.RunAsync(() => PersistAsync(full: false)); // the commit; its deliveries and the filter (a hint) wait for the timer
    }

    private void Apply(InferenceRecorded inference)
    {
        var charged = inference.Postings.Sum(p => p.Amount);
        var summary = new InferenceSummary(++_lastSequence, inference.InferenceId, inference.ModelId, inference.DatanetId,
            inference.PredictedClass, charged, inference.ContributionCount, inference.Postings.Select(p => p.CreditAccount).Distinct().Count(), inference.CompletedAt);
        _recent.Add(summary);
        _recorded.Add(inference.InferenceId);
        _recordedChanged = true;
        _feesCharged += charged;
        if (_models.Ids.Contains(inference.ModelId)) _modelCounts.Add(inference.ModelId, 1, charged);
        foreach (var posting in inference.Postings) _leaderboard.Credit(posting.CreditAccount, posting.Code, posting.Amount);
        _events.Append(new ExplorerEventRecord(summary, inference.Postings.Select(p => new ExplorerCredit(p.CreditAccount, p.Code, p.Amount)).ToList()));
        _stateChanged = true;
    }

    public async Task<ExplorerOverview> GetOverviewAsync(int datanetPage, int modelPage, int pageSize)
    {
        if (datanetPage < 1 || modelPage < 1 || pageSize < 1 || pageSize > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"Pages must be 1 or more and the page size between 1 and {MaxPageSize}.");
        var datanets = (await Task.WhenAll(PageOf(_datanets.Ids, datanetPage, pageSize).Select(EntryAsync))).OfType<DatanetCatalogEntry>().ToList();
        var models = (await Task.WhenAll(PageOf(_models.Ids, modelPage, pageSize).Select(ModelEntryAsync))).OfType<ModelCatalogEntry>().ToList();
        return new ExplorerOverview(_lastSequence, _feesCharged, _leaderboard.Count, datanets, models, _datanets.Ids.Count, _models.Ids.Count);
    }

    public async Task<ExplorerSearchResult> SearchAsync(string query, int limit)
    {
        var q = query?.Trim() ?? "";
        if (q.Length is 0 or > ExplorerSearchResult.MaxQueryLength)
            throw OpenLedgerException.Validation("search.query", $"Search for 1 to {ExplorerSearchResult.MaxQueryLength} characters of a Datanet or model id.");
        if (limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.limit", $"The limit must be between 1 and {MaxPageSize}.");
        var datanetIds = _datanets.Ids.Where(id => id.Contains(q, StringComparison.OrdinalIgnoreCase)).ToList();
        var modelIds = _models.Ids.Where(id => id.Contains(q, StringComparison.OrdinalIgnoreCase)).ToList();
        var datanets = (await Task.WhenAll(datanetIds.Take(limit).Select(EntryAsync))).OfType<DatanetCatalogEntry>().ToList();
        var models = (await Task.WhenAll(modelIds.Take(limit).Select(ModelEntryAsync))).OfType<ModelCatalogEntry>().ToList();
        return new ExplorerSearchResult(q, datanetIds.Count, datanets, modelIds.Count, models);
    }

    /// <summary>A Datanet's entry: the newest not yet flushed, else its stored one. Unknown ids are answered without activating anything.</summary>
    private Task<DatanetCatalogEntry?> EntryAsync(string datanetId)
    {
        if (_unsavedDatanets.TryGetValue(datanetId, out var unsaved) || _flushingDatanets.TryGetValue(datanetId, out unsaved)) return Task.FromResult<DatanetCatalogEntry?>(unsaved);
        if (!_datanets.Ids.Contains(datanetId)) return Task.FromResult<DatanetCatalogEntry?>(null);
        return GrainFactory.GetGrain<IExplorerDatanetGrain>(PartKey(datanetId)).GetAsync();
    }

    /// <summary>A model's entry: its stored entry with the newest info not yet flushed and the counts still owed to it.
    /// Unknown ids are answered without activating anything.</summary>
    private async Task<ModelCatalogEntry?> ModelEntryAsync(string modelId)
    {
        if (!_models.Ids.Contains(modelId)) return null;
        var stored = await ModelPart(modelId).GetAsync();
        var info = _unsavedModels.GetValueOrDefault(modelId) ?? _flushingModels.GetValueOrDefault(modelId) ?? stored.Info;
        if (info is null) return null;
        var (inferences, fees) = _modelCounts.OwedTo(modelId, appliedThrough: stored.LastBatch);
        return new ModelCatalogEntry(info, stored.InferenceCount + inferences, stored.FeesCharged + fees);
    }

    /// <summary>The key of one of this catalog's parts (a Datanet entry, a directory page, a standings bucket).</summary>
    private string PartKey(object part) => $"{this.GetPrimaryKeyString()}|{part}";

    private IExplorerModelGrain ModelPart(string modelId) => GrainFactory.GetGrain<IExplorerModelGrain>(PartKey($"model:{modelId}"));

    private IExplorerStandingsBucketGrain StandingsBucket(int bucket) => GrainFactory.GetGrain<IExplorerStandingsBucketGrain>(PartKey(bucket));

    private IExplorerEventPageGrain EventPage(long page) => GrainFactory.GetGrain<IExplorerEventPageGrain>(PartKey($"events:{page}"));

    /// <summary>Page <paramref name="page"/> (1 = first) of ids in order.</summary>
    private static List<string> PageOf(SortedSet<string> ids, int page, int pageSize) =>
        ids.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize)).Take(pageSize).ToList();

    public Task<DatanetCatalogEntry?> GetDatanetAsync(string datanetId) => EntryAsync(datanetId ?? "");

    public Task<ModelCatalogEntry?> GetModelAsync(string modelId) => ModelEntryAsync(modelId ?? "");

    public async Task<InferenceFeedPage> GetFeedAsync(int page, int pageSize)
    {
        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"The page must be 1 or more and the page size between 1 and {MaxPageSize}.");
        var total = _lastSequence;
        var newest = total - (long)(page - 1) * pageSize;
        var oldest = Math.Max(1, newest - pageSize + 1);
        if (newest < 1) return new InferenceFeedPage(total, page, pageSize, []);

        // The recent window holds the newest sequence numbers; older ones are read from their stored pages.
        var items = new List<InferenceSummary>(pageSize);
        var firstInWindow = _recent.Oldest?.Sequence ?? total + 1;
        if (newest >= firstInWindow)
            items.AddRange(_recent.NewestFirst().SkipWhile(s => s.Sequence > newest).TakeWhile(s => s.Sequence >= oldest));
        if (oldest < firstInWindow)
        {
            var stored = await ReadStoredAsync(oldest, Math.Min(newest, firstInWindow - 1));
            items.AddRange(stored.OrderByDescending(s => s.Sequence));
        }
        return new InferenceFeedPage(total, page, pageSize, items);
    }

    public Task<bool> MayHaveRecordedAsync(string inferenceId) => Task.FromResult(_recorded.MayContain(inferenceId ?? ""));

    public Task<LeaderboardPage> GetLeaderboardAsync(int offset, int limit) =>
        Task.FromResult(LeaderboardPageOf(null, offset, limit, _leaderboard.Count, _leaderboard.TotalEarned));

    public Task<LeaderboardPage> GetRoleLeaderboardAsync(string role, int offset, int limit)
    {
        if (string.IsNullOrEmpty(role) || !role.StartsWith("fee.", StringComparison.Ordinal) || role.Length > 64)
            throw OpenLedgerException.Validation("leaderboard.role", "A role is a fee posting code such as 'fee.contributor'.");
        return Task.FromResult(LeaderboardPageOf(role, offset, limit, _leaderboard.CountOf(role), _leaderboard.TotalEarnedOf(role)));
    }

    private LeaderboardPage LeaderboardPageOf(string? role, int offset, int limit, int accounts, long earned)
    {
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"The offset must be 0 or more and the limit between 1 and {MaxPageSize}.");
        var entries = _leaderboard.Page(offset, limit, role)
            .Select((s, i) => new LeaderboardEntry(offset + i + 1, s.Account, s.Role, s.Earned, s.Payments))
            .ToList();
        return new LeaderboardPage(accounts, earned, entries);
    }

    public Task<LeaderboardEntry?> GetStandingAsync(string account)
    {
        var standing = _leaderboard.Find(account ?? "");
        return Task.FromResult(standing is null ? null
            : new LeaderboardEntry(_leaderboard.RankOf(standing.Account), standing.Account, standing.Role, standing.Earned, standing.Payments));
    }

    /// <summary>One flush at a time: a caller during a flush waits for it and then flushes what arrived since.</summary>
    public async Task FlushAsync()
    {
        await _writes.RunAsync(() => PersistAsync(full: true));
        await _modelSends.RunAsync(SendModelCountsAsync);
        await _deliveries.RunAsync(DeliverAsync);
        _events.MarkDelivered(DeliveredThroughSequence());
        // Batches the models acknowledged leave the stored outbox and the delivered event pages are recorded flushed (then
        // deleted) now — a write only when some were — so a flush leaves the catalog settled: nothing is written again
        // until new events arrive.
        await _writes.RunAsync(() => PersistAsync(full: false));
    }

    /// <summary>
    /// Writes the catalog's state (with the recorded ids' index); when <paramref name="full"/>, first the Datanet and
    /// model entries and the directory pages it counts, and after it the recorded-id filter. A state write is a commit:
    /// first the event pages of the events applied since the last commit, then the state naming the newest page, in the
    /// same write as those events' ids and counts. Once it is durable the events are queued for delivery.
    /// </summary>
    private async Task PersistAsync(bool full)
    {
        // Everything below is taken synchronously, before the first await: the events this write commits, their ids, the
        // counters and the standings as of exactly those events. Events arriving meanwhile wait for the next commit.
        var datanets = full ? _unsavedDatanets : new Dictionary<string, DatanetCatalogEntry>(StringComparer.Ordinal);
        if (full) _unsavedDatanets = new(StringComparer.Ordinal);
        _flushingDatanets = datanets;
        var models = full ? _unsavedModels : new Dictionary<string, ModelInfo>(StringComparer.Ordinal);
        if (full) _unsavedModels = new(StringComparer.Ordinal);
        _flushingModels = models;
        var (directoryFrom, newIds) = full ? _datanets.Unsaved() : (0, []);
        var (modelDirectoryFrom, newModelIds) = full ? _models.Unsaved() : (0, []);
        if (full && _modelCounts.Seal() is not null) _stateChanged = true; // sent to the models once a state holding it is durable
        var pages = _events.Take();
        var ids = _recordedIds.TakeUnsaved();
        var snapshot = Snapshot();
        var standings = pages.SelectMany(p => p.Events).SelectMany(e => e.Credits).Select(c => c.Account).Distinct(StringComparer.Ordinal)
            .Select(a => _leaderboard.Find(a)!).ToList();
        var flushed = _events.DeliveredThroughPage;
        var write = _stateChanged || pages.Count > 0 || ids.Count > 0 || newIds.Count > 0 || newModelIds.Count > 0 || flushed > _events.DurableFlushedThroughPage;
        var superseded = new List<string>();
        try
        {
            // The parts first, then the catalog's state that counts the directory slots they hold.
            await Task.WhenAll(datanets.Select(d => GrainFactory.GetGrain<IExplorerDatanetGrain>(PartKey(d.Key)).SetAsync(d.Value)));
            await Task.WhenAll(models.Select(m => ModelPart(m.Key).SetInfoAsync(m.Value)));
            await _datanets.WriteAsync(directoryFrom, newIds);
            await _models.WriteAsync(modelDirectoryFrom, newModelIds);
            if (write)
            {
                _stateChanged = false;
                await Task.WhenAll(pages.Select(p => EventPage(p.Number).PutAsync(p.Events)));
                snapshot.DatanetCount = _datanets.Saved;
                snapshot.ModelCount = _models.Saved;
                snapshot.LastEventPage = pages.Count > 0 ? pages[^1].Number : _events.LastPage;
                snapshot.FlushedThroughPage = flushed;
                if (ids.Count > 0)
                {
                    var (index, replaced) = await _recordedIds.PrepareAsync(ids, ++_idPagesSequence);
                    snapshot.RecordedIds = index;
                    superseded = replaced;
                }
                snapshot.IdPagesSequence = _idPagesSequence;
                state.State = snapshot;
                await state.WriteStateAsync(); // the commit point
            }
        }
        catch
        {
            foreach (var (id, entry) in datanets) _unsavedDatanets.TryAdd(id, entry); // unless a newer one arrived meanwhile
            foreach (var (id, info) in models) _unsavedModels.TryAdd(id, info);
            _stateChanged = true;
            _recordedIds.ReturnUnsaved(ids);
            _events.Return(pages); // under new page numbers next time: a page a stored state may name is never rewritten
            throw;
        }
        finally
        {
            _flushingDatanets = new(StringComparer.Ordinal);
            _flushingModels = new(StringComparer.Ordinal);
        }

        var deletable = Array.Empty<long>() as IReadOnlyList<long>;
        if (write)
        {
            // Synchronously with the commit: what is queued for delivery is exactly what is committed.
            _durableModelBatch = Math.Max(_durableModelBatch, snapshot.ModelBatchNumber);
            if (ids.Count > 0)
            {
                _recordedIndex = snapshot.RecordedIds;
                _recordedIds.Commit(snapshot.RecordedIds);
            }
            _events.Commit(pages);
            foreach (var e in pages.SelectMany(p => p.Events)) QueueDeliveries(e);
            if (pages.Count > 0) _standings.Add(standings, pages[0].Events[0].Summary.Sequence, pages[^1].Events[^1].Summary.Sequence);
            deletable = _events.FlushRecorded(flushed);
        }
        foreach (var key in superseded) await DeleteQuietlyAsync(key);
        await Task.WhenAll(deletable.Select(ClearEventPageQuietlyAsync));
        if (_recordedChanged && full) await WriteRecordedFilterAsync();
    }

    private async Task WriteRecordedFilterAsync()
    {
        _recordedChanged = false;
        try
        {
            var active = _recorded.Active;
            var sealedStages = _recorded.Stages.Where(stage => stage != active).ToList();
            var keys = recorded.State.SealedStages;
            for (var stage = keys.Count; stage < sealedStages.Count; stage++) keys.Add(await artifacts.PutAsync(sealedStages[stage].ToBytes())); // each sealed stage once
            recorded.State.Filter = active?.ToBytes() ?? [];
            await recorded.WriteStateAsync();
        }
        catch
        {
            _recordedChanged = true;
            throw;
        }
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await artifacts.DeleteAsync(key);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Superseded page {Key} of the explorer's recorded ids was not deleted", key);
        }
    }

    private async Task ClearEventPageQuietlyAsync(long page)
    {
        try
        {
            await EventPage(page).ClearAsync();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Flushed page {Page} of the explorer's event log was not deleted", page);
        }
    }

    /// <summary>Sends the models the count batches held by a durable state, in order: a batch leaves the outbox once every
    /// model of it applied it; a failure stops the round (a later batch must not overtake it) and is retried at the next flush.</summary>
    private async Task SendModelCountsAsync()
    {
        foreach (var batch in _modelCounts.Sealed.Where(b => b.Number <= _durableModelBatch).ToList())
        {
            try
            {
                await Task.WhenAll(batch.Deltas.Select(d => ModelPart(d.ModelId).AddCountsAsync(batch.Number, d.Inferences, d.Fees)));
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Explorer model counts of batch {Batch} were not written; retried at the next flush", batch.Number);
                return;
            }
            _modelCounts.Acknowledge(batch.Number);
            _stateChanged = true; // the next write drops it (until then a resend is ignored by the models)
        }
    }

    /// <summary>Delivers the committed events: standings to their buckets, feed lines to their pages, earnings to the
    /// accounts' histories. Each receiver ignores what it holds, so a failure is simply retried at the next flush.</summary>
    private async Task DeliverAsync()
    {
        await Task.WhenAll(SendStandingsAsync(), SendFeedAsync(), SendEarningsAsync());
    }

    private async Task SendStandingsAsync()
    {
        var through = _standings.ThroughSequence;
        var failures = 0;
        await Task.WhenAll(_standings.Owed.ToList().GroupBy(s => IExplorerStandingsBucketGrain.BucketOf(s.Account)).Select(async bucket =>
        {
            try
            {
                await StandingsBucket(bucket.Key).UpsertAsync(bucket.Select(s => new StoredStanding(s.Account, s.Role, s.Earned, s.Payments)).ToList(), through);
                _standings.Written(bucket);
            }
            catch (Exception e)
            {
                if (failures++ == 0) logger.LogWarning(e, "Explorer standings of bucket {Bucket} were not written; retried at the next flush", bucket.Key);
            }
        }));
    }

    /// <summary>Appends the committed feed lines to their pages in order (a failure stops the round).</summary>
    private async Task SendFeedAsync()
    {
        var sent = 0;
        try
        {
            foreach (var pageItems in _unsentFeed.ToList().GroupBy(s => (s.Sequence - 1) / IInferenceFeedPageGrain.Size))
            {
                var items = pageItems.ToList();
                await GrainFactory.GetGrain<IInferenceFeedPageGrain>(pageItems.Key, this.GetPrimaryKeyString(), null).AppendAsync(items);
                sent += items.Count;
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Explorer feed lines were not written; retried at the next flush");
        }
        _unsentFeed.RemoveRange(0, sent); // commits only append: the lines sent are the first ones
    }

    /// <summary>Sends each account the earnings owed to it, oldest first (failures are retried at the next flush).</summary>
    private async Task SendEarningsAsync()
    {
        var failures = 0;
        foreach (var (account, earnings) in _earnings.Owed())
        {
            try
            {
                foreach (var chunk in earnings.Chunk(MaxEarningsPerCall))
                {
                    await GrainFactory.GetGrain<IExplorerAccountGrain>(ExplorerIds.AccountKey(this.GetPrimaryKeyString(), account))
                        .AddEarningsAsync(chunk.Select(e => new EarningsDelta(DateTimeOffset.FromUnixTimeSeconds(e.UnixSecond), e.Amount, e.Sequence)).ToList());
                    _earnings.Acknowledge(account, chunk[^1].Sequence);
                }
            }
            catch (Exception e)
            {
                if (failures++ == 0) logger.LogWarning(e, "Explorer earnings of {Account} were not written; retried at the next flush", account);
            }
        }
    }

    /// <summary>The newest sequence number every receiver holds, with every one before it.</summary>
    private long DeliveredThroughSequence()
    {
        var oldestOwed = Math.Min(_unsentFeed.Count > 0 ? _unsentFeed[0].Sequence : long.MaxValue,
            Math.Min(_standings.OldestOwedSequence, _earnings.OldestOwedSequence));
        return oldestOwed == long.MaxValue ? _events.CommittedThroughSequence : Math.Min(oldestOwed - 1, _events.CommittedThroughSequence);
    }

    private ExplorerCatalogState Snapshot() => new()
    {
        RecordedIds = _recordedIndex,
        IdPagesSequence = _idPagesSequence,
        DatanetCount = _datanets.Saved,
        ModelCount = _models.Saved,
        ModelBatchNumber = _modelCounts.LastNumber,
        OwedModelBatches = _modelCounts.Sealed.Select(b => new StoredModelCountBatch(b.Number, b.Deltas.Select(Stored).ToList())).ToList(),
        OwedModelCounts = _modelCounts.Accumulating.Select(Stored).ToList(),
        LastSequence = _lastSequence,
        FeesCharged = _feesCharged,
        LastEarningsBatch = _lastEarningsBatch,
    };

    private static StoredModelCountDelta Stored(ModelCountDelta delta) => new(delta.ModelId, delta.Inferences, delta.Fees);

    /// <summary>Refills the recent window from the newest stored pages, so repeats stay recognised across activations.</summary>
    private async Task ReloadRecentAsync()
    {
        if (_lastSequence == 0) return;
        var from = Math.Max(1, _lastSequence - _recent.Capacity + 1);
        foreach (var summary in await ReadStoredAsync(from, _lastSequence)) _recent.Add(summary);
    }

    private async Task<List<InferenceSummary>> ReadStoredAsync(long fromSequence, long toSequence)
    {
        var items = new List<InferenceSummary>();
        for (var page = (fromSequence - 1) / IInferenceFeedPageGrain.Size; page <= (toSequence - 1) / IInferenceFeedPageGrain.Size; page++)
            items.AddRange(await GrainFactory.GetGrain<IInferenceFeedPageGrain>(page, this.GetPrimaryKeyString(), null).GetRangeAsync(fromSequence, toSequence));
        return items;
    }
}
