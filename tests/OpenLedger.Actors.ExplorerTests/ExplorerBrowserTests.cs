using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.ExplorerTests;

/// <summary>
/// The explorer as a person uses it, in Chromium, against a silo that ran the demo: every figure checked here is
/// read off the rendered page and compared with what the ledger (or the owning grain) says through the grain client.
/// </summary>
[Collection(ExplorerCollection.Name)]
public sealed class ExplorerBrowserTests(ExplorerFixture fixture)
{
    /// <summary>
    /// Waits until the page shows a document whose URL matches <paramref name="url"/> (a regular expression) and that
    /// document is parsed. Both are polled — the URL by Playwright's assertion, the ready state inside the page — never
    /// awaited as events: the .NET client's <c>WaitForURLAsync</c> checks the URL, then subscribes to navigation
    /// events, and a navigation that commits in between is never seen (microsoft/playwright-dotnet#3364). That is how CI
    /// once timed out at the model page although the browser had navigated there and fired load. The bound is the
    /// fixture's page timeout (a stuck page, not a speed assertion).
    /// </summary>
    private static async Task ArriveAsync(IPage page, string url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(url), new() { Timeout = ExplorerFixture.PageTimeoutMs });
        await page.WaitForFunctionAsync("document.readyState !== 'loading'");
    }

    [Fact]
    public async Task Home_page_lists_the_demo_and_its_totals_equal_the_ledgers()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync("/explorer");
        Assert.Equal(200, response!.Status);
        Assert.Contains("default-src 'none'", (await response.AllHeadersAsync())["content-security-policy"]);

        Assert.Equal(ExplorerFixture.Inferences, Integer(await page.TextContentAsync("#inference-count")));
        var charged = 0L;
        foreach (var platform in ExplorerFixture.Platforms)
            charged += ExplorerFixture.FeePerInference * ExplorerFixture.Inferences - await fixture.Ledger.GetBalanceAsync(platform);
        Assert.Equal(charged, Integer(await page.TextContentAsync("#fees-charged")));
        Assert.Equal(ExplorerFixture.Inferences * ExplorerFixture.FeePerInference, charged);

        Assert.Contains("Handwritten digits", await page.TextContentAsync("#datanets"));
        Assert.Contains("digits-lr-v1", await page.TextContentAsync("#models"));
        Assert.Equal(25, await page.Locator("#feed-table tbody tr").CountAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("document.scripts.length"));
        await fixture.ScreenshotAsync(page, "01-home");

        await page.ClickAsync("a[rel=next]");
        await ArriveAsync(page, @"/explorer\?page=2$");
        Assert.Equal(ExplorerFixture.Inferences - 25, Integer(await page.Locator("#feed-table tbody tr td").First.TextContentAsync()));
    }

    [Fact]
    public async Task An_inference_shows_its_receipt_with_the_ledgers_amounts_and_leads_to_a_contributors_statement()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/explorer");
        await page.Locator("#feed-table a.inference").First.ClickAsync();
        await ArriveAsync(page, "/explorer/inferences/[^/]+$");
        var inferenceId = (await page.TextContentAsync("h1 code"))!;
        Assert.True(await page.Locator("#value-trail path").CountAsync() > 2, "the value trail is drawn");

        // The amounts on the page are the receipt's and the ledger's: each credited account's statement has a line
        // referencing this inference with exactly that amount.
        var receipt = (await fixture.Ledger.GetInferenceAsync(inferenceId))!.Receipt;
        var shown = new List<(string Account, long Amount)>();
        foreach (var row in await page.Locator("#postings tr.posting").AllAsync())
            shown.Add(((await row.GetAttributeAsync("data-account"))!, Integer(await row.Locator("td.amount").TextContentAsync())));
        Assert.Equal(receipt.Postings.Select(p => (p.CreditAccount, p.Amount)), shown);
        Assert.Equal(receipt.Fee, Integer(await page.TextContentAsync("#postings-total")));
        foreach (var (paidAccount, amount) in shown)
        {
            var line = await FindStatementLineAsync(paidAccount, inferenceId);
            Assert.Equal(amount, line.Amount);
        }
        await fixture.ScreenshotAsync(page, "02-inference");

        // From the receipt to the contributor who was paid most, and on to their ledger statement.
        var contributor = receipt.Postings.Where(p => p.Code == "fee.contributor").MaxBy(p => p.Amount)!.CreditAccount;
        await page.ClickAsync($"#postings tr.posting[data-account=\"{contributor}\"] a.account");
        await ArriveAsync(page, "/explorer/accounts/" + Regex.Escape(Uri.EscapeDataString(contributor)) + "$");
        var account = await fixture.Ledger.GetAccountAsync(contributor);
        Assert.Equal(0, await page.Locator("#balance").CountAsync()); // earnings only: no balance on a public page
        Assert.Equal(account!.Balance, Integer(await page.TextContentAsync("#earned"))); // the demo claims nothing: earned = balance
        var statement = await fixture.Ledger.GetStatementAsync(contributor, 0, 50);
        var lines = await page.Locator("#statement tr.line").AllAsync();
        Assert.Equal(statement.Entries.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal(statement.Entries[i].Amount, Integer(await lines[i].Locator("td.amount").TextContentAsync()));
            Assert.Contains(statement.Entries[i].Reference!, await lines[i].TextContentAsync());
        }
        Assert.True(await page.Locator("#earnings-chart rect").CountAsync() >= 1, "the earnings chart is drawn");
        await fixture.ScreenshotAsync(page, "03-contributor");

        // And back: a statement line's reference opens the inference that paid it.
        var first = statement.Entries[0];
        await page.Locator("#statement a.inference").First.ClickAsync();
        await ArriveAsync(page, "/explorer/inferences/[^/]+$");
        Assert.Equal(first.Reference, await page.TextContentAsync("h1 code"));
    }

    [Fact]
    public async Task The_leaderboard_ranks_accounts_by_exactly_their_ledger_balances()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/explorer/leaderboard");
        var rows = await page.Locator("#leaderboard tr.standing").AllAsync();
        Assert.Equal(ExplorerFixture.Contributors + 3, rows.Count); // contributors, model owner, curator, protocol
        var accounts = new List<string>();
        var earned = new List<long>();
        foreach (var row in rows)
        {
            accounts.Add((await row.GetAttributeAsync("data-account"))!);
            earned.Add(Integer(await row.Locator("td.earned").TextContentAsync()));
        }
        var balances = await fixture.Grains.GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalancesAsync(accounts);
        Assert.Equal(accounts.Select(a => balances[a]), earned);
        Assert.Equal(earned.OrderDescending(), earned);
        Assert.Equal(ExplorerFixture.Inferences * ExplorerFixture.FeePerInference, earned.Sum());
        await fixture.ScreenshotAsync(page, "04-leaderboard");

        // One role: only the contributors, ranked among themselves, with shares of the contributors' total (as the demo prints them).
        await page.ClickAsync("#roles a[href$='role=contributor']");
        await ArriveAsync(page, @"/explorer/leaderboard\?role=contributor$");
        var contributorRows = await page.Locator("#leaderboard tr.standing").AllAsync();
        Assert.Equal(ExplorerFixture.Contributors, contributorRows.Count);
        var pool = accounts.Zip(earned).Where(x => x.First.StartsWith("contributor-", StringComparison.Ordinal)).Sum(x => x.Second);
        for (var i = 0; i < contributorRows.Count; i++)
        {
            var account = (await contributorRows[i].GetAttributeAsync("data-account"))!;
            Assert.StartsWith("contributor-", account);
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), await contributorRows[i].Locator("td").First.TextContentAsync());
            var amount = Integer(await contributorRows[i].Locator("td.earned").TextContentAsync());
            Assert.Equal(balances[account], amount);
            Assert.Equal(((double)amount / pool).ToString("P1", CultureInfo.InvariantCulture), await contributorRows[i].Locator("td.share").TextContentAsync());
        }
        Assert.Equal(400, (await page.GotoAsync("/explorer/leaderboard?role=nobody"))!.Status);
    }

    [Fact]
    public async Task Datanet_and_model_pages_show_what_their_grains_hold()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/explorer");
        await page.ClickAsync("#datanets a[href='/explorer/datanets/digits']");
        await ArriveAsync(page, "/explorer/datanets/digits$");
        var datanet = await fixture.Grains.GetGrain<IDatanetGrain>("digits").GetInfoAsync();
        Assert.Equal(ExplorerFixture.Contributors, await page.Locator("#contributors tbody tr").CountAsync());
        Assert.Equal(datanet.Versions.Count, await page.Locator("#versions tbody tr").CountAsync());
        var rate = (double)datanet.ApprovedCount / (datanet.ApprovedCount + datanet.RejectedCount);
        Assert.Equal(rate.ToString("P1", CultureInfo.InvariantCulture), await page.TextContentAsync("#acceptance-rate"));
        var newest = await fixture.Grains.GetGrain<IDatanetGrain>("digits").ListRejectionsAsync(null, 10); // the demo rejects 1 % of rows, with a reason
        Assert.NotEmpty(newest);
        Assert.Equal(newest.Count, await page.Locator("#rejections tbody tr").CountAsync());
        Assert.Contains(newest[0].Reason!, await page.Locator("#rejections tbody tr").First.TextContentAsync());
        await fixture.ScreenshotAsync(page, "05-datanet");

        await page.GotoAsync("/explorer");
        await page.ClickAsync("#models a[href='/explorer/models/digits-lr-v1']"); // the demo's model, not whichever link is first
        await ArriveAsync(page, "/explorer/models/digits-lr-v1$");
        var model = await fixture.Ledger.GetModelAsync("digits-lr-v1");
        Assert.Equal(model.FeePerInference, Integer(await page.TextContentAsync("#fee")));
        Assert.Equal(model.TrainingAccuracy.ToString("P1", CultureInfo.InvariantCulture), await page.TextContentAsync("#accuracy"));
        Assert.Contains(model.Manifest.VersionArtifactKey, await page.TextContentAsync("#manifest"));
        await fixture.ScreenshotAsync(page, "06-model");
    }

    [Fact]
    public async Task Hostile_input_is_shown_as_text_and_private_accounts_have_no_page()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync("/explorer/datanets/" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"));
        Assert.Equal(404, response!.Status);
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Contains("<img src=x onerror=alert(1)>", await page.TextContentAsync("p.error"));

        // A payer's balance is its own business: only accounts that fees have paid have a page.
        Assert.Equal(404, (await page.GotoAsync("/explorer/accounts/agent-platform-1"))!.Status);
        Assert.Equal(400, (await page.GotoAsync("/explorer?page=0"))!.Status);
        Assert.Equal(400, (await page.GotoAsync("/explorer/inferences/not-an-inference-id"))!.Status);
    }

    /// <summary>
    /// At a phone's width (390 px) no page is wider than the screen (wide tables and charts scroll inside their own box),
    /// the value trail's labels stay readable (at least 9 px tall, not shrunk with the diagram), and the earnings chart has
    /// both axes' ticks, its grid and a legend.
    /// </summary>
    [Fact]
    public async Task At_a_phone_width_pages_fit_the_screen_and_chart_labels_stay_readable()
    {
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        async Task FitsTheScreenAsync(string what) =>
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
                $"{what} is wider than the screen: {await page.EvaluateAsync<int>("document.documentElement.scrollWidth")} px");

        await page.GotoAsync("/explorer");
        await FitsTheScreenAsync("the home page");
        await fixture.ScreenshotAsync(page, "mobile-01-home");

        await page.Locator("#feed-table a.inference").First.ClickAsync();
        await ArriveAsync(page, "/explorer/inferences/[^/]+$");
        await FitsTheScreenAsync("the inference page");
        var smallestLabel = await page.EvaluateAsync<double>("Math.min(...[...document.querySelectorAll('#value-trail text')].map(t => t.getBoundingClientRect().height))");
        Assert.True(smallestLabel >= 9, $"the value trail's smallest label is {smallestLabel:F1} px tall");
        await fixture.ScreenshotAsync(page, "mobile-02-inference");

        var receipt = (await fixture.Ledger.GetInferenceAsync((await page.TextContentAsync("h1 code"))!))!.Receipt;
        var contributor = receipt.Postings.First(p => p.Code == "fee.contributor").CreditAccount;
        await page.GotoAsync("/explorer/accounts/" + Uri.EscapeDataString(contributor));
        await FitsTheScreenAsync("the account page");
        Assert.Equal(10, await page.Locator("#earnings-chart text.tick").CountAsync()); // five ticks on each axis
        Assert.Equal(5, await page.Locator("#earnings-chart line.grid").CountAsync());
        Assert.Contains("running total", await page.Locator("#earnings-chart .legend").TextContentAsync());
        await fixture.ScreenshotAsync(page, "mobile-03-contributor");

        await page.GotoAsync("/explorer/datanets/digits");
        await FitsTheScreenAsync("the Datanet page (contributors and rejected rows)");
        await fixture.ScreenshotAsync(page, "mobile-04-datanet");
    }

    /// <summary>The search form in every page's header finds Datanets and models by part of their id, in any case.</summary>
    [Fact]
    public async Task The_header_search_finds_datanets_and_models_by_part_of_their_id()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/explorer/leaderboard");
        await page.FillAsync("header form.search input[name=q]", "DIGITS");
        await page.ClickAsync("header form.search button");
        await ArriveAsync(page, @"/explorer/search\?q=DIGITS$");
        Assert.Equal("DIGITS", await page.TextContentAsync("#query"));
        Assert.StartsWith("1 found", await page.TextContentAsync("#model-matches"));
        Assert.Contains("digits-lr-v1", await page.Locator("main table").Last.TextContentAsync());
        Assert.True(await page.Locator("main table").First.Locator("a").CountAsync() >= 1, "the digits Datanet is listed");
        await fixture.ScreenshotAsync(page, "07-search");
        await page.Locator("main table").Last.Locator("a", new() { HasText = "digits-lr-v1" }).First.ClickAsync();
        await ArriveAsync(page, "/explorer/models/digits-lr-v1$");

        await page.GotoAsync("/explorer/search?q=no-such-id-anywhere");
        Assert.StartsWith("0 found", await page.TextContentAsync("#datanet-matches"));
        Assert.Equal(400, (await page.GotoAsync("/explorer/search?q=" + new string('x', 101)))!.Status);
        Assert.Equal(400, (await page.GotoAsync("/explorer/search?q=%20"))!.Status);
    }

    private async Task<StatementEntry> FindStatementLineAsync(string account, string inferenceId)
    {
        for (long after = 0; ;)
        {
            var statement = await fixture.Ledger.GetStatementAsync(account, after, 1_000);
            if (statement.Entries.FirstOrDefault(e => e.Reference == inferenceId) is { } line) return line;
            after = statement.NextAfterLine ?? throw new Xunit.Sdk.XunitException($"{account}'s statement has no line for {inferenceId}.");
        }
    }

    /// <summary>The integer in a figure such as "1,234 µ" (digits grouped by commas on the page).</summary>
    private static long Integer(string? text) =>
        long.Parse(new string((text ?? "").Where(c => char.IsAsciiDigit(c) || c == '-').ToArray()), CultureInfo.InvariantCulture);
}
