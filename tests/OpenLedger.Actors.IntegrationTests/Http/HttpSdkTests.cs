using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Sdk;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// The HTTP SDK for agent platforms (<c>OpenLedger.Actors.Sdk</c>) against a real server: keys issued through it, the
/// value trail built through it, lists paged through IAsyncEnumerable, refusals as one exception type carrying the
/// problem code, transient failures retried without applying anything twice, options refused at start.
/// </summary>
public sealed class HttpSdkTests
{
    [Fact]
    public async Task An_agent_platform_builds_and_uses_the_value_trail_through_the_sdk()
    {
        await using var server = await ApiHost.StartAsync($"sdk-{Guid.NewGuid():N}"[..14]);
        using var operatorHost = await StartClientAsync(server, server.OperatorKey);
        var op = operatorHost.Services.GetRequiredService<IOpenLedgerApi>();
        var curatorKey = (await op.IssueApiKeyAsync(new IssueApiKeyRequest("curator-sdk", [ApiRoles.Curator, ApiRoles.Contributor]))).ApiKey!;
        var ownerKey = (await op.IssueApiKeyAsync(new IssueApiKeyRequest("owner-sdk", [ApiRoles.ModelOwner]))).ApiKey!;
        var platformKey = (await op.IssueApiKeyAsync(new IssueApiKeyRequest("agent-sdk", [ApiRoles.Platform]))).ApiKey!;
        using var curatorHost = await StartClientAsync(server, curatorKey);
        using var ownerHost = await StartClientAsync(server, ownerKey);
        using var platformHost = await StartClientAsync(server, platformKey);
        var curator = curatorHost.Services.GetRequiredService<IOpenLedgerApi>();
        var platform = platformHost.Services.GetRequiredService<IOpenLedgerApi>();

        var data = TestData.BreastCancer;
        await curator.CreateDatanetAsync(new CreateDatanetRequest("sdk-dn", "Breast cancer", "Cell nuclei", "UCI", ["medical"], "tabular", data.Dimension, data.ClassCount));
        var receipt = await curator.SubmitContributionsAsync(new SubmitContributionsRequest("sdk-dn", "sub-1",
            Enumerable.Range(0, 120).Select(i => new ContributionRow(data.Row(i).ToArray(), data.Labels[i])).ToList()));
        Assert.Equal(120, receipt.Rows.Count);
        var listed = new List<long>();
        await foreach (var row in curator.ListContributionsAsync("sdk-dn", limit: 7)) listed.Add(row.RowId); // 18 pages
        Assert.Equal(receipt.Rows.Select(r => r.RowId).Order(), listed.Order());
        Assert.Equal(120, (await curator.ReviewContributionsAsync(new ReviewContributionsRequest("sdk-dn", listed, Approve: true))).Changed);
        var version = await curator.PublishVersionAsync("sdk-dn");
        await ownerHost.Services.GetRequiredService<IOpenLedgerApi>().TrainModelAndWaitAsync(new TrainModelRequest("sdk-model", "sdk-dn", version.Version, 1_000));

        var funded = await op.DepositAsync(new DepositRequest("agent-sdk", "fund-1", 10_000));
        Assert.Equal(funded, await op.DepositAsync(new DepositRequest("agent-sdk", "fund-1", 10_000))); // the same request is answered again, not applied
        Assert.Equal(10_000, (await op.GetBalanceAsync("agent-sdk")).Balance);
        await platform.OpenSessionAsync(new OpenSessionRequest("sdk-session", "sdk-model"));
        var first = await platform.InferAsync(new InferRequest("sdk-session", "q-1", data.Row(300).ToArray(), data.Labels[300]));
        var again = await platform.InferAsync(new InferRequest("sdk-session", "q-1", data.Row(300).ToArray(), data.Labels[300]));
        Assert.Equal(first.Receipt.LedgerTransferId, again.Receipt.LedgerTransferId);
        Assert.Equal(9_000, (await platform.GetBalanceAsync("agent-sdk")).Balance);
        Assert.Equal(first.Receipt.Postings.Sum(p => p.Amount), first.Receipt.Fee);

        var lines = new List<Sdk.Models.StatementLine>();
        await foreach (var line in platform.GetStatementAsync("agent-sdk", limit: 1)) lines.Add(line);
        Assert.Equal(1 + first.Receipt.Postings.Count, lines.Count); // the deposit, then one line per posting of the fee, a page each
        Assert.Equal(9_000, lines.Sum(l => l.Amount));
        Assert.Equal(9_000, lines[^1].BalanceAfter);
        var feeLine = lines.First(l => l.Reference is not null);
        Assert.Equal(first.Receipt.Fee, (await platform.GetReceiptAsync(feeLine.Reference!)).Fee);
        var document = await platform.GetReceiptDocumentAsync(feeLine.Reference!); // the typed receipt carries every digest field
        Assert.Equal((document.GetProperty("lossLabel").GetInt32(), document.GetProperty("queryLoss").GetDouble()), (first.Receipt.LossLabel, first.Receipt.QueryLoss));
        Assert.True(first.Receipt.QueryLoss > 0);

        // Models and contributors: the rows a model was trained on and a contributor's submissions, paged.
        var trainingRows = new List<long>();
        await foreach (var rowId in platform.ListTrainingRowsAsync("sdk-model", limit: 50)) trainingRows.Add(rowId); // 3 pages
        Assert.Equal(listed.Order(), trainingRows.Order());
        var submissions = new List<Sdk.Models.ContributorSubmission>();
        await foreach (var submission in platform.ListContributorSubmissionsAsync("curator-sdk", limit: 1)) submissions.Add(submission);
        Assert.Equal(("sdk-dn", "sub-1", 120), (submissions.Single().DatanetId, submissions.Single().SubmissionId, submissions.Single().RowCount));
        var external = await ownerHost.Services.GetRequiredService<IOpenLedgerApi>().RegisterExternalModelAsync(new RegisterExternalModelRequest("sdk-external", "sdk-dn",
            version.Version, 500, [.. listed.Order().Take(10)], 2, [.. Enumerable.Range(0, 20).Select(i => (float)data.Row(i / 2)[i % 2])]));
        Assert.Equal(("external-embedding", "owner-sdk"), (external.Kind, external.Owner));

        // The ledger as an operator sees it: totals, and every claimable balance with the root it proves against.
        var summary = await op.GetLedgerSummaryAsync();
        Assert.Equal((0, 10_000), (summary.BalanceSum, summary.Deposited));
        await ownerHost.Services.GetRequiredService<IOpenLedgerApi>().RegisterAccountAsync(
            new RegisterAccountRequest("owner-sdk", AccountKind.ModelOwner, OwnerAddress: "0x00000000000000000000000000000000000000a1")); // claimable once it names a wallet
        var ownerAccount = await ownerHost.Services.GetRequiredService<IOpenLedgerApi>().GetAccountAsync("owner-sdk");
        Assert.Equal(("ModelOwner", "0x00000000000000000000000000000000000000a1"), (ownerAccount.Kind, ownerAccount.OwnerAddress));
        Assert.Equal(version, await platform.GetVersionAsync("sdk-dn", version.Version));
        var noVersion = await Assert.ThrowsAsync<OpenLedgerApiException>(() => platform.GetVersionAsync("sdk-dn", 99));
        Assert.Equal((HttpStatusCode.NotFound, "version.not_found"), (noVersion.Status, noVersion.Code));
        var claimables = new List<Sdk.Models.ClaimableBalance>();
        await foreach (var claimable in op.ListClaimablesAsync(new ListClaimablesRequest(Limit: 1))) claimables.Add(claimable);
        Assert.Contains(claimables, c => c.Account == "owner-sdk" && c.Amount == first.Receipt.Postings.Where(p => p.CreditAccount == "owner-sdk").Sum(p => p.Amount));
        Assert.Single(claimables.Select(c => c.Root).Distinct());
        var notOperator = await Assert.ThrowsAsync<OpenLedgerApiException>(() => platform.GetLedgerSummaryAsync());
        Assert.Equal((HttpStatusCode.Forbidden, "auth.role_required"), (notOperator.Status, notOperator.Code));

        // The transparency log: the receipt's inclusion (once a signed head covers it), heads, proofs and entries.
        var inclusion = await EventuallyAsync(() => platform.GetReceiptInclusionAsync(first.InferenceId));
        Assert.Equal(inclusion.Head.Size, inclusion.Proof.TreeSize);
        var head = await platform.GetTreeHeadAsync();
        Assert.True(head.Size >= inclusion.Head.Size);
        Assert.Equal(head.KeyId, (await platform.GetTreeHeadKeyAsync()).KeyId);
        Assert.Equal(inclusion.Proof.LeafHash, (await platform.GetInclusionProofAsync(new InclusionProofRequest(inclusion.Proof.Index, head.Size))).LeafHash);
        Assert.Equal((1, head.Size), ((await platform.GetConsistencyProofAsync(new ConsistencyProofRequest(1, head.Size))).OldSize, head.Size));
        var entries = new List<Sdk.Models.LogEntry>();
        await foreach (var entry in platform.ListLogEntriesAsync(new LogEntriesRequest(End: head.Size))) entries.Add(entry);
        Assert.Equal(inclusion.Entry, entries[(int)inclusion.Proof.Index].Entry);
        var noLog = await Assert.ThrowsAsync<OpenLedgerApiException>(() => platform.GetTreeHeadAsync("no-such-log"));
        Assert.Equal((HttpStatusCode.NotFound, "transparency.log_not_found"), (noLog.Status, noLog.Code));

        // One error model: the problem's code, whatever went wrong.
        var poor = await Assert.ThrowsAsync<OpenLedgerApiException>(() => curator.OpenSessionAsync(new OpenSessionRequest("x", "sdk-model")));
        Assert.Equal((HttpStatusCode.Forbidden, "auth.role_required"), (poor.Status, poor.Code));
        var missing = await Assert.ThrowsAsync<OpenLedgerApiException>(() => platform.GetSessionAsync("no-such-session"));
        Assert.Equal((HttpStatusCode.NotFound, "session.not_found"), (missing.Status, missing.Code));
        await op.RevokeApiKeyAsync(ApiKeyFormat.KeyIdOf(platformKey)!);
        var revoked = await Assert.ThrowsAsync<OpenLedgerApiException>(() => platform.GetBalanceAsync("agent-sdk"));
        Assert.Equal((HttpStatusCode.Unauthorized, "auth.key_invalid"), (revoked.Status, revoked.Code));
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_a_retried_deposit_applies_once()
    {
        await using var server = await ApiHost.StartAsync($"sdkretry-{Guid.NewGuid():N}"[..16]);
        var flaky = new FlakyHandler();
        using var host = await StartClientAsync(server, server.OperatorKey, client => client.AddHttpMessageHandler(() => flaky));
        var op = host.Services.GetRequiredService<IOpenLedgerApi>();

        flaky.LoseNextResponses = 2; // the deposit reaches the server twice and its answers are lost; the third answer arrives
        var result = await op.DepositAsync(new DepositRequest("agent-retry", "fund-retry", 5_000));
        Assert.Equal(5_000, result.Balance);
        Assert.Equal(3, flaky.Sent);
        Assert.Equal(5_000, (await op.GetBalanceAsync("agent-retry")).Balance);
    }

    [Fact]
    public void Bad_options_are_refused_when_the_host_starts()
    {
        foreach (var configure in new Action<OpenLedgerApiClientOptions>[]
                 {
                     o => o.ApiKey = "olk_abc_def",
                     o => (o.BaseAddress, o.ApiKey) = (new Uri("http://ledger.example.com"), "olk_abc_def"), // a key over plain HTTP to another host
                     o => (o.BaseAddress, o.ApiKey) = (new Uri("https://ledger.example.com"), "not-a-key"),
                     o => (o.BaseAddress, o.ApiKey, o.AttemptTimeout, o.TotalTimeout) = (new Uri("https://ledger.example.com"), "olk_abc_def", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)),
                 })
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddOpenLedgerApiClient(configure: configure);
            using var host = builder.Build();
            Assert.Throws<OptionsValidationException>(() => host.StartAsync().GetAwaiter().GetResult());
        }
    }

    [Fact]
    public async Task Stakers_govern_and_curators_reject_adversarial_rows_through_the_sdk()
    {
        await using var server = await ApiHost.StartAsync($"sdkgov-{Guid.NewGuid():N}"[..16], new Dictionary<string, string?>
        {
            ["OpenLedger:Governance:VotingDelay"] = "00:00:00",
            ["OpenLedger:Governance:VotingPeriod"] = "00:00:03",
            ["OpenLedger:Governance:Timelock"] = "00:00:00",
            ["OpenLedger:Governance:VoterCapBps"] = "10000",
        });
        using var operatorHost = await StartClientAsync(server, server.OperatorKey);
        var op = operatorHost.Services.GetRequiredService<IOpenLedgerApi>();
        using var aliceHost = await StartClientAsync(server, (await op.IssueApiKeyAsync(new IssueApiKeyRequest("alice-sdk", [ApiRoles.Contributor, ApiRoles.Curator]))).ApiKey!);
        using var bobHost = await StartClientAsync(server, (await op.IssueApiKeyAsync(new IssueApiKeyRequest("bob-sdk", [ApiRoles.Contributor]))).ApiKey!);
        var alice = aliceHost.Services.GetRequiredService<IOpenLedgerApi>();
        var bob = bobHost.Services.GetRequiredService<IOpenLedgerApi>();

        // Staking: from the key's own balance, once per stake id; standing is public.
        await op.DepositAsync(new DepositRequest("alice-sdk", "fund-alice", 5_000));
        var staked = await alice.StakeAsync(new StakeRequest("alice-sdk", "stake-1", 4_000));
        Assert.Equal(staked, await alice.StakeAsync(new StakeRequest("alice-sdk", "stake-1", 4_000)));
        Assert.Equal(4_000, (await bob.GetStandingAsync("alice-sdk")).Stake);
        var notMine = await Assert.ThrowsAsync<OpenLedgerApiException>(() => bob.StakeAsync(new StakeRequest("alice-sdk", "stake-2", 1)));
        Assert.Equal((HttpStatusCode.Forbidden, "auth.not_account_owner"), (notMine.Status, notMine.Code));

        // Governance: propose a change to the parameters in force, vote, execute once voting is over.
        var genesis = await bob.GetParametersAsync();
        var proposed = genesis.Parameters with { TopK = genesis.Parameters.TopK + 5 };
        var noStake = await Assert.ThrowsAsync<OpenLedgerApiException>(() => bob.ProposeParametersAsync(new ProposeParametersRequest("p-sdk", proposed)));
        Assert.Equal((HttpStatusCode.Forbidden, "proposal.no_stake"), (noStake.Status, noStake.Code));
        var proposal = await alice.ProposeParametersAsync(new ProposeParametersRequest("p-sdk", proposed));
        Assert.Equal(("alice-sdk", 4_000L), (proposal.Proposer, proposal.TotalStake));
        Assert.Equal(4_000, (await alice.VoteAsync(new VoteRequest("p-sdk", Support: true))).VotesFor);
        var early = await Assert.ThrowsAsync<OpenLedgerApiException>(() => alice.ExecuteProposalAsync("p-sdk"));
        Assert.Equal("proposal.not_succeeded", early.Code);
        var votingEnds = (await bob.GetProposalAsync("p-sdk")).VotingEndsAt;
        await Task.Delay(votingEnds - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
        var inForce = await bob.ExecuteProposalAsync("p-sdk");
        Assert.Equal((2, "p-sdk", proposed), (inForce.Version, inForce.ProposalId, inForce.Parameters));
        Assert.Equal(genesis, await bob.GetParameterVersionAsync(1));
        Assert.Equal(inForce, await bob.GetParametersAsync());
        Assert.Equal("executed", (await bob.GetProposalAsync("p-sdk")).State);

        // Curation: bob's rows rejected as adversarial by the owner, and a text document read back.
        await alice.CreateDatanetAsync(new CreateDatanetRequest("sdk-adv", "Adversarial", "", "", [], "tabular", 2, 2));
        var rows = (await bob.SubmitContributionsAsync(new SubmitContributionsRequest("sdk-adv", "s-1",
            [.. Enumerable.Range(0, 4).Select(i => new ContributionRow([i, 1.0 + i * i], i % 2))]))).Rows.Select(r => r.RowId).ToArray();
        var notCurator = await Assert.ThrowsAsync<OpenLedgerApiException>(() => bob.RejectAdversarialAsync(new RejectAdversarialRequest("sdk-adv", rows[..2], "flipped")));
        Assert.Equal((HttpStatusCode.Forbidden, "auth.role_required"), (notCurator.Status, notCurator.Code));
        Assert.Equal(2, (await alice.RejectAdversarialAsync(new RejectAdversarialRequest("sdk-adv", rows[..2], "labels contradict their neighbours"))).Changed);
        Assert.Equal((1, 2L), ((await alice.GetStandingAsync("bob-sdk")).Penalties, (await alice.GetStandingAsync("bob-sdk")).RejectedRows));

        await alice.CreateDatanetAsync(new CreateDatanetRequest("sdk-text", "Notes", "", "", ["text"], "text", 0, 0));
        const string Note = "Attribution pays the people whose data shaped an answer, in proportion to how much it shaped it.";
        var document = (await bob.SubmitDocumentsAsync(new SubmitDocumentsRequest("sdk-text", "d-1", [Note]))).Rows.Single();
        var read = await alice.GetDocumentAsync("sdk-text", document.RowId);
        Assert.Equal((Note, "bob-sdk", document.ContentHash, "Pending"), (read.Text, read.Contributor, read.ContentHash, read.Status));
        Assert.True(read.TokenCount > 10);
    }

    /// <summary>Retries a read the server answers 503 (not ready yet, e.g. a receipt the log does not cover yet) for up to 20 s.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(200))
        {
            try
            {
                return await read();
            }
            catch (OpenLedgerApiException e) when (e.Status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
            }
        }
    }

    internal static async Task<IHost> StartClientAsync(ApiHost server, string apiKey, Action<IHttpClientBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var client = builder.Services.AddOpenLedgerApiClient(configure: o => (o.BaseAddress, o.ApiKey, o.AttemptTimeout) = (server.BaseAddress, apiKey, TimeSpan.FromSeconds(60)));
        configure?.Invoke(client);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Sends each request on, and answers the first <see cref="LoseNextResponses"/> with 503 as if the response was lost.</summary>
    private sealed class FlakyHandler : DelegatingHandler
    {
        public int LoseNextResponses;
        public int Sent;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref Sent);
            if (Interlocked.Decrement(ref LoseNextResponses) < 0) return response;
            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        }
    }
}
