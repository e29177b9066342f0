using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Http.Auth;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// The real silo program (src/OpenLedger.Actors.Silo/Program.cs: Orleans silo, operations, HTTP API, explorer) hosted
/// by <see cref="WebApplicationFactory{TEntryPoint}"/> on Kestrel at 127.0.0.1 on a free port, plus a real
/// <see cref="HttpClient"/> over TCP — so the tests cannot drift from what ships. Each host gets its own free silo,
/// gateway and management ports and a unique service id, so hosts run side by side. The first operator key comes
/// from configuration (its SHA-256 only), as in production.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly SiloProgram _program;

    private ApiHost(SiloProgram program, Uri baseAddress, string operatorKey, int gatewayPort, string clusterId)
    {
        _program = program;
        BaseAddress = baseAddress;
        OperatorKey = operatorKey;
        GatewayPort = gatewayPort;
        ClusterId = clusterId;
    }

    public Uri BaseAddress { get; }

    /// <summary>The silo's gateway, for grain clients (the CLI's cluster commands) beside the HTTP API; the service id is the cluster id.</summary>
    public int GatewayPort { get; }
    public string ClusterId { get; }
    public string OperatorKey { get; }
    public IGrainFactory Grains => _program.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's ledger router, for hosts that serve pages beside it.</summary>
    public OpenLedger.Actors.Grains.Ledger.LedgerRouter Ledger => _program.Services.GetRequiredService<OpenLedger.Actors.Grains.Ledger.LedgerRouter>();

    public static async Task<ApiHost> StartAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var (operatorKeyId, operatorKey) = ApiKeyFormat.Generate();
        var ports = FreePorts.Take(3);
        var id = $"http-{name}-{Guid.NewGuid():N}"[..Math.Min(64, name.Length + 14)];
        var values = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["OpenLedger:Operations:ManagementUrls"] = $"http://127.0.0.1:{ports[2]}",
            ["OpenLedger:Clustering:Provider"] = "Localhost",
            ["OpenLedger:Clustering:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenLedger:Clustering:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenLedger:Clustering:ServiceId"] = id,
            ["OpenLedger:Clustering:ClusterId"] = id,
            ["OpenLedger:Api:Keys:0:KeyId"] = operatorKeyId,
            ["OpenLedger:Api:Keys:0:Sha256"] = ApiKeyFormat.Hash(operatorKey),
            ["OpenLedger:Api:Keys:0:Account"] = "operator-" + name,
            ["OpenLedger:Api:Keys:0:Roles:0"] = ApiRoles.Operator,
            ["OpenLedger:Api:RateLimitPermits"] = "1000000",
            ["OpenLedger:Api:AuthFailurePermits"] = "100000",
            ["OpenLedger:Api:KeyIdSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;

        var program = new SiloProgram(values);
        try
        {
            program.UseKestrel();
            await Task.Run(program.StartServer); // builds and starts the host: silo first, then Kestrel
            var management = ports[2];
            var address = program.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => new Uri(a)).First(a => a.Port != management);
            return new ApiHost(program, address, operatorKey, ports[1], id);
        }
        catch
        {
            await program.DisposeAsync();
            throw;
        }
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

    public ValueTask DisposeAsync() => _program.DisposeAsync();

    /// <summary>
    /// Program.cs with the test's settings. They are host settings (<c>UseSetting</c>), which the factory hands to
    /// Program as <c>--key=value</c> arguments, so they are in the configuration when Program reads it while building
    /// (clustering ports and service id in <c>UseOrleans</c>, URLs in operations) — later configuration would be too late.
    /// </summary>
    private sealed class SiloProgram(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }


    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return json;
    }
}
