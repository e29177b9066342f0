using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Grains.Datanets;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Issue 14: a Datanet's versions are unbounded — the head keeps the newest and moves full pages of 256 older ones to
/// version pages. 300 versions: the info carries the newest 16 and the count, every version is listed in order across
/// the page and the head (also after the Datanet's activation is collected), and each is found by number.
/// </summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class DatanetVersionPagingTests(InMemoryClusterFixture fixture)
{
    private const int Versions = 300;

    [Fact]
    public async Task Versions_past_a_page_go_to_version_pages_and_are_all_listed_in_order()
    {
        var grains = fixture.Client;
        const string owner = "versions-owner";
        var datanet = grains.GetGrain<IDatanetGrain>("versions-paged");
        await datanet.CreateAsync(owner, new DatanetMetadata("Versions", "", "", [], "tabular", 8, 2));
        var random = new Random(7);
        var rows = Enumerable.Range(0, Versions).Select(i => new ContributionRow(Enumerable.Range(0, 8).Select(_ => random.NextDouble() * 2 - 1).ToArray(), i % 2)).ToList();
        var receipt = await datanet.SubmitAsync("all-rows", "versions-contributor", rows);
        var published = new List<DatanetVersionInfo>();
        foreach (var row in receipt.Rows)
        {
            Assert.Equal(1, await datanet.ReviewAsync(owner, [row.RowId], approve: true));
            published.Add(await datanet.PublishVersionAsync(owner));
        }
        Assert.Equal(Enumerable.Range(1, Versions), published.Select(v => v.Version));

        for (var pass = 0; pass < 2; pass++)
        {
            var info = await datanet.GetInfoAsync();
            Assert.Equal(Versions, info.VersionCount);
            Assert.Equal(published.TakeLast(DatanetInfo.RecentVersions), info.Versions);
            var listed = new List<DatanetVersionInfo>();
            for (var offset = 0; ; offset += 100)
            {
                var page = await datanet.ListVersionsAsync(offset, 100);
                listed.AddRange(page);
                if (page.Count < 100) break;
            }
            Assert.Equal(published, listed);
            Assert.Equal(published.GetRange(250, 20), await datanet.ListVersionsAsync(250, 20)); // across the page and the head
            Assert.Empty(await datanet.ListVersionsAsync(Versions, 10));
            foreach (var number in new[] { 1, 256, 257, Versions })
                Assert.Equal(published[number - 1], await datanet.GetVersionAsync(number));
            Assert.Equal("version.not_found", (await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.GetVersionAsync(Versions + 1))).ErrorCode);
            Assert.Equal(published.Take(IDatanetVersionPageGrain.Size),
                await grains.GetGrain<IDatanetVersionPageGrain>(IDatanetVersionPageGrain.KeyOf("versions-paged", 0)).GetAsync());
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // the second pass reads it back from storage
        }
    }
}
