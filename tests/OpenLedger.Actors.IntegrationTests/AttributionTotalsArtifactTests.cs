using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.IntegrationTests;

public sealed class AttributionTotalsArtifactTests
{
    /// <summary>
    /// 100,000 recorded inferences and 30,000 rows: far beyond one table entity (~1 MiB), which is why the
    /// snapshot is an artifact; it round-trips exactly.
    /// </summary>
    [Fact]
    public void A_snapshot_far_larger_than_a_table_entity_round_trips_exactly()
    {
        var rows = Enumerable.Range(0, 30_000).Select(i => new RowTotal(i * 3L, $"contributor-{i % 97}", i * 1e-3 - 7.25, i % 13)).ToList();
        var inferences = Enumerable.Range(0, 100_000).Select(i => $"session-{i % 40}|key-{i:D6}").ToList();

        var bytes = AttributionTotalsArtifact.Encode(rows, inferences);
        var (decodedRows, decodedInferences) = AttributionTotalsArtifact.Decode(bytes);

        Assert.True(bytes.Length > 2 * 1024 * 1024);
        Assert.Equal(rows, decodedRows);
        Assert.Equal(inferences, decodedInferences);
    }
}
