using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.UnitTests;

public sealed class InfluenceTotalsAndBatchingTests
{
    [Fact]
    public void Totals_sum_the_entries_added_and_hand_out_only_the_changed_rows_for_a_delta()
    {
        var totals = new InfluenceTotals();
        totals.Add([(7, "alice", 0.5), (9, "bob", 0.25)]);
        Assert.Equal([new RowTotal(7, "alice", 0.5, 1), new RowTotal(9, "bob", 0.25, 1)], totals.TakeChanges());
        Assert.False(totals.HasUnsavedChanges);

        totals.Add([(7, "alice", 0.125)]);
        Assert.Throws<ArgumentException>(() => totals.Add([(9, "bob", 1.0), (7, "alice", double.NaN)])); // a bad entry changes nothing
        var delta = totals.TakeChanges();
        Assert.Equal([new RowTotal(7, "alice", 0.625, 2)], delta); // the new value of the one changed row
        totals.ReturnChanges(delta); // its write failed: it is handed out again
        Assert.Equal(delta, totals.TakeChanges());

        // A base then the deltas in order rebuild the totals exactly.
        var restored = new InfluenceTotals();
        restored.Load([new RowTotal(7, "alice", 0.5, 1), new RowTotal(9, "bob", 0.25, 1)]);
        restored.Load(delta);
        Assert.Equal(totals.All(), restored.All());
        Assert.Equal(totals.Top(10), restored.Top(10));
        Assert.False(restored.HasUnsavedChanges);
    }

    [Fact]
    public async Task Concurrent_queries_share_scans_and_get_the_same_answers()
    {
        var (train, queries) = BundledData.Split(BundledData.Digits, 600, 40, seed: 8);
        var index = InfluenceIndex.Build(LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model, train);
        // The first scan is held until every query was submitted, so batching does not depend on thread scheduling:
        // the first scan takes what was queued when it started (at least one query), the other 40 wait for it.
        var scanner = new HeldScanner(index);
        var batcher = new QueryBatcher(scanner, maxBatch: 16);

        var tasks = Enumerable.Range(0, queries.RowCount)
            .Select(q => batcher.AttributeAsync(queries.Row(q).ToArray(), queries.Labels[q], topK: 3 + q % 5)).ToArray();
        var bad = batcher.AttributeAsync(queries.Row(0).ToArray(), label: 99, topK: 5); // fails alone
        scanner.Release();
        var results = await Task.WhenAll(tasks);

        for (var q = 0; q < queries.RowCount; q++)
            Assert.Equal(index.Attribute(queries.Row(q), queries.Labels[q], 3 + q % 5).TopInfluences, results[q].TopInfluences);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => bad);
        var (scans, served) = batcher.Counts;
        Assert.Equal(queries.RowCount + 1, served);
        Assert.All(scanner.BatchSizes, size => Assert.InRange(size, 1, 16));
        // One held scan, then the rest in batches of at most 16: never more than 1 + ⌈41 / 16⌉ scans.
        Assert.InRange(scans, 2, 1 + (served + 15) / 16);
    }

    /// <summary>An <see cref="IInfluenceScanner"/> whose first scan waits for <see cref="Release"/>; records batch sizes.</summary>
    private sealed class HeldScanner(IInfluenceScanner inner) : IInfluenceScanner
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<int> _batchSizes = [];

        public int RowCount => inner.RowCount;
        public IReadOnlyList<int> BatchSizes { get { lock (_batchSizes) return [.. _batchSizes]; } }
        public void Release() => _released.TrySetResult();
        public PreparedQuery Prepare(ReadOnlySpan<double> features, int? label) => inner.Prepare(features, label);

        public async Task<IReadOnlyList<QueryAttribution>> AttributePreparedAsync(IReadOnlyList<PreparedQuery> prepared, int topK)
        {
            lock (_batchSizes) _batchSizes.Add(prepared.Count);
            await _released.Task;
            return await inner.AttributePreparedAsync(prepared, topK);
        }
    }
}
