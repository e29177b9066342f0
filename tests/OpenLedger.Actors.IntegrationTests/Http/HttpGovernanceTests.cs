using System.Net;
using System.Text.Json;
using OpenLedger.Actors.Http.Auth;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Governance, staking and curation's anti-gaming calls over HTTP with a real server and client: staking acts only
/// for the key's own account, standing is public, proposals and votes act as the caller and refuse non-stakers,
/// a second different vote is a conflict, a proposal cannot execute before it passes; curators are invited by the owner,
/// curate only once they accept (their own key), and rows are rejected as adversarial only by the Datanet's owner/curators, and the penalty shows in the standing.
/// </summary>
public sealed class HttpGovernanceTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync($"gov-{Guid.NewGuid():N}"[..16]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Stakers_propose_and_vote_as_themselves_and_standing_is_public()
    {
        var aliceKey = await _host.IssueKeyAsync("alice", ApiRoles.Contributor);
        var bobKey = await _host.IssueKeyAsync("bob", ApiRoles.Contributor);
        using var alice = _host.Client(aliceKey);
        using var bob = _host.Client(bobKey);
        using var operatorClient = _host.Client(_host.OperatorKey);
        using var anonymous = _host.Client();
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/api/v1/accounts/alice/deposits", new { depositId = "d-alice", amount = 5_000 })).Expect(HttpStatusCode.OK);

        var standing = (await alice.SendJsonAsync(HttpMethod.Post, "/api/v1/accounts/alice/stakes", new { stakeId = "s1", amount = 4_000 })).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(4_000, standing.GetProperty("stake").GetInt64());
        Assert.Equal(403, (int)(await bob.SendJsonAsync(HttpMethod.Post, "/api/v1/accounts/alice/stakes", new { stakeId = "s2", amount = 1 })).Status);
        Assert.Equal("account.not_found", (await bob.SendJsonAsync(HttpMethod.Post, "/api/v1/accounts/bob/stakes", new { stakeId = "s3", amount = 1 })).Expect(HttpStatusCode.NotFound).Code); // bob has no money in the ledger
        var visible = (await anonymous.GetApiAsync("/api/v1/accounts/alice/standing")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(4_000, visible.GetProperty("stake").GetInt64());

        var inForce = (await anonymous.GetApiAsync("/api/v1/governance/parameters")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(1, inForce.GetProperty("version").GetInt32());
        var proposed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(inForce.GetProperty("parameters").GetRawText())!;
        proposed["topK"] = JsonSerializer.SerializeToElement(20);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendJsonAsync(HttpMethod.Put, "/api/v1/governance/proposals/p1", proposed)).Status);
        Assert.Equal("proposal.no_stake", (await bob.SendJsonAsync(HttpMethod.Put, "/api/v1/governance/proposals/p1", proposed)).Expect(HttpStatusCode.Forbidden).Code);
        var proposal = (await alice.SendJsonAsync(HttpMethod.Put, "/api/v1/governance/proposals/p1", proposed)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("alice", proposal.GetProperty("proposer").GetString());
        Assert.Equal(4_000, proposal.GetProperty("totalStake").GetInt64());

        var bad = new Dictionary<string, JsonElement>(proposed) { ["contributorsBps"] = JsonSerializer.SerializeToElement(9_999) };
        Assert.Equal("parameters.fee_shares", (await alice.SendJsonAsync(HttpMethod.Put, "/api/v1/governance/proposals/p2", bad)).Expect(HttpStatusCode.BadRequest).Code);

        // The default voting delay is an hour: a vote now is refused, and nothing executes before it passes.
        Assert.Equal("vote.not_open", (await alice.SendJsonAsync(HttpMethod.Post, "/api/v1/governance/proposals/p1/votes", new { support = true })).Expect(HttpStatusCode.BadRequest).Code);
        Assert.Equal("proposal.not_succeeded", (await alice.SendJsonAsync(HttpMethod.Post, "/api/v1/governance/proposals/p1/execution")).Expect(HttpStatusCode.BadRequest).Code);
        var read = (await anonymous.GetApiAsync("/api/v1/governance/proposals/p1")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("pending", read.GetProperty("state").GetString());
        Assert.Equal("proposal.not_found", (await anonymous.GetApiAsync("/api/v1/governance/proposals/none")).Expect(HttpStatusCode.NotFound).Code);
        Assert.Equal(1, (await anonymous.GetApiAsync("/api/v1/governance/parameters")).Expect(HttpStatusCode.OK).Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Only_the_owner_appoints_curators_and_adversarial_rejection_penalises_the_contributor()
    {
        var ownerKey = await _host.IssueKeyAsync("dn-owner", ApiRoles.Curator);
        var otherKey = await _host.IssueKeyAsync("other-curator", ApiRoles.Curator);
        var contributorKey = await _host.IssueKeyAsync("flipper", ApiRoles.Contributor);
        using var owner = _host.Client(ownerKey);
        using var other = _host.Client(otherKey);
        using var contributor = _host.Client(contributorKey);
        using var anonymous = _host.Client();
        (await owner.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/adv", new
        {
            name = "Adversarial", summary = "", description = "", tags = Array.Empty<string>(), modality = "tabular", dimension = 2, classCount = 2,
        })).Expect(HttpStatusCode.OK);
        var rows = Enumerable.Range(0, 4).Select(i => new { features = new[] { (double)i, 1.0 + i * i }, label = i % 2 }).ToArray();
        (await contributor.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/adv/submissions", new { submissionId = "s1", rows })).Expect(HttpStatusCode.OK);

        Assert.Equal("datanet.not_owner", (await other.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/adv/curators/other-curator")).Expect(HttpStatusCode.Forbidden).Code);
        Assert.Equal("datanet.not_curator", (await other.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/adv/adversarial-rejections",
            new { rowIds = new[] { 1L, 2L }, reason = "flipped" })).Expect(HttpStatusCode.Forbidden).Code);
        var appointed = (await owner.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/adv/curators/other-curator")).Expect(HttpStatusCode.OK).Body;
        Assert.DoesNotContain("other-curator", appointed.GetProperty("curators").EnumerateArray().Select(c => c.GetString())); // invited, not yet a curator
        Assert.Contains("other-curator", appointed.GetProperty("invitedCurators").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("curator.not_accepted", (await other.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/adv/adversarial-rejections",
            new { rowIds = new[] { 1L, 2L }, reason = "flipped" })).Expect(HttpStatusCode.Forbidden).Code);
        Assert.Equal("auth.not_account_owner", (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/adv/curators/other-curator/acceptance"))
            .Expect(HttpStatusCode.Forbidden).Code); // only the invited account accepts, not the owner for it
        Assert.Equal("curator.not_invited", (await contributor.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/adv/curators/flipper/acceptance"))
            .Expect(HttpStatusCode.Forbidden).Code);
        var accepted = (await other.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/adv/curators/other-curator/acceptance")).Expect(HttpStatusCode.OK).Body;
        Assert.Contains("other-curator", accepted.GetProperty("curators").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(accepted.GetProperty("invitedCurators").EnumerateArray());

        var rejected = (await other.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/adv/adversarial-rejections",
            new { rowIds = new[] { 1L, 2L }, reason = "labels contradict their neighbours" })).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(2, rejected.GetProperty("changed").GetInt32());
        var standing = (await anonymous.GetApiAsync("/api/v1/accounts/flipper/standing")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(1, standing.GetProperty("penalties").GetInt32());
        Assert.Equal(2, standing.GetProperty("rejectedRows").GetInt64());
        var page = (await anonymous.GetApiAsync("/api/v1/datanets/adv/contributions")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(["Adversarial", "Adversarial", "Pending", "Pending"], page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }
}
