using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.IntegrationTests;

public sealed class AttributionTotalsArtifactTests
{
    /// <summary>A base page of 30,000 rows round-trips exactly (doubles bit for bit), and pages of two owners, or of two
    /// writes of one owner, never share a content-addressed key (so deleting one never removes another's).</summary>
    [Fact]
    public void A_page_round_trips_exactly_and_its_key_is_its_own()
    {
        var rows = Enumerable.Range(0, 30_000).Select(i => new RowTotal(i * 3L, $"contributor-{i % 97}", i * 1e-3 - 7.25, i % 13)).ToList();

        var bytes = AttributionTotalsArtifact.Encode("model-a", 7, rows);

        Assert.Equal(rows, AttributionTotalsArtifact.Decode(bytes));
        Assert.NotEqual(ArtifactKey.Of(bytes), ArtifactKey.Of(AttributionTotalsArtifact.Encode("model-b", 7, rows)));
        Assert.NotEqual(ArtifactKey.Of(bytes), ArtifactKey.Of(AttributionTotalsArtifact.Encode("model-a", 8, rows)));
    }
}
