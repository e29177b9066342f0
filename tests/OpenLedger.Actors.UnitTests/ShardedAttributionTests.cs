using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Attribution.Scan;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.UnitTests;

/// <summary>
/// Row-sharded exact influence: the same rows cut into shards give exactly (bit for bit) the single index's
/// top-k, whatever the cut, and the merge orders ties deterministically.
/// </summary>
public sealed class ShardedAttributionTests
{
    [Theory]
    [InlineData(16)]   // many small shards
    [InlineData(100)]  // rounded up to 112; the last shard is partial and not block-aligned in size
    [InlineData(250)]  // two shards
    public async Task Sharded_top_k_equals_the_single_index(int rowsPerShard)
    {
        var (train, queries) = BundledData.Split(BundledData.Digits, 500, 12, seed: 3);
        var model = LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model;
        var single = InfluenceIndex.Build(model, train);
        var set = InfluenceShardSet.Build(model, train, rowsPerShard);
        var sharded = ShardedInfluenceIndex.Local(set);

        var expectedShardRows = (rowsPerShard + 15) / 16 * 16;
        Assert.Equal((train.RowCount + expectedShardRows - 1) / expectedShardRows, set.Shards.Count);
        Assert.Equal(train.RowCount, set.Shards.Sum(s => s.Rows));
        Assert.Equal(Enumerable.Range(0, set.Shards.Count).Select(s => s * expectedShardRows), set.Shards.Select(s => s.FirstRow));

        foreach (var topK in new[] { 1, 10, train.RowCount })
        {
            var prepared = Enumerable.Range(0, queries.RowCount).Select(q => sharded.Prepare(queries.Row(q), q % 2 == 0 ? queries.Labels[q] : null)).ToList();
            var expected = single.AttributeBatch(Enumerable.Range(0, queries.RowCount)
                .Select(q => new AttributionQuery(queries.Row(q).ToArray(), q % 2 == 0 ? queries.Labels[q] : null)).ToList(), topK);
            var actual = await sharded.AttributePreparedAsync(prepared, topK);
            for (var q = 0; q < queries.RowCount; q++)
            {
                Assert.Equal(expected[q].PredictedClass, actual[q].PredictedClass);
                Assert.Equal(expected[q].LossLabel, actual[q].LossLabel);
                Assert.Equal(expected[q].QueryLoss, actual[q].QueryLoss);
                Assert.Equal(expected[q].Probabilities, actual[q].Probabilities);
                Assert.Equal(expected[q].TopInfluences, actual[q].TopInfluences); // exact scores, same order
            }
        }
    }

    [Fact]
    public async Task A_query_batcher_over_shards_answers_as_the_single_index()
    {
        var (train, queries) = BundledData.Split(BundledData.BreastCancer, 300, 20, seed: 4);
        var model = LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model;
        var single = InfluenceIndex.Build(model, train);
        var batcher = new QueryBatcher(ShardedInfluenceIndex.Local(InfluenceShardSet.Build(model, train, 64)), maxBatch: 8);

        var results = await Task.WhenAll(Enumerable.Range(0, queries.RowCount)
            .Select(q => batcher.AttributeAsync(queries.Row(q).ToArray(), queries.Labels[q], topK: 5)));

        for (var q = 0; q < queries.RowCount; q++)
            Assert.Equal(single.Attribute(queries.Row(q), queries.Labels[q], 5).TopInfluences, results[q].TopInfluences);
        Assert.Equal(train.RowCount, batcher.Scanner.RowCount);
    }

    [Fact]
    public void Shards_hold_the_rows_as_the_single_index_does()
    {
        var (train, _) = BundledData.Split(BundledData.Digits, 333, 1, seed: 5);
        var model = LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model;
        var single = InfluenceIndex.Build(model, train);
        var set = InfluenceShardSet.Build(model, train, 128, ScanPrecision.Half);
        Assert.All(set.Shards, s => Assert.Equal(ScanPrecision.Half, s.Matrix.Precision));
        // 128-row shards cut at block boundaries, so together they hold exactly the single index's bytes.
        Assert.Equal(InfluenceIndex.Build(model, train, precision: ScanPrecision.Half).RowBytes, set.Shards.Sum(s => s.Bytes));
        Assert.Equal(single.RowCount, set.RowCount);
    }

    [Fact]
    public void Merge_orders_ties_by_row_index_whatever_the_shard_order()
    {
        IReadOnlyList<RowInfluence> a = [new(3, 2.0), new(5, 1.0), new(9, 1.0)];
        IReadOnlyList<RowInfluence> b = [new(1, 1.0), new(4, 2.0), new(8, 0.5)];
        IReadOnlyList<RowInfluence> c = [];

        var merged = ShardedTopKMerge.Merge([a, b, c], 4);
        Assert.Equal([new(3, 2.0), new(4, 2.0), new(1, 1.0), new(5, 1.0)], merged);
        Assert.Equal(merged, ShardedTopKMerge.Merge([c, b, a], 4));
        Assert.Equal(6, ShardedTopKMerge.Merge([a, b, c], 100).Count);
        Assert.Empty(ShardedTopKMerge.Merge([a, b], 0));
    }

    [Fact]
    public void Merge_pays_only_positive_influence_and_refuses_a_row_reported_twice()
    {
        Assert.Equal([new RowInfluence(2, 0.1)], ShardedTopKMerge.Merge([[new(2, 0.1), new(7, 0.0), new(8, -1.0)]], 5));
        Assert.Throws<ArgumentException>(() => ShardedTopKMerge.Merge([[new(2, 0.1)], [new(2, 0.1)]], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardedTopKMerge.Merge([], -1));
    }

    [Fact]
    public async Task A_shard_that_answers_for_the_wrong_number_of_queries_fails_the_batch()
    {
        var (train, queries) = BundledData.Split(BundledData.BreastCancer, 100, 2, seed: 6);
        var set = InfluenceShardSet.Build(LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model, train, 64);
        var broken = new ShardedInfluenceIndex(set.Solver, set.Shards.Count, (_, _, _) => Task.FromResult(Array.Empty<IReadOnlyList<RowInfluence>>()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken.AttributePreparedAsync([broken.Prepare(queries.Row(0), null)], 3));
    }
}
