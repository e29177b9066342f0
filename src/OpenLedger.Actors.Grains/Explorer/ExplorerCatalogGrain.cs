using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Explorer;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// The explorer's read model. Events (a Datanet changed, a model registered, an inference recorded) update the
/// in-memory aggregates at once and synchronously — the leaderboard, per-model counts, the window of recent
/// inferences — and queue what goes to other grains. Every <see cref="ExplorerOptions.FlushInterval"/> (and on
/// deactivation, or when asked) the flush writes what changed where it is stored — each changed Datanet's entry to its
/// own grain (<see cref="IExplorerDatanetGrain"/>), new Datanet ids to the directory pages, changed standings to their
/// leaderboard buckets (<see cref="IExplorerStandingsBucketGrain"/>), each changed model's info to its own grain
/// (<see cref="IExplorerModelGrain"/>) — then the catalog's own small state (counters and the counts it owes the models),
/// appends the queued summaries to their feed pages, sends the models their counts and each paid account its earnings.
/// Nothing that grows with Datanets, models or accounts lives in the catalog's state; in memory it keeps the Datanet
/// and model ids (for the paged home lists) and the leaderboard. The grain is reentrant: only the flush awaits, and it
/// works on a snapshot taken before its first await, so events keep flowing while it writes.
/// </summary>
/// <remarks>
/// An inference is delivered from its grain's outbox until this grain acknowledges it, and it acknowledges only once the
/// write holding the inference's counts and its id is durable (concurrent deliveries share one write): a silo crash
/// loses no acknowledged inference. A repeat is recognised exactly, however late, by the pages of recorded ids
/// (<see cref="RecordedIdPages"/>, per period of the inference's completion time; the newest two periods in memory). Feed
/// lines are appended to their pages right after that write and account histories at the timer's flush (both retried
/// until they succeed; a crash in between can lose feed lines and history points, never counts). A model's counts are
/// owed in the same write as the ids they count (<see cref="ModelCountsOutbox"/>) and sent once that write is durable,
/// in numbered batches each model applies once.
/// </remarks>
[Reentrant]
public sealed class ExplorerCatalogGrain(
    [PersistentState("explorer-catalog", StorageNames.GrainState)] IPersistentState<ExplorerCatalogState> state,
    [PersistentState("explorer-recorded-inferences", StorageNames.GrainState)] IPersistentState<RecordedInferencesState> recorded,
    IOptions<ExplorerOptions> options,
    IArtifactStore artifacts,
    ILogger<ExplorerCatalogGrain> logger) : Grain, IExplorerCatalogGrain
{
    public const int MaxPageSize = 100;

    private ExplorerDirectory _datanets = null!;
    private ExplorerDirectory _models = null!;
    private Dictionary<string, ModelInfo> _unsavedModels = new(StringComparer.Ordinal);
    private Dictionary<string, ModelInfo> _flushingModels = new(StringComparer.Ordinal);
    private ModelCountsOutbox _modelCounts = new();
    private long _durableModelBatch;
    private Dictionary<string, DatanetCatalogEntry> _unsavedDatanets = new(StringComparer.Ordinal);
    private Dictionary<string, DatanetCatalogEntry> _flushingDatanets = new(StringComparer.Ordinal);
    private HashSet<string> _changedStandings = new(StringComparer.Ordinal);
    private readonly Leaderboard _leaderboard = new();
    private RecentWindow<InferenceSummary> _recent = null!;
    private RecordedIdFilter _recorded = null!;
    private RecordedIdPages _recordedIds = null!;
    private RecordedIdIndex _recordedIndex = new();
    private long _idPagesSequence;
    private bool _recordedChanged;
    private List<InferenceSummary> _unsavedFeed = [];
    private Dictionary<string, SortedDictionary<long, long>> _unsentEarnings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(long Batch, IReadOnlyList<EarningsDelta> Earnings)>> _inFlightEarnings = new(StringComparer.Ordinal);
    private long _lastSequence;
    private long _feesCharged;
    private long _lastEarningsBatch;
    private bool _stateChanged;
    private readonly OneWriteAtATime _writes = new();
    private readonly OneWriteAtATime _earningsSends = new();
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
        var buckets = await Task.WhenAll(Enumerable.Range(0, IExplorerStandingsBucketGrain.Buckets)
            .Select(b => GrainFactory.GetGrain<IExplorerStandingsBucketGrain>(PartKey(b)).GetAsync()));
        foreach (var standing in buckets.SelectMany(b => b)) _leaderboard.Restore(new LeaderboardStanding(standing.Account, standing.Role, standing.Earned, standing.Payments));
        foreach (var datanet in saved.Datanets) _ = DatanetChangedAsync(datanet); // a state written before the per-Datanet grains: moved at the next flush
        foreach (var standing in saved.Standings.Where(s => _leaderboard.Find(s.Account) is null))
        {
            _leaderboard.Restore(new LeaderboardStanding(standing.Account, standing.Role, standing.Earned, standing.Payments));
            _changedStandings.Add(standing.Account);
            _stateChanged = true;
        }
        _lastSequence = saved.LastSequence;
        _feesCharged = saved.FeesCharged;
        _lastEarningsBatch = saved.LastEarningsBatch;
        _recordedIndex = saved.RecordedIds;
        _idPagesSequence = saved.IdPagesSequence;
        _recordedIds = new RecordedIdPages($"explorer-catalog:{this.GetPrimaryKeyString()}", artifacts, options.Value.RecordedIdPeriod, saved.RecordedIds);
        _recent = new RecentWindow<InferenceSummary>(options.Value.RecentInferences, s => s.InferenceId);
        var sealedStages = await Task.WhenAll(recorded.State.SealedStages.Select(async key => RecordedIdFilterStage.FromBytes(await artifacts.GetAsync(key, cancellationToken))));
        var newest = RecordedIdFilterStage.FromBytes(recorded.State.Filter);
        _recorded = new RecordedIdFilter([.. sealedStages, newest]);
        _recordedChanged = newest is { IsLegacy: true }; // a filter from before stages: stored as the first sealed stage at the next flush
        await ReloadRecentAsync();
        foreach (var summary in _recent.NewestFirst()) _recorded.Add(summary.InferenceId); // the window outlives a lost flush of the filter
        var period = options.Value.FlushInterval;
        this.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(period, period));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
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
        if (_modelCounts.IsFull) // the models' entries are not taking their counts: the sender retries later
            throw OpenLedgerException.NotReady("explorer.catching_up", "The explorer is catching up with the counts it owes models; retry later.");
        // A repeat changes nothing, but is acknowledged only once the first delivery's write is durable too.
        if (await _recordedIds.TryAddAsync(inference.InferenceId, inference.CompletedAt)) Apply(inference); // same turn as the add
        await _writes.RunAsync(() => PersistAsync(full: false)); // the feed lines and the 128 KiB filter (a hint) wait for the timer
    }

    private void Apply(InferenceRecorded inference)
    {
        var charged = inference.Postings.Sum(p => p.Amount);
        var summary = new InferenceSummary(++_lastSequence, inference.InferenceId, inference.ModelId, inference.DatanetId,
            inference.PredictedClass, charged, inference.ContributionCount, inference.Postings.Select(p => p.CreditAccount).Distinct().Count(), inference.CompletedAt);
        _recent.Add(summary);
        _recorded.Add(inference.InferenceId);
        _recordedChanged = true;
        _unsavedFeed.Add(summary);
        _feesCharged += charged;
        if (_models.Ids.Contains(inference.ModelId)) _modelCounts.Add(inference.ModelId, 1, charged);
        var second = inference.CompletedAt.ToUnixTimeSeconds();
        foreach (var posting in inference.Postings)
        {
            _leaderboard.Credit(posting.CreditAccount, posting.Code, posting.Amount);
            _changedStandings.Add(posting.CreditAccount);
            if (!_unsentEarnings.TryGetValue(posting.CreditAccount, out var earnings))
                _unsentEarnings[posting.CreditAccount] = earnings = new SortedDictionary<long, long>();
            earnings[second] = earnings.GetValueOrDefault(second) + posting.Amount;
        }
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

        // The recent window holds the newest sequence numbers (with a gap only where a crash lost events); older ones
        // are read from their stored pages.
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

    public Task<LeaderboardPage> GetLeaderboardAsync(int offset, int limit)
    {
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"The offset must be 0 or more and the limit between 1 and {MaxPageSize}.");
        var entries = _leaderboard.Page(offset, limit)
            .Select((s, i) => new LeaderboardEntry(offset + i + 1, s.Account, s.Role, s.Earned, s.Payments))
            .ToList();
        return Task.FromResult(new LeaderboardPage(_leaderboard.Count, _leaderboard.TotalEarned, entries));
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
        await _earningsSends.RunAsync(SendEarningsAsync);
        // Batches the models acknowledged leave the stored outbox now (a write only when some did), so a flush leaves the
        // catalog settled: nothing is written again until new events arrive.
        await _writes.RunAsync(() => PersistAsync(full: false));
    }

    /// <summary>Writes the catalog's state (with the recorded ids' index); when <paramref name="full"/>, also the recorded-id
    /// filter and the feed lines (the timer's flush: a delivery waits only for the state).</summary>
    private async Task PersistAsync(bool full)
    {
        // Everything below is taken synchronously, before the first await; events arriving meanwhile go to fresh queues.
        var feed = full ? _unsavedFeed : [];
        if (full) _unsavedFeed = [];
        var earnings = full ? _unsentEarnings : new(StringComparer.Ordinal); // batched per timer flush, not per delivery
        if (full) _unsentEarnings = new(StringComparer.Ordinal);
        var batch = earnings.Count > 0 ? ++_lastEarningsBatch : _lastEarningsBatch;
        // The parts (Datanet entries, directory pages, leaderboard buckets) go with the timer's flush only.
        var datanets = full ? _unsavedDatanets : new Dictionary<string, DatanetCatalogEntry>(StringComparer.Ordinal);
        if (full) _unsavedDatanets = new(StringComparer.Ordinal);
        _flushingDatanets = datanets;
        var models = full ? _unsavedModels : new Dictionary<string, ModelInfo>(StringComparer.Ordinal);
        if (full) _unsavedModels = new(StringComparer.Ordinal);
        _flushingModels = models;
        var (directoryFrom, newIds) = full ? _datanets.Unsaved() : (0, []);
        var (modelDirectoryFrom, newModelIds) = full ? _models.Unsaved() : (0, []);
        if (full && _modelCounts.Seal() is not null) _stateChanged = true; // sent to the models once a state holding it is durable
        var standings = full ? _changedStandings : new HashSet<string>(StringComparer.Ordinal);
        if (full) _changedStandings = new(StringComparer.Ordinal);
        foreach (var (account, bySecond) in earnings)
        {
            // Batches go to an account in order; one not yet confirmed is resent under its own number (the account
            // grain ignores a number it has applied), so a lost reply never counts earnings twice.
            if (!_inFlightEarnings.TryGetValue(account, out var queue)) _inFlightEarnings[account] = queue = new();
            queue.Enqueue((batch, bySecond.Select(e => new EarningsDelta(DateTimeOffset.FromUnixTimeSeconds(e.Key), e.Value)).ToList()));
        }

        var ids = _recordedIds.TakeUnsaved();
        var superseded = new List<string>();
        try
        {
            // The parts first, then the catalog's state that counts the directory slots they hold.
            await Task.WhenAll(datanets.Select(d => GrainFactory.GetGrain<IExplorerDatanetGrain>(PartKey(d.Key)).SetAsync(d.Value)));
            await Task.WhenAll(models.Select(m => ModelPart(m.Key).SetInfoAsync(m.Value)));
            await _datanets.WriteAsync(directoryFrom, newIds);
            await _models.WriteAsync(modelDirectoryFrom, newModelIds);
            await Task.WhenAll(standings.GroupBy(IExplorerStandingsBucketGrain.BucketOf).Select(bucket =>
                GrainFactory.GetGrain<IExplorerStandingsBucketGrain>(PartKey(bucket.Key)).UpsertAsync(bucket
                    .Select(a => _leaderboard.Find(a)).OfType<LeaderboardStanding>().Select(s => new StoredStanding(s.Account, s.Role, s.Earned, s.Payments)).ToList())));
            if (_stateChanged || earnings.Count > 0 || newIds.Count > 0 || newModelIds.Count > 0 || ids.Count > 0)
            {
                _stateChanged = false;
                var snapshot = Snapshot();
                if (ids.Count > 0)
                {
                    var (index, replaced) = await _recordedIds.PrepareAsync(ids, ++_idPagesSequence);
                    snapshot.RecordedIds = index;
                    superseded = replaced;
                }
                snapshot.IdPagesSequence = _idPagesSequence;
                state.State = snapshot;
                await state.WriteStateAsync();
                _durableModelBatch = Math.Max(_durableModelBatch, snapshot.ModelBatchNumber);
                if (ids.Count > 0)
                {
                    _recordedIndex = snapshot.RecordedIds;
                    _recordedIds.Commit(snapshot.RecordedIds);
                    ids = [];
                }
            }
            if (_recordedChanged && full)
            {
                _recordedChanged = false;
                var active = _recorded.Active;
                var sealedStages = _recorded.Stages.Where(stage => stage != active).ToList();
                var keys = recorded.State.SealedStages;
                for (var stage = keys.Count; stage < sealedStages.Count; stage++) keys.Add(await artifacts.PutAsync(sealedStages[stage].ToBytes())); // each sealed stage once
                recorded.State.Filter = active?.ToBytes() ?? [];
                await recorded.WriteStateAsync();
            }
            foreach (var pageItems in feed.GroupBy(s => (s.Sequence - 1) / IInferenceFeedPageGrain.Size))
                await GrainFactory.GetGrain<IInferenceFeedPageGrain>(pageItems.Key, this.GetPrimaryKeyString(), null).AppendAsync(pageItems.ToList());
            feed = [];
        }
        catch
        {
            foreach (var (id, entry) in datanets) _unsavedDatanets.TryAdd(id, entry); // unless a newer one arrived meanwhile
            foreach (var (id, info) in models) _unsavedModels.TryAdd(id, info);
            _changedStandings.UnionWith(standings);
            _stateChanged = true;
            _recordedChanged = true;
            _recordedIds.ReturnUnsaved(ids);
            _unsavedFeed.InsertRange(0, feed); // page appends are idempotent by sequence number: retry next time
            throw;
        }
        finally
        {
            _flushingDatanets = new(StringComparer.Ordinal);
            _flushingModels = new(StringComparer.Ordinal);
        }
        foreach (var key in superseded) await DeleteQuietlyAsync(key);
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

    /// <summary>Sends each account the earnings batches queued for it, in order (failures are retried at the next flush).</summary>
    private async Task SendEarningsAsync()
    {
        var failures = 0;
        foreach (var (account, queue) in _inFlightEarnings.ToList())
        {
            try
            {
                while (queue.TryPeek(out var next))
                {
                    await GrainFactory.GetGrain<IExplorerAccountGrain>(ExplorerIds.AccountKey(this.GetPrimaryKeyString(), account)).AddEarningsAsync(next.Batch, next.Earnings);
                    queue.Dequeue();
                }
                _inFlightEarnings.Remove(account);
            }
            catch (Exception e)
            {
                if (failures++ == 0) logger.LogWarning(e, "Explorer earnings of {Account} were not written; retried at the next flush", account);
            }
        }
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
