using System.Net;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Http.Auth;
using Orleans.Runtime;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Attack suite, HTTP side (issue 14): each finding replayed against a real server (Kestrel on loopback co-hosting a
/// silo, a real HttpClient). Every attack must fail and leave the ledger as it was.
/// </summary>
public sealed class HttpAttackSuiteTests
{
    [Fact]
    public async Task Wrong_keys_count_against_the_address_and_end_in_429_even_for_a_right_key()
    {
        await using var host = await ApiHost.StartAsync($"authfail-{Guid.NewGuid():N}"[..16], new Dictionary<string, string?>
        {
            ["OpenLedger:Api:AuthFailurePermits"] = "5",
            ["OpenLedger:Api:AuthFailureWindow"] = "01:00:00",
        });
        var (_, wrong) = ApiKeyFormat.Generate();
        using var attacker = host.Client(wrong);
        for (var i = 0; i < 5; i++) Assert.Equal("auth.key_invalid", (await attacker.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.Unauthorized).Code);
        var blocked = (await attacker.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.TooManyRequests);
        Assert.Equal("auth.too_many_failures", blocked.Code);
        Assert.True(blocked.Headers.Contains("Retry-After"));
        using var malformed = host.Client("not-a-key");
        Assert.Equal("auth.too_many_failures", (await malformed.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.TooManyRequests).Code);
        // From this address, even the right key waits for the window: guessing is not rewarded with a fast oracle.
        using var op = host.Client(host.OperatorKey);
        Assert.Equal("auth.too_many_failures", (await op.GetApiAsync("/api/v1/ledger/summary")).Expect(HttpStatusCode.TooManyRequests).Code);
        using var anonymous = host.Client(); // requests without a key are not authentication failures
        (await anonymous.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Appointing_a_curator_without_its_consent_makes_it_neither_a_curator_nor_public()
    {
        await using var host = await ApiHost.StartAsync($"consent-{Guid.NewGuid():N}"[..16]);
        using var owner = host.Client(await host.IssueKeyAsync("consent-owner", ApiRoles.Curator));
        using var victim = host.Client(await host.IssueKeyAsync("consent-victim", ApiRoles.Contributor));
        (await owner.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/consent", new
        {
            name = "Consent", summary = "", description = "", tags = Array.Empty<string>(), modality = "tabular", dimension = 2, classCount = 2,
        })).Expect(HttpStatusCode.OK);
        var appointed = (await owner.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/consent/curators/consent-victim")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(["consent-owner"], appointed.GetProperty("curators").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("auth.not_account_owner", (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/consent/curators/consent-victim/acceptance"))
            .Expect(HttpStatusCode.Forbidden).Code); // the owner cannot consent for it
        using var anonymous = host.Client();
        var info = (await anonymous.GetApiAsync("/api/v1/datanets/consent")).Expect(HttpStatusCode.OK).Body;
        Assert.DoesNotContain("consent-victim", info.GetProperty("curators").EnumerateArray().Select(c => c.GetString()));
        (await victim.SendJsonAsync(HttpMethod.Delete, "/api/v1/datanets/consent/curators/consent-victim/invitation")).Expect(HttpStatusCode.OK); // it declines
        Assert.Equal("curator.not_invited", (await victim.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/consent/curators/consent-victim/acceptance"))
            .Expect(HttpStatusCode.Forbidden).Code);
    }

    [Fact]
    public async Task Unknown_key_ids_are_refused_without_activating_a_grain()
    {
        await using var host = await ApiHost.StartAsync($"keyids-{Guid.NewGuid():N}"[..16]);
        var issued = await host.IssueKeyAsync("agent-keyids", ApiRoles.Platform);
        var management = host.Grains.GetGrain<IManagementGrain>(0);
        var before = await ApiKeyActivationsAsync(management);

        // Unsigned ids (the old format), random "signed-looking" ids, and a real id with its last MAC digit changed.
        var realId = ApiKeyFormat.KeyIdOf(issued)!;
        var forgedIds = Enumerable.Range(0, 100).Select(_ => ApiKeyFormat.Generate().KeyId)
            .Concat(Enumerable.Range(0, 100).Select(_ => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))))
            .Append(realId[..^1] + (realId[^1] == '0' ? '1' : '0'));
        foreach (var keyId in forgedIds)
        {
            using var client = host.Client(ApiKeyFormat.Generate(keyId).ApiKey);
            Assert.Equal("auth.key_invalid", (await client.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.Unauthorized).Code);
        }
        Assert.Equal(before, await ApiKeyActivationsAsync(management));

        using var real = host.Client(issued); // the issued key (signed id) still works
        (await real.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, await ApiKeyActivationsAsync(management)); // only the issued key's grain was ever activated
    }

    [Fact]
    public async Task Creating_beyond_a_keys_quota_is_429_and_creates_nothing()
    {
        await using var host = await ApiHost.StartAsync($"quota-{Guid.NewGuid():N}"[..16], new Dictionary<string, string?>
        {
            ["OpenLedger:Api:CreationQuotas:Datanets"] = "2",
            ["OpenLedger:Api:CreationQuotas:ApiKeys"] = "3",
        });
        using var curator = host.Client(await host.IssueKeyAsync("curator-quota", ApiRoles.Curator));
        var metadata = new { name = "Quota", summary = "s", description = "d", tags = new[] { "t" }, modality = "tabular", dimension = 2, classCount = 2 };
        for (var i = 0; i < 2; i++) (await curator.SendJsonAsync(HttpMethod.Put, $"/api/v1/datanets/quota-{i}", metadata)).Expect(HttpStatusCode.OK);
        var refused = (await curator.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/quota-2", metadata)).Expect(HttpStatusCode.TooManyRequests);
        Assert.Equal("quota.datanets", refused.Code);
        using var anonymous = host.Client();
        (await anonymous.GetApiAsync("/api/v1/datanets/quota-2")).Expect(HttpStatusCode.NotFound);

        // A refused create (a conflict) does not count: two creates and a conflict fit a quota of two.
        using var other = host.Client(await host.IssueKeyAsync("curator-quota-2", ApiRoles.Curator));
        (await other.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/quota-own", metadata)).Expect(HttpStatusCode.OK);
        (await other.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/quota-0", new { name = "Taken", summary = "s", description = "d", tags = new[] { "t" }, modality = "tabular", dimension = 3, classCount = 2 }))
            .Expect(HttpStatusCode.Conflict);
        (await other.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/quota-other", metadata)).Expect(HttpStatusCode.OK);

        // Key issuance is counted per issuing key too (two issued above by the operator key, a third now, then no more).
        using var op = host.Client(host.OperatorKey);
        (await op.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys", new { account = "x", roles = new[] { "platform" } })).Expect(HttpStatusCode.OK);
        Assert.Equal("quota.api_keys", (await op.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys", new { account = "x", roles = new[] { "platform" } }))
            .Expect(HttpStatusCode.TooManyRequests).Code);
    }

    [Fact]
    public async Task An_operator_platform_key_cannot_spend_in_another_accounts_session_and_404s_do_not_tell_what_exists()
    {
        await using var host = await ApiHost.StartAsync($"spend-{Guid.NewGuid():N}"[..16]);
        var world = new ApiWorld(host, "spend");
        await world.SetUpAsync(inferences: 1);
        var mixed = await host.IssueKeyAsync("operator-spender", ApiRoles.Operator, ApiRoles.Platform);
        using var op = host.Client(host.OperatorKey);
        var payerBefore = (await op.GetApiAsync($"/api/v1/accounts/{world.PlatformAccount}/balance")).Expect(HttpStatusCode.OK).Text;

        using var spender = host.Client(mixed);
        var refused = (await spender.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{world.SessionId}/inferences", new { features = world.Query(1), label = world.QueryLabel(1) }, "stolen-1"))
            .Expect(HttpStatusCode.NotFound);
        var missing = (await spender.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/no-such-session/inferences", new { features = world.Query(1), label = world.QueryLabel(1) }, "stolen-2"))
            .Expect(HttpStatusCode.NotFound);
        Assert.Equal(ProblemText(missing), ProblemText(refused)); // an existing session and a missing one answer alike
        Assert.Equal(payerBefore, (await op.GetApiAsync($"/api/v1/accounts/{world.PlatformAccount}/balance")).Expect(HttpStatusCode.OK).Text);
        (await spender.GetApiAsync($"/api/v1/sessions/{world.SessionId}")).Expect(HttpStatusCode.OK); // operators still administer (read)

        // Another platform: someone's session, a missing session, someone's inference, a missing inference — two texts in all.
        using var stranger = host.Client(world.OtherPlatformKey);
        var texts = new[]
        {
            $"/api/v1/sessions/{world.SessionId}", "/api/v1/sessions/no-such-session",
        }.Select(async path => ProblemText((await stranger.GetApiAsync(path)).Expect(HttpStatusCode.NotFound)));
        Assert.Single((await Task.WhenAll(texts)).Distinct());
        var inferenceTexts = new[]
        {
            $"/api/v1/sessions/{world.SessionId}/inferences/{world.InferenceKeys[0]}", $"/api/v1/sessions/{world.SessionId}/inferences/none",
            "/api/v1/sessions/no-such-session/inferences/q-0", $"/api/v1/receipts/{world.SessionId}|{world.InferenceKeys[0]}", "/api/v1/receipts/nobody|q-0",
        }.Select(async path => ProblemText((await stranger.GetApiAsync(path)).Expect(HttpStatusCode.NotFound)));
        Assert.Single((await Task.WhenAll(inferenceTexts)).Distinct());
    }

    [Theory]
    [InlineData("Digits\u202Egnp.exe", "text.bidi_control")]
    [InlineData("Dig\u200Bits", "text.invisible_characters")]
    [InlineData("\uFEFFDigits", "text.invisible_characters")]
    public async Task Display_texts_with_bidi_or_invisible_characters_are_refused(string name, string code)
    {
        await using var host = await ApiHost.StartAsync($"bidi-{Guid.NewGuid():N}"[..16]);
        using var curator = host.Client(await host.IssueKeyAsync("curator-bidi", ApiRoles.Curator));
        var refused = (await curator.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/bidi", new { name, summary = "s", description = "d", tags = new[] { "t" }, modality = "tabular", dimension = 2, classCount = 2 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(code, refused.Code);
        using var anonymous = host.Client();
        (await anonymous.GetApiAsync("/api/v1/datanets/bidi")).Expect(HttpStatusCode.NotFound);
    }

    private static string ProblemText(ApiResponse response) =>
        $"{response.Code}|{response.Body.GetProperty("detail").GetString()}|{response.Body.GetProperty("title").GetString()}";

    private static async Task<int> ApiKeyActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("ApiKeyGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
