using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The sharded attribution index on a 3-silo cluster: the same Datanet version, model and inferences give the
/// same receipts (influences, weights, fee postings) and the same per-contribution totals whether the rows live
/// in the attribution grain or in shard grains spread over the silos.
/// </summary>
public sealed class ShardedAttributionClusterTests
{
    private const int RowsPerShard = 64;
    private const int TrainingRows = 400; // 7 shards: 6 × 64 rows and one of 16

    [Fact]
    public async Task Sharded_receipts_and_totals_equal_the_unsharded_ones()
    {
        var unsharded = await RunAsync(rowsPerShard: null);
        var sharded = await RunAsync(RowsPerShard);

        Assert.Empty(unsharded.ShardSilos);
        Assert.Equal((TrainingRows + RowsPerShard - 1) / RowsPerShard, sharded.ShardSilos.Count);
        Assert.Equal(3, sharded.ShardSilos.Distinct().Count()); // round-robin placement: 7 shards over all 3 silos

        Assert.Equal(unsharded.Results.Count, sharded.Results.Count);
        for (var i = 0; i < unsharded.Results.Count; i++)
        {
            var (expected, actual) = (unsharded.Results[i], sharded.Results[i]);
            Assert.Equal(expected.InferenceId, actual.InferenceId);
            Assert.Equal(expected.PredictedClass, actual.PredictedClass);
            Assert.Equal(expected.Probabilities, actual.Probabilities);
            Assert.Equal(expected.Receipt.Method, actual.Receipt.Method);
            Assert.Equal(expected.Receipt.QueryLoss, actual.Receipt.QueryLoss);
            Assert.NotEmpty(actual.Receipt.Influences);
            Assert.Equal(expected.Receipt.Influences, actual.Receipt.Influences); // row ids, contributors, hashes, exact scores and weights
            Assert.Equal(expected.Receipt.Postings, actual.Receipt.Postings);
            Assert.Equal(expected.Receipt.LedgerTransferId, actual.Receipt.LedgerTransferId);
        }
        Assert.Equal(unsharded.Totals, sharded.Totals);
        var fromReceipts = sharded.Results.SelectMany(r => r.Receipt.Influences).GroupBy(e => e.RowId).ToDictionary(g => g.Key, g => g.Sum(e => e.Score));
        Assert.Equal(fromReceipts.Count, sharded.Totals.Count);
        Assert.All(sharded.Totals, t => Assert.Equal(fromReceipts[t.RowId], t.TotalScore, 12));
    }

    [Fact]
    public async Task A_shard_refuses_malformed_scans_with_a_typed_error()
    {
        var data = TestData.BreastCancer;
        var train = new Domain.Data.LabeledDataset(data.Features[..(100 * data.Dimension)], data.Labels[..100], data.Dimension, data.ClassCount);
        var model = Domain.Training.LogisticRegressionTrainer.Train(train, new Domain.Training.TrainerOptions()).Model;
        var set = InfluenceShardSet.Build(model, train, 48);
        var artifacts = new InMemoryArtifactStore();
        var cluster = await StartClusterAsync(artifacts, null);
        try
        {
            IGrainFactory grains = cluster.Client;
            var deployed = await ShardedAttributionIndex.DeployAsync(set, artifacts, grains);
            Assert.Equal(set.Shards.Select(s => (s.FirstRow, s.Rows, s.Bytes)), deployed.Shards.Select(s => (s.FirstRow, s.Rows, s.Bytes)));
            var shard = grains.GetGrain<IAttributionShardGrain>(deployed.ShardKeys[0]);
            var width = model.ClassCount * model.DesignWidth;
            var wrongSize = await Assert.ThrowsAsync<OpenLedgerException>(() => shard.ScanAsync(new ShardScanRequest([new double[width - 1]], 5)));
            Assert.Equal("shard.scan_vector_size", wrongSize.ErrorCode);
            var badTopK = await Assert.ThrowsAsync<OpenLedgerException>(() => shard.ScanAsync(new ShardScanRequest([new double[width]], 0)));
            Assert.Equal("attribution.top_k", badTopK.ErrorCode);
            Assert.Equal("shard.scan_empty", (await Assert.ThrowsAsync<OpenLedgerException>(() => shard.ScanAsync(new ShardScanRequest([], 5)))).ErrorCode);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public void Shard_keys_carry_the_slot_and_the_artifact_key()
    {
        var key = new AttributionShardKey(12, "ab12");
        Assert.Equal("12|ab12", key.ToString());
        Assert.Equal(key, AttributionShardKey.Parse("12|ab12"));
        foreach (var bad in new[] { "", "ab12", "|ab12", "12|", "-1|ab12", "x|ab12" })
            Assert.Throws<FormatException>(() => AttributionShardKey.Parse(bad));
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(IArtifactStore artifacts, int? rowsPerShard)
    {
        var settings = new Dictionary<string, string?> { ["OpenLedger:Attribution:TotalsFlushInterval"] = "00:00:00.200" };
        if (rowsPerShard is { } rows) settings["OpenLedger:Attribution:RowsPerShard"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions { Silos = 3, Settings = settings, ArtifactStore = artifacts });
    }

    private static async Task<(List<InferenceResult> Results, IReadOnlyList<ContributionTotal> Totals, List<string> ShardSilos)> RunAsync(int? rowsPerShard)
    {
        var cluster = await StartClusterAsync(new InMemoryArtifactStore(), rowsPerShard);
        try
        {
            var scenario = new Scenario(cluster.Client, "sharding") { TrainingRows = TrainingRows };
            await scenario.SetUpAsync();
            // Concurrent inferences (they share scans), half with the true label, half against the prediction.
            var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => scenario.Session.InferAsync(
                new InferenceRequest($"q{i}", scenario.QueryFeatures(i), i % 2 == 0 ? scenario.QueryLabel(i) : null))));
            var totals = await cluster.Client.GetGrain<IAttributionGrain>(scenario.ModelId).GetTopTotalsAsync(1_000);
            var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var shardSilos = statistics.Where(s => s.GrainType.Contains(nameof(AttributionShardGrain), StringComparison.Ordinal))
                .Select(s => s.SiloAddress.ToString()).ToList();
            return (results.ToList(), totals, shardSilos);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
