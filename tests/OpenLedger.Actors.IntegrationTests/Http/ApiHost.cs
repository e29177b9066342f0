using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Http;
using OpenLedger.Actors.Http.Auth;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// The silo as Program.cs builds it — a WebApplication co-hosting one Orleans silo (localhost clustering on free
/// ports) and the HTTP API on Kestrel at 127.0.0.1 on a free port — plus a real <see cref="HttpClient"/>. The first
/// operator key comes from configuration (its SHA-256 only), as in production.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri baseAddress, string operatorKey)
    {
        _app = app;
        BaseAddress = baseAddress;
        OperatorKey = operatorKey;
    }

    public Uri BaseAddress { get; }
    public string OperatorKey { get; }
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ApiHost> StartAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var (operatorKeyId, operatorKey) = ApiKeyFormat.Generate();
        var values = new Dictionary<string, string?>
        {
            ["OpenLedger:Api:Keys:0:KeyId"] = operatorKeyId,
            ["OpenLedger:Api:Keys:0:Sha256"] = ApiKeyFormat.Hash(operatorKey),
            ["OpenLedger:Api:Keys:0:Account"] = "operator-" + name,
            ["OpenLedger:Api:Keys:0:Roles:0"] = ApiRoles.Operator,
            ["OpenLedger:Api:RateLimitPermits"] = "1000000",
            ["OpenLedger:Api:AuthFailurePermits"] = "100000",
            ["OpenLedger:Api:KeyIdSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var (siloPort, gatewayPort) = FreePorts.Pair();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: $"http-{name}", clusterId: $"http-{name}");
            silo.AddOpenLedger(builder.Configuration);
        });
        builder.Services.AddOpenLedgerApi(builder.Configuration);
        var app = builder.Build();
        app.MapOpenLedgerApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, new Uri(address), operatorKey);
    }

    /// <summary>A client sending <paramref name="apiKey"/> (none when null) on every request.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add(ApiKeyFormat.HeaderName, apiKey);
        return client;
    }

    /// <summary>Issues a key through the API with the configured operator key.</summary>
    public async Task<string> IssueKeyAsync(string account, params string[] roles)
    {
        using var client = Client(OperatorKey);
        using var response = await client.PostAsJsonAsync("/api/v1/api-keys", new { account, roles }, Json);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("apiKey").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }


    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return json;
    }
}
