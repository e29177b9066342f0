using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Grains.Datanets;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Sdk;
using OpenLedger.Actors.TestSupport;
using Orleans.Runtime;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// A Datanet's rejection record over real HTTP (the API host's silo, Kestrel, a real HttpClient and the SDK) and on the
/// explorer's Datanet page: a rejection's reason, an adversarial rejection's, a retried review recorded once, refused
/// reasons changing nothing, and the record paged across its page grains (<see cref="IDatanetRejectionPageGrain.Size"/> entries each).
/// </summary>
public sealed class HttpRejectionRecordTests
{
    private const int Dimension = 8;

    [Fact]
    public async Task Rejections_are_listed_with_their_reasons_over_http_the_sdk_and_the_explorer_and_a_retry_appends_once()
    {
        await using var site = await ExplorerSite.StartAsync("rejections");
        var api = site.Api;
        using var owner = api.Client(await api.IssueKeyAsync("rej-owner", ApiRoles.Curator));
        using var alice = api.Client(await api.IssueKeyAsync("rej-alice", ApiRoles.Contributor));
        using var bob = api.Client(await api.IssueKeyAsync("rej-bob", ApiRoles.Contributor));
        using var anonymous = api.Client();
        await CreateAsync(owner, "rej");
        await SubmitAsync(alice, "rej", "a1", 6, seed: 1); // rows 1–6
        await SubmitAsync(bob, "rej", "b1", 2, seed: 2);   // rows 7–8

        var review = new { rowIds = new[] { 1L, 2L }, approve = false, reason = "labels disagree with the notes" };
        Assert.Equal(2, (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/rej/reviews", review)).Expect(HttpStatusCode.OK).Body.GetProperty("changed").GetInt32());
        // The same review retried (a client that lost the answer, under a new key): nothing changes, nothing is appended.
        Assert.Equal(0, (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/rej/reviews", review)).Expect(HttpStatusCode.OK).Body.GetProperty("changed").GetInt32());
        (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/rej/adversarial-rejections", new { rowIds = new[] { 7L }, reason = "flipped labels" })).Expect(HttpStatusCode.OK);
        (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/rej/reviews", new { rowIds = new[] { 3L }, approve = false })).Expect(HttpStatusCode.OK);
        (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/rej/reviews", new { rowIds = new[] { 6L }, approve = true })).Expect(HttpStatusCode.OK); // approvals are not recorded

        // Refused reasons change nothing: row 4 stays pending and the record keeps its three entries.
        Assert.Equal("text.too_long", (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/rej/reviews",
            new { rowIds = new[] { 4L }, approve = false, reason = new string('x', 201) })).Expect(HttpStatusCode.BadRequest).Code);
        Assert.Equal("review.reason_on_approval", (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/rej/reviews",
            new { rowIds = new[] { 4L }, approve = true, reason = "looks fine" })).Expect(HttpStatusCode.BadRequest).Code);
        var contributions = (await anonymous.GetApiAsync("/api/v1/datanets/rej/contributions")).Expect(HttpStatusCode.OK).Body.GetProperty("items");
        Assert.Equal("Pending", contributions[3].GetProperty("status").GetString());

        var page = (await anonymous.GetApiAsync("/api/v1/datanets/rej/rejections")).Expect(HttpStatusCode.OK).Body; // public, like the Datanet
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        Assert.Equal([2L, 1L, 0L], items.Select(i => i.GetProperty("sequence").GetInt64()));
        Assert.Equal([[3L], [7L], [1L, 2L]], items.Select(i => i.GetProperty("rowIds").EnumerateArray().Select(r => r.GetInt64()).ToArray()));
        Assert.Equal(["rej-alice", "rej-bob", "rej-alice"], items.Select(i => i.GetProperty("contributor").GetString()));
        Assert.Equal([null, "flipped labels", "labels disagree with the notes"], items.Select(i => i.GetProperty("reason").GetString()));
        Assert.Equal([false, true, false], items.Select(i => i.GetProperty("adversarial").GetBoolean()));
        Assert.All(items, i => Assert.Equal("rej-owner", i.GetProperty("curator").GetString()));

        // Paged: two, then the last one under the cursor.
        var first = (await anonymous.GetApiAsync("/api/v1/datanets/rej/rejections?limit=2")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var rest = (await anonymous.GetApiAsync($"/api/v1/datanets/rej/rejections?limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(0, rest.GetProperty("items")[0].GetProperty("sequence").GetInt64());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
        Assert.Equal("page.cursor_invalid", (await anonymous.GetApiAsync("/api/v1/datanets/rej/rejections?cursor=nonsense")).Expect(HttpStatusCode.BadRequest).Code);
        Assert.Equal("datanet.not_found", (await anonymous.GetApiAsync("/api/v1/datanets/none/rejections")).Expect(HttpStatusCode.NotFound).Code);

        // The SDK walks the same list.
        using var sdkHost = await HttpSdkTests.StartClientAsync(api, await api.IssueKeyAsync("rej-reader", ApiRoles.Contributor));
        var sdk = sdkHost.Services.GetRequiredService<IOpenLedgerApi>();
        var listed = new List<Sdk.Models.RejectedRows>();
        await foreach (var entry in sdk.ListRejectionsAsync("rej", limit: 1)) listed.Add(entry); // three pages of one
        Assert.Equal([2L, 1L, 0L], listed.Select(r => r.Sequence));
        Assert.Equal("flipped labels", listed[1].Reason);
        Assert.True(listed[1].Adversarial);

        // The explorer's Datanet page lists them, newest first, in its own formats.
        await api.Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync();
        var html = await site.GetAsync("/explorer/datanets/rej", HttpStatusCode.OK);
        Assert.Contains("<h2>Rejected rows</h2>", html);
        var table = html[html.IndexOf("<table id=\"rejections\"", StringComparison.Ordinal)..];
        table = WebUtility.HtmlDecode(table[..table.IndexOf("</table>", StringComparison.Ordinal)]);
        Assert.Contains("labels disagree with the notes", table);
        Assert.Contains("adversarial: flipped labels", table);
        Assert.Contains("no reason given", table);
        Assert.Contains("<td class=\"num\">1–2</td>", table);
        Assert.Contains("UTC", table);
        Assert.True(table.IndexOf("no reason given", StringComparison.Ordinal) < table.IndexOf("labels disagree", StringComparison.Ordinal), "newest first");
        Assert.DoesNotContain("more-rejections", html);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // Azure Table storage (Azurite): the pages and the head as stored, read back after every activation is collected
    public async Task The_record_pages_across_its_page_grains_and_a_large_review_is_cut_into_bounded_entries(bool azurite)
    {
        Dictionary<string, string?>? settings = null;
        if (azurite)
        {
            await AzuriteEnvironment.RequireRunningAsync();
            var run = Guid.NewGuid().ToString("N")[..12];
            settings = new()
            {
                ["OpenLedger:Storage:Provider"] = "AzureStorage",
                ["OpenLedger:Storage:ConnectionString"] = AzuriteEnvironment.ConnectionString,
                ["OpenLedger:Storage:TableName"] = $"Rejections{run}",
                ["OpenLedger:Storage:ArtifactContainer"] = $"rejections-{run}",
            };
        }
        await using var site = await ExplorerSite.StartAsync("rejpages", settings);
        var api = site.Api;
        using var owner = api.Client(await api.IssueKeyAsync("pages-owner", ApiRoles.Curator));
        using var carol = api.Client(await api.IssueKeyAsync("pages-carol", ApiRoles.Contributor));
        using var anonymous = api.Client();
        await CreateAsync(owner, "pages");
        const int single = IDatanetRejectionPageGrain.Size + 6; // one-row reviews: past the first page
        const int large = 2 * Abstractions.Datanets.RejectedRows.MaxRows + 2; // one review: three entries
        await SubmitAsync(carol, "pages", "c1", single + large, seed: 3);
        for (var row = 1; row <= single; row++)
            (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/pages/reviews", new { rowIds = new[] { (long)row }, approve = false, reason = $"reason {row}" })).Expect(HttpStatusCode.OK);
        var bulk = Enumerable.Range(single + 1, large).Select(r => (long)r).ToArray();
        Assert.Equal(large, (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/pages/reviews", new { rowIds = bulk, approve = false, reason = "bulk" }))
            .Expect(HttpStatusCode.OK).Body.GetProperty("changed").GetInt32());

        // Walk the whole record 50 at a time: every entry once, newest first, across the page boundary.
        var entries = await WalkAsync(anonymous, "pages");
        Assert.Equal(single + 3, entries.Count);
        Assert.Equal(Enumerable.Range(0, single + 3).Reverse().Select(i => (long)i), entries.Select(e => e.GetProperty("sequence").GetInt64()));
        var bulkEntries = entries.Take(3).Reverse().ToList();
        Assert.Equal([64, 64, 2], bulkEntries.Select(e => e.GetProperty("rowIds").GetArrayLength()));
        Assert.Equal(bulk, bulkEntries.SelectMany(e => e.GetProperty("rowIds").EnumerateArray().Select(r => r.GetInt64())));
        Assert.Single(bulkEntries.Select(e => e.GetProperty("reviewRound").GetInt64()).Distinct());
        Assert.Equal(Enumerable.Range(1, single).Reverse().Select(r => $"reason {r}"), entries.Skip(3).Select(e => e.GetProperty("reason").GetString()));

        // Every activation collected: the Datanet and its pages read back from storage give the same record.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reread = await WalkAsync(anonymous, "pages");
        Assert.Equal(entries.Select(e => e.GetRawText()), reread.Select(e => e.GetRawText()));

        // The explorer shows the newest ten and links to the API's next page, which continues exactly after them.
        await api.Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync();
        var html = await site.GetAsync("/explorer/datanets/pages", HttpStatusCode.OK);
        var link = System.Text.RegularExpressions.Regex.Match(html, "id=\"more-rejections\" href=\"([^\"]+)\"");
        Assert.True(link.Success, "a link to older rejections");
        var next = (await anonymous.GetApiAsync(WebUtility.HtmlDecode(link.Groups[1].Value))).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(single + 3 - 1 - Silo.Explorer.DatanetPage.RejectionsShown, next.GetProperty("items")[0].GetProperty("sequence").GetInt64());
    }

    private static async Task<List<JsonElement>> WalkAsync(HttpClient client, string datanet)
    {
        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var body = (await client.GetApiAsync($"/api/v1/datanets/{datanet}/rejections?limit=50{(cursor is null ? "" : "&cursor=" + cursor)}")).Expect(HttpStatusCode.OK).Body;
            entries.AddRange(body.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    private static async Task CreateAsync(HttpClient owner, string id) =>
        (await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/datanets/{id}", new
        {
            name = $"Datanet {id}", summary = "", description = "", tags = Array.Empty<string>(), modality = "tabular", dimension = Dimension, classCount = 2,
        })).Expect(HttpStatusCode.OK);

    /// <summary>Rows of random directions in 8 dimensions: far from each other, so none is a near-duplicate.</summary>
    private static async Task SubmitAsync(HttpClient contributor, string datanet, string submissionId, int count, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(i => new { features = Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() * 2 - 1).ToArray(), label = i % 2 }).ToArray();
        var receipt = (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{datanet}/submissions", new { submissionId, rows })).Expect(HttpStatusCode.OK).Body;
        Assert.All(receipt.GetProperty("rows").EnumerateArray(), r => Assert.Equal("Pending", r.GetProperty("status").GetString()));
    }
}
