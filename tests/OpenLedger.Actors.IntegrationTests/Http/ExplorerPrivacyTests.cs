using System.Net;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Silo.Explorer;
using Orleans.Runtime;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Privacy by default and no unbounded activations on the explorer (issue 14, findings 3–4), over real HTTP: the
/// explorer's pages served by Kestrel from the API host's silo, requested with a real HttpClient.
/// </summary>
public sealed class ExplorerPrivacyTests
{
    [Fact]
    public async Task Account_pages_show_earnings_only_payers_are_pseudonymous_and_agree_with_the_api()
    {
        await using var explorer = await ExplorerSite.StartAsync("privacy");
        var world = new ApiWorld(explorer.Api, "privacy");
        await world.SetUpAsync(inferences: 2);
        var contributor = world.ContributorAccounts[0];
        using (var client = world.Contributor(0))
        {
            var claim = new { claimId = "privacy-claim-1", amount = 10, destination = ApiWorld.Destination, signature = world.SignClaim("privacy-claim-1", contributor, 10, world.ContributorWallet) };
            Assert.Equal("Ok", (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{contributor}/claims", claim)).Expect(HttpStatusCode.OK).Body.GetProperty("result").GetString());
        }
        await explorer.Api.Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync();

        // An account that earns: its earnings, never its claim, the claim's destination, its balance or its payers.
        var page = await explorer.GetAsync($"/explorer/accounts/{contributor}", HttpStatusCode.OK);
        var lines = Table(page, "statement");
        Assert.Contains("class=\"line\"", lines);
        foreach (var secret in new[] { ApiWorld.Destination, "privacy-claim-1", world.PlatformAccount, "id=\"balance\"" })
            Assert.DoesNotContain(secret, page, StringComparison.OrdinalIgnoreCase);
        foreach (var payment in new[] { "claim", "deposit", "-" + "10" })
            Assert.DoesNotContain(payment, lines, StringComparison.OrdinalIgnoreCase);

        // An account that only pays has no page, answered exactly as an unknown account.
        var payer = await explorer.GetAsync($"/explorer/accounts/{world.PlatformAccount}", HttpStatusCode.NotFound);
        var unknown = await explorer.GetAsync("/explorer/accounts/nobody-at-all", HttpStatusCode.NotFound);
        Assert.Equal(unknown.Replace("nobody-at-all", "X"), payer.Replace(world.PlatformAccount, "X"));

        // The receipt is public only with the payer as a stable pseudonym; the API still names it only to its own key.
        var inferenceId = $"{world.SessionId}|{world.InferenceKeys[0]}";
        var pseudonym = PayerPseudonym.Of(explorer.Secret, world.PlatformAccount);
        Assert.Matches("^payer-[0-9a-f]{12}$", pseudonym);
        foreach (var key in world.InferenceKeys)
        {
            var receipt = await explorer.GetAsync($"/explorer/inferences/{Uri.EscapeDataString($"{world.SessionId}|{key}")}", HttpStatusCode.OK);
            Assert.Contains(pseudonym, receipt);
            Assert.DoesNotContain(world.PlatformAccount, receipt);
        }
        Assert.DoesNotContain(world.PlatformAccount, await explorer.GetAsync("/explorer", HttpStatusCode.OK));
        Assert.DoesNotContain(world.PlatformAccount, await explorer.GetAsync("/explorer/leaderboard", HttpStatusCode.OK));
        using var stranger = explorer.Api.Client(world.OtherPlatformKey);
        (await stranger.GetApiAsync($"/api/v1/receipts/{inferenceId}")).Expect(HttpStatusCode.NotFound);
        using var owner = world.Platform;
        (await owner.GetApiAsync($"/api/v1/receipts/{inferenceId}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_inference_ids_are_404_without_activating_an_inference_grain()
    {
        await using var explorer = await ExplorerSite.StartAsync("unknown-ids");
        var world = new ApiWorld(explorer.Api, "unknownids");
        await world.SetUpAsync(inferences: 1);
        await explorer.Api.Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync();
        var management = explorer.Api.Grains.GetGrain<IManagementGrain>(0);
        var before = await InferenceActivationsAsync(management);
        Assert.True(before > 0, "the set-up's inference grain is counted"); // so 'no new activation' below is not vacuous

        for (var i = 0; i < 200; i++)
        {
            var id = i % 2 == 0 ? $"{world.SessionId}|guess-{Guid.NewGuid():N}" : $"s-{Guid.NewGuid():N}|k-{i}";
            await explorer.GetAsync($"/explorer/inferences/{Uri.EscapeDataString(id)}", HttpStatusCode.NotFound);
        }
        Assert.Equal(before, await InferenceActivationsAsync(management));
        await explorer.GetAsync($"/explorer/inferences/{Uri.EscapeDataString($"{world.SessionId}|{world.InferenceKeys[0]}")}", HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_home_page_lists_300_datanets_a_bounded_page_at_a_time()
    {
        await using var explorer = await ExplorerSite.StartAsync("paging");
        var world = new ApiWorld(explorer.Api, "paging");
        await world.SetUpAsync(inferences: 1);
        var catalog = explorer.Api.Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog);
        var template = (await catalog.GetDatanetAsync(world.DatanetId))!;
        for (var i = 0; i < 300; i++)
            await catalog.DatanetChangedAsync(template with { Info = template.Info with { Id = $"bulk-{i:D3}" } });

        var first = await explorer.GetAsync("/explorer", HttpStatusCode.OK);
        Assert.Equal(HomePage.ListPageSize, CountOf(Table(first, "datanets"), "href=\"/explorer/datanets/"));
        Assert.Contains("bulk-000", first);
        Assert.DoesNotContain($"bulk-{HomePage.ListPageSize:D3}", first);
        Assert.Contains("href=\"/explorer?datanets=2\"", first);

        var last = await explorer.GetAsync($"/explorer?datanets={300 / HomePage.ListPageSize}", HttpStatusCode.OK); // bulk-* sort before dn-paging
        Assert.Contains("bulk-299", last);
        Assert.Contains("rel=\"prev\"", last);
        Assert.DoesNotContain("bulk-000", last);
        Assert.True(first.Length < 64 * 1024, $"the home page is {first.Length:N0} characters with 301 Datanets");
        await explorer.GetAsync("/explorer?datanets=0", HttpStatusCode.BadRequest);

        // A Datanet's contributors are paged too.
        var crowd = template with { Contributors = Enumerable.Range(0, 120).Select(i => template.Contributors[0] with { Account = $"crowd-{i:D3}" }).ToList() };
        await catalog.DatanetChangedAsync(crowd);
        var contributors = await explorer.GetAsync($"/explorer/datanets/{world.DatanetId}", HttpStatusCode.OK);
        Assert.Equal(DatanetPage.ContributorPageSize, CountOf(Table(contributors, "contributors"), "<tr><td>"));
        Assert.Contains("rel=\"next\"", contributors);
        Assert.Equal(120 - 2 * DatanetPage.ContributorPageSize, CountOf(Table(await explorer.GetAsync($"/explorer/datanets/{world.DatanetId}?page=3", HttpStatusCode.OK), "contributors"), "<tr><td>"));
    }

    private static string Table(string page, string id)
    {
        var start = page.IndexOf($"<table id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has a table '{id}'");
        return page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    private static async Task<int> InferenceActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.StartsWith(typeof(Grains.Sessions.InferenceGrain).FullName + ",", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
