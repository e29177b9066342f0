using System.Buffers.Binary;
using OpenLedger.Actors.Domain.Delivery;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// Exactly which ids a receiver has recorded (so a repeated delivery is never counted twice), in bounded memory and in
/// storage that grows linearly with the ids. Each id is kept as its 128-bit <see cref="RecordedIdFingerprint"/> under the
/// period of the time its sender recorded with it (an inference's completion time, fixed in the same write as its
/// outbox): deliveries arrive close to that time, so only the sets of the newest two periods stay in memory; a late
/// delivery for an older period loads that period's pages, is checked exactly and the set is dropped again at the next
/// save. Pages are immutable chunks in the <see cref="IArtifactStore"/>: each save adds one chunk per period that
/// received ids; chunks of similar size are merged (binary-counter style, so a period holds O(log n) chunks and each id
/// is rewritten O(log n) times); a period older than the newest two is closed: its chunks merged into one, listed in
/// a directory of <see cref="PeriodsPerDirectory"/> periods. Merged and rewritten artifacts are deleted once the owner's
/// state naming their successors is written. Every artifact carries its owner and write sequence, so no two owners (nor
/// two writes) share content-addressed keys and a delete never touches someone else's artifact.
/// </summary>
/// <remarks>
/// Not thread-safe: used on one grain's scheduler. Between <see cref="TakeUnsaved"/> and <see cref="Commit"/> (or
/// <see cref="ReturnUnsaved"/>) new ids may arrive; they are kept apart and saved by the next flush.
/// </remarks>
public sealed class RecordedIdPages
{
    public const int PeriodsPerDirectory = 256;
    private const string ChunkMagic = "OLID";
    private const string DirectoryMagic = "OLIX";

    private readonly string _owner;
    private readonly IArtifactStore _artifacts;
    private readonly TimeSpan _period;
    private RecordedIdIndex _index;
    private readonly Dictionary<long, Task<HashSet<UInt128>>> _loaded = [];
    private Dictionary<long, List<UInt128>> _unsaved = [];
    private long _newest;
    private long _count;

    public RecordedIdPages(string owner, IArtifactStore artifacts, TimeSpan period, RecordedIdIndex? saved)
    {
        _owner = owner;
        _artifacts = artifacts;
        _period = period;
        _index = saved?.Copy() ?? new RecordedIdIndex();
        _count = _index.Count;
        _newest = _index.Open.Count == 0 ? long.MinValue + 2 : _index.Open.Max(o => o.Period);
    }

    /// <summary>How many distinct ids were recorded (saved or not).</summary>
    public long Count => _count;

    public bool HasUnsaved => _unsaved.Count > 0;

    /// <summary>How many periods' sets are in memory (bounded: the newest two, plus any a late delivery loaded since the last save).</summary>
    public int LoadedPeriods => _loaded.Count;

    /// <summary>Records the id under the period of <paramref name="at"/>; false if it was already recorded (nothing changes).</summary>
    public async Task<bool> TryAddAsync(string id, DateTimeOffset at)
    {
        var fingerprint = RecordedIdFingerprint.Of(id);
        var period = RecordedIdFingerprint.PeriodOf(at, _period);
        var set = await LoadedAsync(period);
        // Synchronous from here: a concurrent delivery of the same id (reentrant grain) sees this one's add.
        if (!set.Add(fingerprint)) return false;
        if (!_unsaved.TryGetValue(period, out var ids)) _unsaved[period] = ids = [];
        ids.Add(fingerprint);
        _count++;
        _newest = Math.Max(_newest, period);
        return true;
    }

    /// <summary>Whether the id was recorded under the period of <paramref name="at"/>.</summary>
    public async Task<bool> ContainsAsync(string id, DateTimeOffset at) =>
        (await LoadedAsync(RecordedIdFingerprint.PeriodOf(at, _period))).Contains(RecordedIdFingerprint.Of(id));

    /// <summary>Takes the ids recorded since the last take, for <see cref="PrepareAsync"/>.</summary>
    public Dictionary<long, List<UInt128>> TakeUnsaved()
    {
        var taken = _unsaved;
        _unsaved = [];
        return taken;
    }

    /// <summary>Gives back ids whose save failed, so the next one writes them.</summary>
    public void ReturnUnsaved(Dictionary<long, List<UInt128>> taken)
    {
        foreach (var (period, ids) in taken)
        {
            if (!_unsaved.TryGetValue(period, out var current)) _unsaved[period] = current = [];
            current.AddRange(ids);
        }
    }

    /// <summary>
    /// Writes the taken ids as chunks (and merges, closes and re-lists periods as the type describes) and answers the
    /// index to store with the owner's state, plus the artifacts it supersedes: delete those only after that state is
    /// written (<see cref="Commit"/>). Nothing here changes what the receiver has committed.
    /// </summary>
    public async Task<(RecordedIdIndex Index, List<string> Superseded)> PrepareAsync(Dictionary<long, List<UInt128>> taken, long sequence)
    {
        var index = _index.Copy();
        var superseded = new List<string>();
        var open = index.Open.ToDictionary(o => o.Period, o => o.Chunks.ToList());
        foreach (var (period, ids) in taken.OrderBy(t => t.Key))
        {
            if (!open.TryGetValue(period, out var chunks)) open[period] = chunks = [];
            chunks.Add(await PutChunkAsync(period, ids, sequence));
            index.Count += ids.Count;
            // Merge while the newest chunk is at least half the size of the one before it: sizes then at least double
            // going back, so a period holds O(log n) chunks.
            while (chunks.Count >= 2 && chunks[^1].Count * 2L >= chunks[^2].Count)
            {
                var merged = await MergeAsync(period, chunks[^2..], sequence, superseded);
                chunks.RemoveRange(chunks.Count - 2, 2);
                chunks.Add(merged);
            }
        }

        var newest = Math.Max(_newest, open.Count == 0 ? long.MinValue + 2 : open.Keys.Max());
        var closing = open.Keys.Where(p => p < newest - 1).Order().ToList();
        var directories = new Dictionary<long, Dictionary<long, IdChunk>>();
        foreach (var period in closing)
        {
            var group = Math.DivRem(period, PeriodsPerDirectory, out var r) - (r < 0 ? 1 : 0);
            if (!directories.TryGetValue(group, out var directory))
                directories[group] = directory = await ReadDirectoryAsync(index, group);
            var chunks = open[period];
            if (directory.TryGetValue(period, out var closed)) chunks.Insert(0, closed);
            directory[period] = chunks.Count == 1 ? chunks[0] : await MergeAsync(period, chunks, sequence, superseded);
            open.Remove(period);
        }
        foreach (var (group, directory) in directories)
        {
            var key = await PutDirectoryAsync(group, directory, sequence);
            var at = index.Directories.FindIndex(d => d.Group == group);
            if (at >= 0)
            {
                superseded.Add(index.Directories[at].Key);
                index.Directories[at] = new IdPeriodDirectory(group, key);
            }
            else index.Directories.Add(new IdPeriodDirectory(group, key));
        }
        index.Directories.Sort((a, b) => a.Group.CompareTo(b.Group));
        index.Open = open.OrderBy(o => o.Key).Select(o => new OpenIdPeriod(o.Key, o.Value)).ToList();
        return (index, superseded);
    }

    /// <summary>The owner's state naming <paramref name="index"/> is written: it becomes the committed index, and the sets of
    /// periods older than the newest two are dropped from memory (their pages answer a late delivery).</summary>
    public void Commit(RecordedIdIndex index)
    {
        _index = index.Copy();
        foreach (var period in _loaded.Keys.ToList())
            if (period < _newest - 1 && !_unsaved.ContainsKey(period) && _loaded[period].IsCompleted) _loaded.Remove(period);
    }

    /// <summary>The period's set as memory holds it now: a set dropped while its load was awaited is loaded again.</summary>
    private async Task<HashSet<UInt128>> LoadedAsync(long period)
    {
        while (true)
        {
            var loading = LoadAsync(period);
            var set = await loading;
            if (_loaded.TryGetValue(period, out var current) && current == loading) return set;
        }
    }

    private Task<HashSet<UInt128>> LoadAsync(long period)
    {
        if (_loaded.TryGetValue(period, out var loading) && !loading.IsFaulted && !loading.IsCanceled) return loading;
        return _loaded[period] = ReadPeriodAsync(period);
    }

    /// <summary>A period's ids from the committed pages: its open chunks and its closed chunk, if any.</summary>
    private async Task<HashSet<UInt128>> ReadPeriodAsync(long period)
    {
        var index = _index;
        var chunks = index.Open.FirstOrDefault(o => o.Period == period)?.Chunks.ToList() ?? [];
        var group = Math.DivRem(period, PeriodsPerDirectory, out var r) - (r < 0 ? 1 : 0);
        if (index.Directories.Any(d => d.Group == group) && (await ReadDirectoryAsync(index, group)).TryGetValue(period, out var closed))
            chunks.Add(closed);
        var set = new HashSet<UInt128>();
        foreach (var chunk in chunks)
            foreach (var id in await ReadChunkAsync(chunk.Key)) set.Add(id);
        return set;
    }

    private async Task<IdChunk> MergeAsync(long period, IReadOnlyList<IdChunk> chunks, long sequence, List<string> superseded)
    {
        var ids = new List<UInt128>(chunks.Sum(c => c.Count));
        foreach (var chunk in chunks) ids.AddRange(await ReadChunkAsync(chunk.Key));
        superseded.AddRange(chunks.Select(c => c.Key));
        return await PutChunkAsync(period, ids, sequence);
    }

    private async Task<IdChunk> PutChunkAsync(long period, List<UInt128> ids, long sequence)
    {
        ids.Sort();
        using var stream = new MemoryStream(32 + _owner.Length + ids.Count * 16);
        using (var writer = ArtifactFormat.Begin(stream, ChunkMagic, 1))
        {
            writer.Write(_owner);
            writer.Write(sequence);
            writer.Write(period);
            writer.Write(ids.Count);
            Span<byte> bytes = stackalloc byte[16];
            foreach (var id in ids)
            {
                BinaryPrimitives.WriteUInt128LittleEndian(bytes, id);
                writer.Write(bytes);
            }
        }
        return new IdChunk(await _artifacts.PutAsync(stream.ToArray()), ids.Count);
    }

    private async Task<UInt128[]> ReadChunkAsync(string key)
    {
        using var reader = ArtifactFormat.Open(await _artifacts.GetAsync(key), ChunkMagic, 1);
        reader.ReadString();
        reader.ReadInt64();
        reader.ReadInt64();
        var ids = new UInt128[reader.ReadInt32()];
        for (var i = 0; i < ids.Length; i++) ids[i] = BinaryPrimitives.ReadUInt128LittleEndian(reader.ReadBytes(16));
        return ids;
    }

    private async Task<string> PutDirectoryAsync(long group, Dictionary<long, IdChunk> directory, long sequence)
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, DirectoryMagic, 1))
        {
            writer.Write(_owner);
            writer.Write(sequence);
            writer.Write(group);
            writer.Write(directory.Count);
            foreach (var (period, chunk) in directory.OrderBy(d => d.Key))
            {
                writer.Write(period);
                writer.Write(chunk.Key);
                writer.Write(chunk.Count);
            }
        }
        return await _artifacts.PutAsync(stream.ToArray());
    }

    private async Task<Dictionary<long, IdChunk>> ReadDirectoryAsync(RecordedIdIndex index, long group)
    {
        var directory = new Dictionary<long, IdChunk>();
        if (index.Directories.Find(d => d.Group == group) is not { } entry) return directory;
        using var reader = ArtifactFormat.Open(await _artifacts.GetAsync(entry.Key), DirectoryMagic, 1);
        reader.ReadString();
        reader.ReadInt64();
        reader.ReadInt64();
        for (var i = reader.ReadInt32(); i > 0; i--) directory[reader.ReadInt64()] = new IdChunk(reader.ReadString(), reader.ReadInt32());
        return directory;
    }
}
