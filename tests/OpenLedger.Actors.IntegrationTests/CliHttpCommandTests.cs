using System.Text.Json;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Cli;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.IntegrationTests.Http;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The CLI's commands that go through the HTTP API with an API key (<c>key issue|revoke</c>, <c>stake</c>, <c>receipt get|inclusion</c>,
/// <c>transparency head|key|consistency</c>, <c>ledger summary|claimables</c>) against a real server, next to its cluster commands
/// (<c>propose</c>, <c>vote</c>, <c>list</c>) on the same silo's gateway: each one's <c>--json</c> output and exit code, and its
/// refusals as error objects with the problem's code.
/// </summary>
public sealed class CliHttpCommandTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private readonly string _operatorKeyVariable = $"CLI_TEST_OPERATOR_KEY_{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync($"clihttp-{Guid.NewGuid():N}"[..16], new Dictionary<string, string?>
        {
            ["OpenLedger:Governance:VotingDelay"] = "00:00:00",
            ["OpenLedger:Governance:VotingPeriod"] = "00:00:08", // long enough for the CLI runs that vote, short enough to wait out
            ["OpenLedger:Governance:Timelock"] = "00:00:00",
            ["OpenLedger:Governance:VoterCapBps"] = "10000",
        });
        Environment.SetEnvironmentVariable(_operatorKeyVariable, _host.OperatorKey);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_operatorKeyVariable, null);
        await _host.DisposeAsync();
    }

    private sealed record Run(int Exit, string Out, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
        public string? Code => Json.GetProperty("error").GetProperty("code").GetString();
    }

    /// <summary>An HTTP command with the key held in <paramref name="keyVariable"/>.</summary>
    private async Task<Run> HttpAsync(string keyVariable, params string[] args) =>
        await RunAsync([.. args, "--api-url", _host.BaseAddress.ToString(), "--api-key-env", keyVariable]);

    /// <summary>A cluster command through the silo's gateway.</summary>
    private async Task<Run> ClusterAsync(params string[] args) =>
        await RunAsync([.. args, "--gateway", $"127.0.0.1:{_host.GatewayPort}", "--cluster-id", _host.ClusterId, "--service-id", _host.ClusterId]);

    private static async Task<Run> RunAsync(string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(args, output, error);
        return new Run(exit, output.ToString(), error.ToString());
    }

    private static void AssertExit(int expected, Run run) =>
        Assert.True(run.Exit == expected, $"exit {run.Exit}, expected {expected}\nstdout: {run.Out}\nstderr: {run.Error}");

    [Fact]
    public async Task Keys_are_issued_and_revoked_accounts_stake_with_their_own_key_and_stakers_propose_and_vote()
    {
        // An operator issues a key for alice; it is printed once.
        var issued = await HttpAsync(_operatorKeyVariable, "key", "issue", "--account", "cli-alice", "--role", ApiRoles.Contributor, "--json");
        AssertExit(ExitCodes.Ok, issued);
        Assert.Equal(["contributor"], issued.Json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var aliceVariable = $"CLI_TEST_ALICE_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(aliceVariable, issued.Json.GetProperty("apiKey").GetString());
        try
        {
            var badRole = await HttpAsync(_operatorKeyVariable, "key", "issue", "--account", "cli-alice", "--role", "admiral", "--json");
            AssertExit(ExitCodes.BadInput, badRole);
            Assert.Equal("api_key.roles", badRole.Code);
            var notOperator = await HttpAsync(aliceVariable, "key", "issue", "--account", "cli-alice", "--role", ApiRoles.Operator, "--json");
            AssertExit(ExitCodes.Forbidden, notOperator);
            Assert.Equal("auth.role_required", notOperator.Code);

            // Alice stakes from her own balance (once per stake id), not from anyone else's.
            AssertExit(ExitCodes.Ok, await ClusterAsync("deposit", "--deposit-id", "cli-alice-fund", "--account", "cli-alice", "--amount", "5000"));
            var stake = await HttpAsync(aliceVariable, "stake", "--account", "cli-alice", "--stake-id", "s-1", "--amount", "4000", "--json");
            AssertExit(ExitCodes.Ok, stake);
            Assert.Equal(4_000, stake.Json.GetProperty("standing").GetProperty("stake").GetInt64());
            var again = await HttpAsync(aliceVariable, "stake", "--account", "cli-alice", "--stake-id", "s-1", "--amount", "4000");
            AssertExit(ExitCodes.Ok, again);
            Assert.Contains("cli-alice: stake 4,000", again.Out);
            var someoneElses = await HttpAsync(aliceVariable, "stake", "--account", "cli-bob", "--stake-id", "s-2", "--amount", "1", "--json");
            AssertExit(ExitCodes.Forbidden, someoneElses);
            Assert.Equal("auth.not_account_owner", someoneElses.Code);
            var tooMuch = await HttpAsync(aliceVariable, "stake", "--account", "cli-alice", "--stake-id", "s-3", "--amount", "999999", "--json");
            Assert.NotEqual(ExitCodes.Ok, tooMuch.Exit);
            Assert.Equal(tooMuch.Exit, tooMuch.Json.GetProperty("error").GetProperty("exitCode").GetInt32());

            // Stakers propose and vote through the cluster.
            var proposal = await ClusterAsync("propose", "--proposal", "cli-p", "--proposer", "cli-alice", "--set", "topK=12", "--json");
            AssertExit(ExitCodes.Ok, proposal);
            Assert.Equal((12, 4_000L), (proposal.Json.GetProperty("proposed").GetProperty("topK").GetInt32(), proposal.Json.GetProperty("totalStake").GetInt64()));
            var vote = await ClusterAsync("vote", "--proposal", "cli-p", "--voter", "cli-alice", "--for", "--json");
            AssertExit(ExitCodes.Ok, vote);
            Assert.True(vote.Json.GetProperty("votesFor").GetInt64() > 0);
            var changedMind = await ClusterAsync("vote", "--proposal", "cli-p", "--voter", "cli-alice", "--against", "--json");
            AssertExit(ExitCodes.Conflict, changedMind);
            var early = await ClusterAsync("execute", "--proposal", "cli-p", "--json");
            AssertExit(ExitCodes.BadInput, early);
            Assert.Equal("proposal.not_succeeded", early.Code);
            var votingEnds = proposal.Json.GetProperty("votingEndsAt").GetDateTimeOffset();
            await Task.Delay(votingEnds - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
            var executed = await ClusterAsync("execute", "--proposal", "cli-p", "--json");
            AssertExit(ExitCodes.Ok, executed);
            Assert.Equal((2, 12), (executed.Json.GetProperty("version").GetInt32(), executed.Json.GetProperty("parameters").GetProperty("topK").GetInt32()));
            var executedAgain = await ClusterAsync("execute", "--proposal", "cli-p");
            AssertExit(ExitCodes.Ok, executedAgain);
            Assert.Contains("Parameters version 2 (proposal cli-p) in force since", executedAgain.Out);

            // Revoking: once done, the key is refused; an unknown key id is not found.
            var keyId = issued.Json.GetProperty("keyId").GetString()!;
            var revoked = await HttpAsync(_operatorKeyVariable, "key", "revoke", keyId, "--json");
            AssertExit(ExitCodes.Ok, revoked);
            Assert.True(revoked.Json.GetProperty("revoked").GetBoolean());
            var refused = await HttpAsync(aliceVariable, "stake", "--account", "cli-alice", "--stake-id", "s-4", "--amount", "1", "--json");
            AssertExit(ExitCodes.Forbidden, refused);
            Assert.Equal("auth.key_invalid", refused.Code);
            var unknown = await HttpAsync(_operatorKeyVariable, "key", "revoke", "no-such-key", "--json");
            AssertExit(ExitCodes.NotFound, unknown);
            Assert.Equal("api_key.not_found", unknown.Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable(aliceVariable, null);
        }
    }

    [Fact]
    public async Task Receipts_their_inclusion_and_the_log_fetched_by_the_cli_verify_offline_and_the_ledger_reads_as_an_operator()
    {
        var scenario = new Scenario(_host.Grains, "clitl") { TrainingRows = 100 };
        await scenario.SetUpAsync();
        var first = await scenario.Session.InferAsync(new InferenceRequest("q-1", scenario.QueryFeatures(0)));
        var folder = Directory.CreateTempSubdirectory("cli-verify-");
        try
        {
            // receipt get + receipt inclusion + transparency key, each --json into a file: verify receipt checks them offline.
            string Save(string name, Run run)
            {
                AssertExit(ExitCodes.Ok, run);
                var path = Path.Combine(folder.FullName, name);
                File.WriteAllText(path, run.Out);
                return path;
            }
            var receipt = Save("receipt.json", await HttpAsync(_operatorKeyVariable, "receipt", "get", first.InferenceId, "--json"));
            Assert.Equal(first.Receipt.Fee, JsonDocument.Parse(File.ReadAllText(receipt)).RootElement.GetProperty("fee").GetInt64());
            var inclusion = Save("inclusion.json", await LoggedAsync(first.InferenceId));
            var key = Save("key.json", await HttpAsync(_operatorKeyVariable, "transparency", "key", "--json"));
            var verified = await RunAsync(["verify", "receipt", "--inference", first.InferenceId, "--receipt", receipt, "--inclusion", inclusion, "--key", key, "--json"]);
            AssertExit(ExitCodes.Ok, verified);
            Assert.True(verified.Json.GetProperty("verified").GetBoolean());

            // A head kept now, a later receipt, and the consistency proof between the two heads: the log only grew.
            var earlier = Save("earlier-head.json", await HttpAsync(_operatorKeyVariable, "transparency", "head", "--json"));
            var earlierSize = JsonDocument.Parse(File.ReadAllText(earlier)).RootElement.GetProperty("size").GetInt64();
            var second = await scenario.Session.InferAsync(new InferenceRequest("q-2", scenario.QueryFeatures(1)));
            var receipt2 = Save("receipt-2.json", await HttpAsync(_operatorKeyVariable, "receipt", "get", second.InferenceId, "--json"));
            var inclusion2Run = await LoggedAsync(second.InferenceId);
            var inclusion2 = Save("inclusion-2.json", inclusion2Run);
            var laterSize = inclusion2Run.Json.GetProperty("head").GetProperty("size").GetInt64();
            var consistency = Save("consistency.json", await HttpAsync(_operatorKeyVariable, "transparency", "consistency", "--from", $"{earlierSize}", "--to", $"{laterSize}", "--json"));
            var grew = await RunAsync(["verify", "receipt", "--inference", second.InferenceId, "--receipt", receipt2, "--inclusion", inclusion2, "--key", key,
                "--earlier-head", earlier, "--consistency", consistency, "--json"]);
            AssertExit(ExitCodes.Ok, grew);
            Assert.Equal(7, grew.Json.GetProperty("checks").GetArrayLength());
            var wrongReceipt = await RunAsync(["verify", "receipt", "--inference", first.InferenceId, "--receipt", receipt2, "--inclusion", inclusion, "--key", key, "--json"]);
            AssertExit(ExitCodes.Mismatch, wrongReceipt);

            // Plain output, and refusals by HTTP status.
            var head = await HttpAsync(_operatorKeyVariable, "transparency", "head");
            AssertExit(ExitCodes.Ok, head);
            Assert.Contains("Log receipts: ", head.Out);
            var noLog = await HttpAsync(_operatorKeyVariable, "transparency", "head", "--log", "no-such-log", "--json");
            AssertExit(ExitCodes.NotFound, noLog);
            Assert.Equal("transparency.log_not_found", noLog.Code);
            var backwards = await HttpAsync(_operatorKeyVariable, "transparency", "consistency", "--from", $"{laterSize}", "--to", "1", "--json");
            AssertExit(ExitCodes.BadInput, backwards);
            var noReceipt = await HttpAsync(_operatorKeyVariable, "receipt", "inclusion", "no-session|no-key", "--json");
            AssertExit(ExitCodes.NotFound, noReceipt);
            Assert.Equal("inference.not_found", noReceipt.Code);
            Assert.Contains("fee 1000", (await HttpAsync(_operatorKeyVariable, "receipt", "get", first.InferenceId)).Out);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        // The ledger as an operator sees it: totals, and one account's claimable balance with its proof (once it names a wallet).
        var summary = await HttpAsync(_operatorKeyVariable, "ledger", "summary", "--json");
        AssertExit(ExitCodes.Ok, summary);
        Assert.Equal((0L, 10_000_000L), (summary.Json.GetProperty("balanceSum").GetInt64(), summary.Json.GetProperty("deposited").GetInt64()));
        var contributor = first.Receipt.Postings.First(p => p.CreditAccount.StartsWith("contrib-clitl", StringComparison.Ordinal)).CreditAccount;
        var nothingYet = await HttpAsync(_operatorKeyVariable, "ledger", "claimables", contributor, "--json");
        AssertExit(ExitCodes.NotFound, nothingYet);
        Assert.Equal("claimable.not_found", nothingYet.Code);
        AssertExit(ExitCodes.Ok, await ClusterAsync("account", "open", "--account", contributor, "--kind", "contributor", "--owner-address", "0x00000000000000000000000000000000000000c1"));
        var claimable = await HttpAsync(_operatorKeyVariable, "ledger", "claimables", contributor, "--json");
        AssertExit(ExitCodes.Ok, claimable);
        var balance = await _host.Ledger.GetBalanceAsync(contributor);
        Assert.Equal((contributor, balance), (claimable.Json.GetProperty("account").GetString(), claimable.Json.GetProperty("amount").GetInt64()));
        Assert.Matches("^(0x)?[0-9a-f]{64}$", claimable.Json.GetProperty("root").GetString()!);
        Assert.Contains($"{contributor}: ", (await HttpAsync(_operatorKeyVariable, "ledger", "claimables", contributor)).Out);
        Assert.Contains("| transfers ", (await HttpAsync(_operatorKeyVariable, "ledger", "summary")).Out);
        var platformVariable = $"CLI_TEST_PLATFORM_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(platformVariable, await _host.IssueKeyAsync("cli-platform", ApiRoles.Platform));
        try
        {
            var notOperator = await HttpAsync(platformVariable, "ledger", "summary", "--json");
            AssertExit(ExitCodes.Forbidden, notOperator);
            Assert.Equal("auth.role_required", notOperator.Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable(platformVariable, null);
        }

        // One paging vocabulary: the HTTP API's nextCursor continues the CLI's list, and the CLI prints the API's token.
        using var http = _host.Client();
        var apiFirst = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/datanets/{scenario.DatanetId}/contributions?limit=7")).RootElement;
        var apiCursor = apiFirst.GetProperty("nextCursor").GetString()!;
        var cliFirst = await ClusterAsync("list", "contributions", "--datanet", scenario.DatanetId, "--limit", "7", "--json");
        AssertExit(ExitCodes.Ok, cliFirst);
        Assert.Equal(apiCursor, cliFirst.Json.GetProperty("nextCursor").GetString());
        var apiSecond = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/datanets/{scenario.DatanetId}/contributions?limit=7&cursor={apiCursor}")).RootElement;
        var cliSecond = await ClusterAsync("list", "contributions", "--datanet", scenario.DatanetId, "--limit", "7", "--cursor", apiCursor, "--json");
        AssertExit(ExitCodes.Ok, cliSecond);
        static long[] RowIds(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rowId").GetInt64())];
        Assert.Equal(RowIds(apiSecond), RowIds(cliSecond.Json));
        Assert.Equal(apiSecond.GetProperty("nextCursor").GetString(), cliSecond.Json.GetProperty("nextCursor").GetString());
    }

    /// <summary><c>receipt inclusion ID --json</c> once the log covers the receipt (until then: 7, <c>transparency.pending</c>).</summary>
    private async Task<Run> LoggedAsync(string inferenceId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(250))
        {
            var run = await HttpAsync(_operatorKeyVariable, "receipt", "inclusion", inferenceId, "--json");
            if (run.Exit != ExitCodes.Unavailable || DateTime.UtcNow > deadline) return run;
            Assert.Equal("transparency.pending", run.Code);
        }
    }

    [Fact]
    public async Task Http_commands_without_a_key_or_address_exit_2_and_an_unreachable_api_7()
    {
        var noKey = await HttpAsync($"CLI_TEST_UNSET_{Guid.NewGuid():N}", "stake", "--account", "a", "--stake-id", "s", "--amount", "1", "--json");
        AssertExit(ExitCodes.BadInput, noKey);
        Assert.Equal("cli.connection_options", noKey.Code);
        var noAddress = await RunAsync(["key", "revoke", "k", "--api-url", "not a url", "--api-key-env", _operatorKeyVariable, "--json"]);
        AssertExit(ExitCodes.BadInput, noAddress);
        var unreachable = await RunAsync(["key", "revoke", "k", "--api-url", $"http://127.0.0.1:{FreePorts.One()}", "--api-key-env", _operatorKeyVariable,
            "--timeout", "2", "--json"]);
        AssertExit(ExitCodes.Unavailable, unreachable);
        Assert.Equal("api.unreachable", unreachable.Code);
    }
}
