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
        await foreach (var row in curator.ListContributionsAsync("sdk-dn", pageSize: 7)) listed.Add(row.RowId); // 18 pages
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
        await foreach (var line in platform.GetStatementAsync("agent-sdk", pageSize: 1)) lines.Add(line);
        Assert.Equal(1 + first.Receipt.Postings.Count, lines.Count); // the deposit, then one line per posting of the fee, a page each
        Assert.Equal(9_000, lines.Sum(l => l.Amount));
        Assert.Equal(9_000, lines[^1].BalanceAfter);
        var feeLine = lines.First(l => l.Reference is not null);
        Assert.Equal(first.Receipt.Fee, (await platform.GetReceiptAsync(feeLine.Reference!)).Fee);

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

    private static async Task<IHost> StartClientAsync(ApiHost server, string apiKey, Action<IHttpClientBuilder>? configure = null)
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
