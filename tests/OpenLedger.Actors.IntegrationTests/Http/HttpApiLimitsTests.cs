using System.Net;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>The configurable limits: requests per key (or client address) per window, and the request body size.</summary>
public sealed class HttpApiLimitsTests
{
    [Fact]
    public async Task Requests_beyond_the_per_key_permit_and_bodies_beyond_the_size_limit_are_refused_as_problems()
    {
        await using var host = await ApiHost.StartAsync($"limits-{Guid.NewGuid():N}"[..16], new Dictionary<string, string?>
        {
            ["OpenLedger:Api:RateLimitPermits"] = "3",
            ["OpenLedger:Api:RateLimitWindow"] = "01:00:00",
            ["OpenLedger:Api:MaxRequestBodyBytes"] = "2048",
        });

        using var anonymous = host.Client();
        for (var i = 0; i < 3; i++) (await anonymous.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.OK);
        var limited = (await anonymous.GetApiAsync("/api/v1/claims/domain")).Expect(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate.limited", limited.Code);
        Assert.True(limited.Headers.Contains("Retry-After"));

        // A key has its own budget, separate from the anonymous client's address.
        using var op = host.Client(host.OperatorKey);
        var tooLarge = await op.SendRawAsync(HttpMethod.Post, "/api/v1/accounts/agent-big/deposits",
            $"{{\"depositId\":\"big\",\"amount\":1,\"pad\":\"{new string('x', 4_000)}\"}}");
        Assert.Equal("request.too_large", tooLarge.Expect(HttpStatusCode.RequestEntityTooLarge).Code);
        (await op.SendJsonAsync(HttpMethod.Post, "/api/v1/accounts/agent-big/deposits", new { depositId = "small", amount = 1 })).Expect(HttpStatusCode.OK);
        (await op.GetApiAsync("/api/v1/accounts/agent-big/balance")).Expect(HttpStatusCode.OK);
        Assert.Equal("rate.limited", (await op.GetApiAsync("/api/v1/accounts/agent-big/balance")).Expect(HttpStatusCode.TooManyRequests).Code);
    }
}
