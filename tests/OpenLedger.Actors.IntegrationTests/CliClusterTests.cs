using System.Text.Json;
using Nethereum.Signer;
using OpenLedger.Actors.Cli;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>One silo over TCP for the CLI tests; each test uses its own ids.</summary>
public sealed class CliSiloFixture : IAsyncLifetime
{
    internal TcpSiloHost Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await TcpSiloHost.StartAsync($"cli-{Guid.NewGuid():N}"[..16]);

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

/// <summary>
/// The <c>openledger</c> CLI run in-process (<see cref="CliApp.RunAsync"/>) against a real silo reached over TCP
/// through the client SDK: the value trail from a CSV file to a claim, and the exit codes of its refusals.
/// </summary>
public sealed class CliClusterTests(CliSiloFixture fixture) : IClassFixture<CliSiloFixture>, IDisposable
{
    private const string OwnerKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string StrangerKey = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
    private const string Destination = "0x00000000000000000000000000000000000000d1";
    private static readonly string Digits = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
    private readonly string _folder = Directory.CreateTempSubdirectory("openledger-cli-cluster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed record Run(int Exit, string Out, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
    }

    private async Task<Run> CliAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        string[] connection = ["--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}", "--cluster-id", fixture.Silo.ClusterId, "--service-id", fixture.Silo.ClusterId];
        var exit = await CliApp.RunAsync([.. args, .. connection], output, error);
        return new Run(exit, output.ToString(), error.ToString());
    }

    private static void AssertExit(int expected, Run run) =>
        Assert.True(run.Exit == expected, $"exit {run.Exit}, expected {expected}\nstdout: {run.Out}\nstderr: {run.Error}");

    [Fact]
    public async Task The_value_trail_runs_from_a_terminal_import_approve_train_infer_balance_statement_claim()
    {
        // Import 400 digits rows from three contributors in batches of 100, with plain progress (not a terminal).
        var import = await CliAsync("datanet", "import", "--datanet", "cli-digits", "--file", Digits, "--owner", "cli-owner",
            "--contributor", "cli-c1", "--contributor", "cli-c2", "--contributor", "cli-c3", "--rows", "400", "--batch-size", "100", "--tag", "digits");
        AssertExit(ExitCodes.Ok, import);
        Assert.Contains("cli-digits (created, 64 features, 10 classes): 400 rows in 4 submissions", import.Out);
        Assert.Contains("Importing into cli-digits: done (400/400)", import.Error);
        Assert.DoesNotContain('\u001b', import.Error + import.Out); // redirected: no ANSI escape codes
        // The same import again resubmits the same batches: nothing is added.
        var again = await CliAsync("datanet", "import", "--datanet", "cli-digits", "--file", Digits, "--owner", "cli-owner",
            "--contributor", "cli-c1", "--contributor", "cli-c2", "--contributor", "cli-c3", "--rows", "400", "--batch-size", "100", "--json");
        AssertExit(ExitCodes.Ok, again);
        Assert.False(again.Json.GetProperty("created").GetBoolean());
        Assert.Equal(400, again.Json.GetProperty("pending").GetInt32());
        Assert.Equal("cli-c2", again.Json.GetProperty("submissions")[1].GetProperty("contributor").GetString());

        var approve = await CliAsync("datanet", "approve", "--datanet", "cli-digits", "--curator", "cli-owner", "--json");
        AssertExit(ExitCodes.Ok, approve);
        Assert.Equal(400, approve.Json.GetProperty("changed").GetInt32());
        Assert.Equal(1, approve.Json.GetProperty("version").GetProperty("version").GetInt32());
        Assert.Equal(400, approve.Json.GetProperty("version").GetProperty("rowCount").GetInt32());

        var train = await CliAsync("model", "train", "--model", "cli-model", "--owner", "cli-modeller", "--datanet", "cli-digits", "--fee", "1000");
        AssertExit(ExitCodes.Ok, train);
        Assert.Contains("cli-model", train.Out);
        Assert.Matches(@"\| cli-digits\s+\|\s+1 \|\s+400 \|\s+64 \|\s+10 \|", train.Out);
        Assert.Contains("Training cli-model: done (5/5)", train.Error);

        AssertExit(ExitCodes.Ok, await CliAsync("deposit", "--deposit-id", "cli-fund-1", "--account", "cli-agent", "--amount", "1000000"));
        var infer = await CliAsync("infer", "--session", "cli-session", "--payer", "cli-agent", "--model", "cli-model",
            "--file", Digits, "--skip", "1700", "--rows", "20", "--use-labels");
        AssertExit(ExitCodes.Ok, infer);
        Assert.Contains("20 inferences in session cli-session on cli-model", infer.Out);
        Assert.Equal(20 + 3, infer.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header, rule, 20 rows, summary
        Assert.Matches(@"^\|\s+row \| label \| predicted \|", infer.Out);
        // Running the same file again returns the stored results and charges nothing more.
        var replay = await CliAsync("infer", "--session", "cli-session", "--file", Digits, "--skip", "1700", "--rows", "20", "--use-labels", "--json");
        AssertExit(ExitCodes.Ok, replay);
        Assert.Equal(20, replay.Json.GetProperty("results").GetArrayLength());

        var balance = await CliAsync("balance", "cli-agent", "cli-modeller", "--json");
        AssertExit(ExitCodes.Ok, balance);
        Assert.Equal(1_000_000 - 20 * 1_000, balance.Json.GetProperty("accounts")[0].GetProperty("balance").GetInt64());
        Assert.Equal(20 * 200, balance.Json.GetProperty("accounts")[1].GetProperty("balance").GetInt64()); // the owner's 20 %

        // Statement paging: the deposit, then one line per fee posting (each inference pays several recipients), 8 per page.
        var first = await CliAsync("statement", "cli-agent", "--limit", "8", "--json");
        AssertExit(ExitCodes.Ok, first);
        var total = first.Json.GetProperty("totalLines").GetInt64();
        Assert.True(total > 20, $"{total} lines");
        Assert.Equal(8, first.Json.GetProperty("items").GetArrayLength());
        Assert.Equal(1_000_000, first.Json.GetProperty("items")[0].GetProperty("amount").GetInt64());
        var next = first.Json.GetProperty("nextAfterLine").GetInt64();
        var all = await CliAsync("statement", "cli-agent", "--after", next.ToString(System.Globalization.CultureInfo.InvariantCulture), "--limit", "8", "--all", "--json");
        var rest = all.Json.GetProperty("items");
        Assert.Equal(total - 8, rest.GetArrayLength());
        Assert.Equal(1_000_000 - 20 * 1_000, rest[rest.GetArrayLength() - 1].GetProperty("balanceAfter").GetInt64());
        Assert.Equal(JsonValueKind.Null, all.Json.GetProperty("nextAfterLine").ValueKind);
        var table = await CliAsync("statement", "cli-agent", "--limit", "8");
        var nextCursor = first.Json.GetProperty("nextCursor").GetString()!;
        Assert.Contains($"More: statement cli-agent --cursor {nextCursor} (or --after {next})", table.Out);
        var byCursor = await CliAsync("statement", "cli-agent", "--cursor", nextCursor, "--limit", "8", "--all", "--json"); // the same pages as --after
        Assert.Equal(rest.GetRawText(), byCursor.Json.GetProperty("items").GetRawText());
        var badCursor = await CliAsync("statement", "cli-agent", "--cursor", "nope", "--json");
        AssertExit(ExitCodes.BadInput, badCursor);
        Assert.Equal("page.cursor_invalid", badCursor.Json.GetProperty("error").GetProperty("code").GetString());

        // Claims: the model owner registers a wallet, signs with the key from a file, and claims part of the balance.
        var address = new EthECKey(OwnerKey).GetPublicAddress();
        AssertExit(ExitCodes.Ok, await CliAsync("account", "open", "--account", "cli-modeller", "--kind", "model-owner", "--owner-address", address));
        var keyFile = Path.Combine(_folder, "owner.key");
        await File.WriteAllTextAsync(keyFile, OwnerKey + "\n");
        var claim = await CliAsync("claim", "--claim-id", "cli-claim-1", "--account", "cli-modeller", "--amount", "1500", "--destination", Destination, "--key-file", keyFile, "--json");
        AssertExit(ExitCodes.Ok, claim);
        Assert.Equal("ok", claim.Json.GetProperty("result").GetString());
        Assert.Equal(20 * 200 - 1_500, claim.Json.GetProperty("balance").GetInt64());
        var repeated = await CliAsync("claim", "--claim-id", "cli-claim-1", "--account", "cli-modeller", "--amount", "1500", "--destination", Destination, "--key-file", keyFile);
        AssertExit(ExitCodes.Ok, repeated);
        Assert.Contains("already done earlier under this id", repeated.Out);

        // A signature made elsewhere (a wallet) is accepted as such; a stranger's key or a replayed signature is refused.
        Environment.SetEnvironmentVariable("CLI_TEST_STRANGER_KEY", StrangerKey);
        var forged = await CliAsync("claim", "--claim-id", "cli-claim-2", "--account", "cli-modeller", "--amount", "100", "--destination", Destination, "--key-env", "CLI_TEST_STRANGER_KEY");
        AssertExit(ExitCodes.Forbidden, forged);
        Assert.Contains("claim.signature_invalid", forged.Error);
        var domain = (Ledger: "main", ChainId: 1L);
        var signature = Domain.Claims.ClaimTypedData.Sign(new Domain.Claims.ClaimMessage(domain.Ledger, "cli-claim-3", "cli-modeller", 100, Destination), await ChainIdAsync(), OwnerKey);
        AssertExit(ExitCodes.Ok, await CliAsync("claim", "--claim-id", "cli-claim-3", "--account", "cli-modeller", "--amount", "100", "--destination", Destination, "--signature", signature));
        AssertExit(ExitCodes.Forbidden, await CliAsync("claim", "--claim-id", "cli-claim-4", "--account", "cli-modeller", "--amount", "100", "--destination", Destination, "--signature", signature));
        var tooMuch = await CliAsync("claim", "--claim-id", "cli-claim-5", "--account", "cli-modeller", "--amount", "1000000", "--destination", Destination, "--key-file", keyFile, "--json");
        AssertExit(ExitCodes.InsufficientFunds, tooMuch);
        Assert.Equal("ledger.insufficient_funds", tooMuch.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(ExitCodes.InsufficientFunds, tooMuch.Json.GetProperty("error").GetProperty("exitCode").GetInt32());
        // Registering the account again differently is a conflict, reported like every other error under --json.
        var conflict = await CliAsync("account", "open", "--account", "cli-modeller", "--kind", "payer", "--json");
        AssertExit(ExitCodes.Conflict, conflict);
        Assert.Equal("ledger.exists_with_different_account", conflict.Json.GetProperty("error").GetProperty("code").GetString());
        var after = await CliAsync("balance", "cli-modeller", "--json");
        Assert.Equal(20 * 200 - 1_600, after.Json.GetProperty("accounts")[0].GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Lists_page_with_limit_and_cursor_sessions_receipts_and_votes_answer_as_json()
    {
        AssertExit(ExitCodes.Ok, await CliAsync("datanet", "import", "--datanet", "cli-list", "--file", Digits, "--owner", "cli-list-owner",
            "--contributor", "cli-list-c1", "--contributor", "cli-list-c2", "--rows", "60", "--batch-size", "20"));
        // Approving every pending row names no ids: the rows are found page by page.
        var approve = await CliAsync("datanet", "approve", "--datanet", "cli-list", "--curator", "cli-list-owner", "--all-pending", "--json");
        AssertExit(ExitCodes.Ok, approve);
        Assert.Equal((60, 60, 0), (approve.Json.GetProperty("reviewed").GetInt32(), approve.Json.GetProperty("changed").GetInt32(), approve.Json.GetProperty("pending").GetInt32()));
        var both = await CliAsync("datanet", "approve", "--datanet", "cli-list", "--curator", "cli-list-owner", "--all-pending", "--row-ids", "1-2", "--json");
        AssertExit(ExitCodes.BadInput, both);
        Assert.Equal("cli.row_ids", both.Json.GetProperty("error").GetProperty("code").GetString());

        // One paging vocabulary: --limit and the --cursor the previous page printed, {items, nextCursor} with --json.
        var rows = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await CliAsync(["list", "contributions", "--datanet", "cli-list", "--limit", "25", "--json", .. cursor is null ? Array.Empty<string>() : ["--cursor", cursor]]);
            AssertExit(ExitCodes.Ok, page);
            rows.AddRange(page.Json.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("rowId").GetInt64()));
            Assert.All(page.Json.GetProperty("items").EnumerateArray(), r => Assert.Equal("approved", r.GetProperty("status").GetString()));
            cursor = page.Json.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);
        Assert.Equal((3, 60), (pages, rows.Distinct().Count()));
        var table = await CliAsync("list", "contributions", "--datanet", "cli-list", "--limit", "25");
        Assert.Contains("25 shown. More: openledger list contributions --datanet cli-list --limit 25 --cursor ", table.Out);
        var versions = await CliAsync("list", "versions", "--datanet", "cli-list", "--json");
        AssertExit(ExitCodes.Ok, versions);
        Assert.Equal(60, versions.Json.GetProperty("items")[0].GetProperty("rowCount").GetInt32());
        var submissions = await CliAsync("list", "submissions", "--contributor", "cli-list-c1", "--limit", "1", "--json");
        AssertExit(ExitCodes.Ok, submissions);
        Assert.Equal(("cli-list", 20), (submissions.Json.GetProperty("items")[0].GetProperty("datanetId").GetString(), submissions.Json.GetProperty("items")[0].GetProperty("rowCount").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, submissions.Json.GetProperty("nextCursor").ValueKind);
        foreach (var (bad, code) in new[] { (new[] { "--cursor", "not-a-cursor" }, "page.cursor_invalid"), (["--limit", "0"], "page.limit") })
        {
            var refused = await CliAsync(["list", "versions", "--datanet", "cli-list", "--json", .. bad]);
            AssertExit(ExitCodes.BadInput, refused);
            Assert.Equal(code, refused.Json.GetProperty("error").GetProperty("code").GetString());
        }

        // Sessions: open (idempotent by id), show; an inference's receipt by the id a statement line shows.
        AssertExit(ExitCodes.Ok, await CliAsync("model", "train", "--model", "cli-list-model", "--owner", "cli-list-modeller", "--datanet", "cli-list", "--fee", "100"));
        AssertExit(ExitCodes.Ok, await CliAsync("deposit", "--deposit-id", "cli-list-fund", "--account", "cli-list-agent", "--amount", "10000"));
        var open = await CliAsync("session", "open", "--session", "cli-list-s", "--payer", "cli-list-agent", "--model", "cli-list-model", "--top-k", "5", "--json");
        AssertExit(ExitCodes.Ok, open);
        Assert.Equal(("cli-list-agent", 5), (open.Json.GetProperty("payerAccount").GetString(), open.Json.GetProperty("topK").GetInt32()));
        var shown = await CliAsync("session", "show", "cli-list-s", "--json");
        AssertExit(ExitCodes.Ok, shown);
        Assert.Equal("cli-list-model", shown.Json.GetProperty("modelId").GetString());
        var noSession = await CliAsync("session", "show", "cli-list-none", "--json");
        AssertExit(ExitCodes.NotFound, noSession);
        Assert.Equal("session.not_found", noSession.Json.GetProperty("error").GetProperty("code").GetString());

        var infer = await CliAsync("infer", "--session", "cli-list-s", "--file", Digits, "--skip", "1700", "--rows", "1", "--json");
        AssertExit(ExitCodes.Ok, infer);
        var inferenceId = infer.Json.GetProperty("results")[0].GetProperty("inferenceId").GetString()!;
        var receipt = await CliAsync("receipt", "show", inferenceId, "--json");
        AssertExit(ExitCodes.Ok, receipt);
        Assert.Equal(100, receipt.Json.GetProperty("receipt").GetProperty("fee").GetInt64());
        Assert.Equal(100, receipt.Json.GetProperty("receipt").GetProperty("postings").EnumerateArray().Sum(p => p.GetProperty("amount").GetInt64()));
        var byTransfer = await CliAsync("receipt", "show", "inference:" + inferenceId);
        AssertExit(ExitCodes.Ok, byTransfer);
        Assert.Contains($"Inference {inferenceId}: model cli-list-model", byTransfer.Out);
        var noReceipt = await CliAsync("receipt", "show", "cli-list-s|no-such-key", "--json");
        AssertExit(ExitCodes.NotFound, noReceipt);
        Assert.Equal("inference.not_found", noReceipt.Json.GetProperty("error").GetProperty("code").GetString());
        var badId = await CliAsync("receipt", "show", "no-separator", "--json");
        AssertExit(ExitCodes.BadInput, badId);
        Assert.Equal("receipt.id_invalid", badId.Json.GetProperty("error").GetProperty("code").GetString());

        // Governance through the cluster: no stake, no proposal; no proposal, no vote; a vote needs a side.
        var noStake = await CliAsync("propose", "--proposal", "cli-p1", "--proposer", "cli-list-agent", "--set", "topK=20", "--json");
        AssertExit(ExitCodes.Forbidden, noStake);
        Assert.Equal("proposal.no_stake", noStake.Json.GetProperty("error").GetProperty("code").GetString());
        var unknownParameter = await CliAsync("propose", "--proposal", "cli-p1", "--proposer", "cli-list-agent", "--set", "topKay=20", "--json");
        AssertExit(ExitCodes.BadInput, unknownParameter);
        Assert.Equal("cli.parameter_invalid", unknownParameter.Json.GetProperty("error").GetProperty("code").GetString());
        var noProposal = await CliAsync("vote", "--proposal", "cli-p-none", "--voter", "cli-list-agent", "--for", "--json");
        AssertExit(ExitCodes.NotFound, noProposal);
        Assert.Equal("proposal.not_found", noProposal.Json.GetProperty("error").GetProperty("code").GetString());
        var noSide = await CliAsync("vote", "--proposal", "cli-p-none", "--voter", "cli-list-agent", "--json");
        AssertExit(ExitCodes.BadInput, noSide);
        Assert.Equal("cli.vote_choice", noSide.Json.GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<long> ChainIdAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        Client.OpenLedgerClientHostExtensions.AddOpenLedgerClient(builder, o => (o.GatewayPort, o.ClusterId, o.ServiceId) = (fixture.Silo.GatewayPort, fixture.Silo.ClusterId, fixture.Silo.ClusterId));
        using var host = builder.Build();
        await host.StartAsync();
        var domain = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Client.OpenLedgerClient>(host.Services).GetClaimDomainAsync();
        await host.StopAsync();
        return domain.ChainId;
    }

    [Fact]
    public async Task Refusals_and_bad_input_exit_with_documented_codes()
    {
        // Usage errors: a missing required option, an unknown command.
        AssertExit(ExitCodes.BadInput, await CliAsync("datanet", "import", "--datanet", "x"));
        AssertExit(ExitCodes.BadInput, await CliAsync("no-such-command"));
        // A bad CSV, reported as JSON with --json.
        var badCsv = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(badCsv, "a,b,label\n1,oops,0\n");
        var bad = await CliAsync("datanet", "import", "--datanet", "cli-err", "--file", badCsv, "--owner", "cli-err-owner", "--json");
        AssertExit(ExitCodes.BadInput, bad);
        Assert.Equal("cli.input", bad.Json.GetProperty("error").GetProperty("code").GetString());
        // The cluster's validation: an id with a forbidden character.
        AssertExit(ExitCodes.BadInput, await CliAsync("deposit", "--deposit-id", "d|1", "--account", "cli-err-agent", "--amount", "5"));
        AssertExit(ExitCodes.BadInput, await CliAsync("deposit", "--deposit-id", "d-1", "--account", "cli-err-agent", "--amount", "-5"));

        // Not found: a Datanet, a session, an account the ledger never saw.
        var missing = await CliAsync("datanet", "approve", "--datanet", "cli-nothing-here", "--curator", "someone", "--json");
        AssertExit(ExitCodes.NotFound, missing);
        Assert.Equal("datanet.not_found", missing.Json.GetProperty("error").GetProperty("code").GetString());
        AssertExit(ExitCodes.NotFound, await CliAsync("infer", "--session", "cli-no-session", "--file", Digits, "--rows", "1"));
        // An account the ledger never saw: the same exit code and error code for balance and statement.
        var unknownBalance = await CliAsync("balance", "cli-never-seen", "--json");
        AssertExit(ExitCodes.NotFound, unknownBalance);
        Assert.Equal("account.not_found", unknownBalance.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.False(unknownBalance.Json.GetProperty("accounts")[0].GetProperty("known").GetBoolean());
        var unknownStatement = await CliAsync("statement", "cli-never-seen", "--json");
        AssertExit(ExitCodes.NotFound, unknownStatement);
        Assert.Equal("account.not_found", unknownStatement.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("account.not_found", (await CliAsync("statement", "cli-never-seen")).Error);
        AssertExit(ExitCodes.NotFound, await CliAsync("model", "train", "--model", "cli-err-model", "--owner", "o", "--datanet", "cli-nothing-here"));

        // Forbidden: someone other than the owner approving; conflict: the same model id with another fee.
        AssertExit(ExitCodes.Ok, await CliAsync("datanet", "import", "--datanet", "cli-err", "--file", Digits, "--owner", "cli-err-owner", "--rows", "120", "--batch-size", "60"));
        var stranger = await CliAsync("datanet", "approve", "--datanet", "cli-err", "--curator", "cli-stranger");
        AssertExit(ExitCodes.Forbidden, stranger);
        Assert.Contains("datanet.not_curator", stranger.Error);
        AssertExit(ExitCodes.BadInput, await CliAsync("datanet", "approve", "--datanet", "cli-err", "--curator", "cli-err-owner", "--row-ids", "5-2"));
        AssertExit(ExitCodes.NotFound, await CliAsync("datanet", "approve", "--datanet", "cli-err", "--curator", "cli-err-owner", "--row-ids", "1-10,999"));
        AssertExit(ExitCodes.Ok, await CliAsync("datanet", "approve", "--datanet", "cli-err", "--curator", "cli-err-owner"));
        var trained = await CliAsync("model", "train", "--model", "cli-err-model", "--owner", "cli-err-modeller", "--datanet", "cli-err", "--fee", "500", "--json");
        AssertExit(ExitCodes.Ok, trained);
        Assert.Equal("cli-err-model", trained.Json.GetProperty("id").GetString()); // progress went to standard error: stdout is the model alone
        Assert.Equal(500, trained.Json.GetProperty("feePerInference").GetInt64());
        var conflict = await CliAsync("model", "train", "--model", "cli-err-model", "--owner", "cli-err-modeller", "--datanet", "cli-err", "--fee", "900");
        AssertExit(ExitCodes.Conflict, conflict);
        Assert.Contains("model.exists", conflict.Error);
        // A different Datanet schema than the file's.
        var narrow = Path.Combine(_folder, "narrow.csv");
        await File.WriteAllTextAsync(narrow, "a,b,label\n1,2,0\n3,4,1\n");
        AssertExit(ExitCodes.BadInput, await CliAsync("datanet", "import", "--datanet", "cli-err", "--file", narrow, "--owner", "cli-err-owner"));

        // A payer the ledger never saw; one whose balance does not cover the fee; a claim signer with no key source.
        var unknownPayer = await CliAsync("infer", "--session", "cli-nobody", "--payer", "cli-nobody-agent", "--model", "cli-err-model", "--file", Digits, "--skip", "1700", "--rows", "2", "--json");
        AssertExit(ExitCodes.NotFound, unknownPayer);
        Assert.Equal("payer.not_found", unknownPayer.Json.GetProperty("error").GetProperty("code").GetString());
        AssertExit(ExitCodes.Ok, await CliAsync("deposit", "--deposit-id", "cli-broke-fund", "--account", "cli-broke-agent", "--amount", "100"));
        var broke = await CliAsync("infer", "--session", "cli-broke", "--payer", "cli-broke-agent", "--model", "cli-err-model", "--file", Digits, "--skip", "1700", "--rows", "2", "--json");
        AssertExit(ExitCodes.InsufficientFunds, broke);
        Assert.Equal("payer.insufficient_funds", broke.Json.GetProperty("error").GetProperty("code").GetString());
        AssertExit(ExitCodes.BadInput, await CliAsync("claim", "--claim-id", "c", "--account", "a", "--amount", "1", "--destination", Destination));
        var keyFile = Path.Combine(_folder, "short.key");
        await File.WriteAllTextAsync(keyFile, "0x1234");
        AssertExit(ExitCodes.BadInput, await CliAsync("claim", "--claim-id", "c", "--account", "a", "--amount", "1", "--destination", Destination, "--key-file", keyFile));
    }

    [Fact]
    public async Task A_connection_profile_names_the_cluster_once_and_options_override_it()
    {
        var profile = Path.Combine(_folder, "profile.json");
        await File.WriteAllTextAsync(profile, $$"""
            {
              // the cluster, once, for every command
              "gateway": "127.0.0.1:{{fixture.Silo.GatewayPort}}",
              "clusterId": "{{fixture.Silo.ClusterId}}",
              "serviceId": "{{fixture.Silo.ClusterId}}",
              "connectTimeout": 20,
            }
            """);
        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(ExitCodes.Ok, await CliApp.RunAsync(["deposit", "--deposit-id", "cli-profile-1", "--account", "cli-profile-agent", "--amount", "70", "--profile", profile, "--json"], output, error));
        using (var deposit = JsonDocument.Parse(output.ToString())) Assert.Equal(70, deposit.RootElement.GetProperty("balance").GetInt64());

        // An option on the command line wins over the profile: here an unreachable gateway.
        (output, error) = (new StringWriter(), new StringWriter());
        var port = FreePorts.One();
        var exit = await CliApp.RunAsync(["balance", "cli-profile-agent", "--profile", profile, "--gateway", $"127.0.0.1:{port}", "--connect-timeout", "2"], output, error);
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains($"gateway 127.0.0.1:{port}", error.ToString());
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_with_code_7_and_bad_connection_options_with_2()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(["balance", "anyone", "--gateway", $"127.0.0.1:{FreePorts.One()}", "--connect-timeout", "2"], output, error);
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("cluster.unreachable", error.ToString());

        Assert.Equal(ExitCodes.BadInput, await CliApp.RunAsync(["balance", "anyone", "--gateway", "localhost:99999"], output, error));
        Assert.Equal(ExitCodes.BadInput, await CliApp.RunAsync(["balance", "anyone", "--azure-storage", "not a connection string"], output, error));
    }
}
