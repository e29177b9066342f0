using Azure.Storage.Blobs;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Storage;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Issue 13, item 4: attribution totals persist as deltas. 40,000 inferences (10 influences each over 2,000 rows, 100 per
/// simulated second, a flush every 2 s as the grain's group commits would make at that rate, one-minute id periods so
/// periods close and move to directories): stored bytes grow linearly, the store holds exactly what the state names
/// (superseded pages deleted), memory holds at most the newest periods' ids, and a restart restores the totals exactly
/// and still refuses replays — from the newest period and from one closed long ago.
/// </summary>
public sealed class AttributionTotalsGrowthTests(ITestOutputHelper output)
{
    private const int Rows = 2_000;
    private const int PerFlush = 200;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan IdPeriod = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Stored_bytes_grow_linearly_superseded_pages_are_deleted_and_a_restart_restores_exact_totals()
    {
        var store = new InMemoryArtifactStore();
        await RunAsync(store, () => Task.FromResult((store.TotalBytes, (IReadOnlyCollection<string>)store.Keys)));
    }

    [Fact]
    public async Task The_same_on_Azure_blob_storage()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var container = new BlobContainerClient(AzuriteEnvironment.ConnectionString, $"totals-growth-{Guid.NewGuid():N}"[..40]);
        try
        {
            await RunAsync(new BlobArtifactStore(container), async () =>
            {
                long bytes = 0;
                var keys = new List<string>();
                await foreach (var blob in container.GetBlobsAsync())
                {
                    bytes += blob.Properties.ContentLength ?? 0;
                    keys.Add(blob.Name);
                }
                return (bytes, keys);
            });
        }
        finally
        {
            await container.DeleteIfExistsAsync();
        }
    }

    private async Task RunAsync(IArtifactStore store, Func<Task<(long Bytes, IReadOnlyCollection<string> Keys)>> stored)
    {
        const string owner = "model-growth";
        var saved = new AttributionState();
        var log = await AttributionTotalsLog.RestoreAsync(owner, store, saved, IdPeriod, maxDeltas: 32);
        var expected = new Dictionary<long, (double Total, int Count)>();
        var bytesAt = new Dictionary<int, long>();
        var idBytesAt = new Dictionary<int, long>();
        long oldDesignBytes = 0; // what full snapshots (every row total + every id, ≈ 26 bytes per id) would have stored by now

        for (var i = 0; i < 40_000; i++)
        {
            var influences = Influences(i);
            Assert.True(await log.RecordAsync(Id(i), TimeOf(i), influences));
            foreach (var (row, _, score) in influences)
            {
                var (total, count) = expected.GetValueOrDefault(row);
                expected[row] = (total + score, count + 1);
            }
            if ((i + 1) % PerFlush != 0) continue;
            await log.FlushAsync(next => { saved = next; return Task.CompletedTask; });
            oldDesignBytes += expected.Count * 40L + (i + 1) * 26L;
            if (i + 1 is 10_000 or 20_000 or 40_000)
            {
                var (bytes, keys) = await stored();
                bytesAt[i + 1] = bytes;
                Assert.Equal((await ReferencedAsync(store, saved)).Order(), keys.Order()); // nothing superseded is left
                // The rows' pages are bounded by the row count (a base, and deltas at most as large plus the last one).
                var rowBytes = saved.BaseBytes + saved.DeltaBytes;
                Assert.InRange(rowBytes, 1, 3 * saved.BaseBytes);
                idBytesAt[i + 1] = bytes - rowBytes;
                output.WriteLine($"{i + 1} inferences: {bytes:N0} bytes in {keys.Count} artifacts (rows: base {saved.BaseBytes:N0} + {saved.DeltaKeys.Count} deltas {saved.DeltaBytes:N0}; ids: {idBytesAt[i + 1]:N0} in " +
                    $"{saved.RecordedIds.Open.Sum(o => o.Chunks.Count)} open id chunks, {saved.RecordedIds.Directories.Count} directories); full snapshots would have stored {oldDesignBytes:N0}");
            }
        }

        // Linear: the ids' pages double with the inferences (16 bytes each plus headers), the rows' pages stay bounded by
        // the row count, so the total grows at most in step — where full snapshots grew with the square.
        var perId = idBytesAt[40_000] / 40_000.0;
        output.WriteLine($"ratios: total 20k/10k {bytesAt[20_000] / (double)bytesAt[10_000]:F2}, 40k/20k {bytesAt[40_000] / (double)bytesAt[20_000]:F2}; " +
            $"ids 20k/10k {idBytesAt[20_000] / (double)idBytesAt[10_000]:F2}, 40k/20k {idBytesAt[40_000] / (double)idBytesAt[20_000]:F2}; {perId:F1} id bytes per inference");
        Assert.InRange(idBytesAt[20_000] / (double)idBytesAt[10_000], 1.9, 2.1);
        Assert.InRange(idBytesAt[40_000] / (double)idBytesAt[20_000], 1.9, 2.1);
        Assert.InRange(perId, 16, 17);
        Assert.InRange(bytesAt[40_000] / (double)bytesAt[10_000], 2.0, 4.0);
        Assert.Equal(40_000, saved.RecordedInferenceCount);
        Assert.True(saved.RecordedIds.Directories.Count >= 1 && saved.RecordedIds.Open.Count <= 2, "old periods are closed");
        Assert.True(saved.RecordedIds.Open.All(o => o.Chunks.Count <= 16), "a period holds O(log n) chunks");

        // A restart restores every row exactly (the same additions in the same order) and refuses replays, old or new.
        var restored = await AttributionTotalsLog.RestoreAsync(owner, store, saved, IdPeriod, maxDeltas: 32);
        var totals = restored.Top(Rows);
        Assert.Equal(expected.Count, totals.Count);
        Assert.All(totals, t => Assert.Equal(expected[t.RowId], (t.Total, t.Count)));
        Assert.Equal(log.Top(Rows), totals);
        Assert.False(await restored.RecordAsync(Id(39_999), TimeOf(39_999), Influences(39_999)));
        Assert.Equal(1, restored.LoadedIdPeriods); // only the period the newest replay named was read
        Assert.False(await restored.RecordAsync(Id(17), TimeOf(17), Influences(17))); // a late replay, 39,982 inferences later
        Assert.False(restored.HasUnsavedChanges);
        Assert.Equal(totals, restored.Top(Rows));
        Assert.True(await restored.RecordAsync(Id(40_000), TimeOf(40_000), Influences(40_000)));
        Assert.True(await restored.RecordAsync("late-but-new", TimeOf(17), Influences(1))); // new to an old period: counted once
        Assert.False(await restored.RecordAsync("late-but-new", TimeOf(17), Influences(1)));
        Assert.Equal(2, restored.LoadedIdPeriods);
        await restored.FlushAsync(next => { saved = next; return Task.CompletedTask; });
        Assert.Equal(1, restored.LoadedIdPeriods); // the old period's ids left memory once written
        Assert.Equal(40_002, saved.RecordedInferenceCount);
        Assert.Equal((await ReferencedAsync(store, saved)).Order(), (await stored()).Keys.Order());
    }

    private static string Id(int i) => $"session-{i % 37}|key-{i:D6}";

    private static DateTimeOffset TimeOf(int i) => Start.AddMilliseconds(i * 10.0);

    private static List<(long RowId, string Contributor, double Score)> Influences(int i)
    {
        var random = new Random(i);
        return Enumerable.Range(0, 10).Select(_ => random.Next(Rows)).Distinct()
            .Select(row => ((long)row, $"contributor-{row % 20}", random.NextDouble())).ToList();
    }

    /// <summary>Every artifact the state names: the base, the deltas, the open id chunks, the directories and the closed chunks they list.</summary>
    private static async Task<List<string>> ReferencedAsync(IArtifactStore store, AttributionState state)
    {
        var keys = new List<string>(state.DeltaKeys);
        if (state.BaseKey is { } b) keys.Add(b);
        keys.AddRange(state.RecordedIds.Open.SelectMany(o => o.Chunks).Select(c => c.Key));
        foreach (var directory in state.RecordedIds.Directories)
        {
            keys.Add(directory.Key);
            using var reader = new BinaryReader(new MemoryStream(await store.GetAsync(directory.Key)));
            reader.ReadBytes(8); // magic and version
            reader.ReadString();
            reader.ReadInt64();
            reader.ReadInt64();
            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                reader.ReadInt64();
                keys.Add(reader.ReadString());
                reader.ReadInt32();
            }
        }
        return keys;
    }
}
