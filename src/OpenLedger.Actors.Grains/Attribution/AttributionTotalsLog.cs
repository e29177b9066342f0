using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// A model's influence totals and the inferences they include, persisted as deltas so stored bytes grow linearly with
/// inferences (issue 13, item 4). A flush writes a delta page (only the rows changed since the last one, with their new
/// values) and the id chunks of the inferences recorded since (<see cref="RecordedIdPages"/>), then the state naming them.
/// Once the deltas together are as large as the base, or number <see cref="AttributionOptions.MaxTotalsDeltas"/>, a flush
/// compacts instead: one new base page holds every row and the deltas go. So the rows' pages never hold more than about
/// twice the base (bounded by the model's row count, not by traffic), a compaction's rewrite is paid for by at least as
/// many delta bytes, and the ids' pages grow by 16 bytes per inference. Artifacts a write supersedes (old base, folded deltas, merged id chunks, rewritten id
/// directories) are deleted once that write is durable, never before, so storage always holds what the state names.
/// Restoring reads the base, overlays the deltas in order and leaves the id pages in storage (read per period on demand).
/// </summary>
/// <remarks>
/// <para>Rows and ids are taken for a flush together, on the grain's turn, so every stored state counts exactly the
/// inferences whose ids it lists: after a crash, an inference is either in both or in neither.</para>
/// <para>Dedupe: why per-period id pages, not a sequence from the sender. Each inference is its own grain, so there is no
/// sender-side sequence to compare against; and its outbox delivers until acknowledged, so a repeat (a lost
/// acknowledgement, a crash before the acknowledgement was stored) is possible at any later time, if rarely long after.
/// The pages keep every id exactly (128-bit fingerprints, <see cref="Domain.Delivery.RecordedIdFingerprint"/>), in memory
/// only for the newest two periods of <see cref="AttributionOptions.RecordedIdPeriod"/> — where repeats almost always
/// fall — and read from storage for an older one.</para>
/// <para>A failed write leaves the log as it was before the flush (the caller should drop the activation: the
/// storage's ETag may have moved); the pages that write put are left behind unreferenced — at most one flush's worth,
/// only when storage fails.</para>
/// </remarks>
public sealed class AttributionTotalsLog
{
    private readonly string _owner;
    private readonly IArtifactStore _artifacts;
    private readonly int _maxDeltas;
    private readonly InfluenceTotals _totals = new();
    private readonly RecordedIdPages _ids;
    private AttributionState _committed;

    private AttributionTotalsLog(string owner, IArtifactStore artifacts, AttributionState saved, TimeSpan idPeriod, int maxDeltas)
    {
        _owner = owner;
        _artifacts = artifacts;
        _maxDeltas = maxDeltas;
        _committed = Copy(saved);
        _ids = new RecordedIdPages(owner, artifacts, idPeriod, saved.RecordedIds);
    }

    /// <summary>Reads the base and the deltas of <paramref name="saved"/>.</summary>
    public static async Task<AttributionTotalsLog> RestoreAsync(string owner, IArtifactStore artifacts, AttributionState saved, TimeSpan idPeriod, int maxDeltas,
        CancellationToken cancellationToken = default)
    {
        var log = new AttributionTotalsLog(owner, artifacts, saved, idPeriod, maxDeltas);
        foreach (var key in (saved.BaseKey is { } b ? [b] : Array.Empty<string>()).Concat(saved.DeltaKeys))
            log._totals.Load(AttributionTotalsArtifact.Decode(await artifacts.GetAsync(key, cancellationToken)));
        return log;
    }

    public bool HasUnsavedChanges => _totals.HasUnsavedChanges || _ids.HasUnsaved;

    /// <summary>The number of distinct inferences recorded.</summary>
    public long InferenceCount => _ids.Count;

    /// <summary>How many periods' recorded ids are in memory (the newest two, plus any a late delivery loaded since the last flush).</summary>
    public int LoadedIdPeriods => _ids.LoadedPeriods;

    /// <summary>What the last successful flush stored (a copy).</summary>
    public AttributionState Committed => Copy(_committed);

    public IReadOnlyList<RowTotal> Top(int count) => _totals.Top(count);

    /// <summary>Adds one inference's influences, once per inference id (<paramref name="recordedAt"/>: the time its sender
    /// recorded with it, which files the id under its period). False, and nothing changes, for an id already recorded.</summary>
    public async Task<bool> RecordAsync(string inferenceId, DateTimeOffset recordedAt, IEnumerable<(long RowId, string Contributor, double Score)> influences)
    {
        var entries = InfluenceTotals.Validate(influences);
        if (!await _ids.TryAddAsync(inferenceId, recordedAt)) return false;
        _totals.Add(entries); // same turn as the id's add: a flush takes both or neither
        return true;
    }

    /// <summary>
    /// Writes what changed (see the type's summary) and the state naming it through <paramref name="writeState"/>, then
    /// deletes what that state no longer names. Call one at a time.
    /// </summary>
    public async Task FlushAsync(Func<AttributionState, Task> writeState)
    {
        if (!HasUnsavedChanges) return;
        // Taken together on this turn, before the first await.
        var compact = _committed.BaseKey is null || _committed.DeltaKeys.Count >= _maxDeltas || _committed.DeltaBytes >= _committed.BaseBytes;
        var rows = compact ? _totals.All() : null;
        var changed = _totals.TakeChanges();
        var ids = _ids.TakeUnsaved();
        var superseded = new List<string>();
        try
        {
            var next = Copy(_committed);
            next.Sequence++;
            if (compact)
            {
                var page = AttributionTotalsArtifact.Encode(_owner, next.Sequence, rows!);
                next.BaseKey = await _artifacts.PutAsync(page);
                next.BaseBytes = page.Length;
                if (_committed.BaseKey is { } oldBase) superseded.Add(oldBase);
                superseded.AddRange(_committed.DeltaKeys);
                next.DeltaKeys = [];
                next.DeltaBytes = 0;
            }
            else if (changed.Count > 0)
            {
                var page = AttributionTotalsArtifact.Encode(_owner, next.Sequence, changed);
                next.DeltaKeys.Add(await _artifacts.PutAsync(page));
                next.DeltaBytes += page.Length;
            }
            var (index, idsSuperseded) = await _ids.PrepareAsync(ids, next.Sequence);
            superseded.AddRange(idsSuperseded);
            next.RecordedIds = index;
            next.RecordedInferenceCount = index.Count;
            await writeState(Copy(next));

            _committed = next;
            _ids.Commit(index);
        }
        catch
        {
            _totals.ReturnChanges(changed);
            _ids.ReturnUnsaved(ids);
            throw;
        }
        try
        {
            foreach (var key in superseded.Distinct()) await _artifacts.DeleteAsync(key);
        }
        catch (Exception)
        {
            // The write is durable; an artifact left behind costs space only (nothing names it any more).
        }
    }

    private static AttributionState Copy(AttributionState state) => new()
    {
        BaseKey = state.BaseKey,
        DeltaKeys = [.. state.DeltaKeys],
        RecordedIds = state.RecordedIds.Copy(),
        RecordedInferenceCount = state.RecordedInferenceCount,
        Sequence = state.Sequence,
        BaseBytes = state.BaseBytes,
        DeltaBytes = state.DeltaBytes,
    };
}
