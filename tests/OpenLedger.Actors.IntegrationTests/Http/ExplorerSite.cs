using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Silo.Explorer;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>The explorer's endpoints on their own Kestrel, over the API host's silo (the API host maps only the API).</summary>
internal sealed class ExplorerSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private ExplorerSite(ApiHost api, WebApplication app, KeyIdSigner secret)
    {
        (Api, _app, Secret) = (api, app, secret);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
    }

    public ApiHost Api { get; }
    public KeyIdSigner Secret { get; }

    /// <param name="settings">More host settings (storage, for example) beside the key-id secret.</param>
    public static async Task<ExplorerSite> StartAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var hostSettings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["OpenLedger:Api:KeyIdSecret"] = Convert.ToBase64String(secret) };
        var api = await ApiHost.StartAsync($"{name}-{Guid.NewGuid():N}"[..16], hostSettings);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(api.Grains);
        builder.Services.AddSingleton(api.Ledger);
        builder.Services.AddSingleton(new KeyIdSigner(secret));
        var app = builder.Build();
        app.MapOpenLedgerExplorer();
        await app.StartAsync();
        return new ExplorerSite(api, app, app.Services.GetRequiredService<KeyIdSigner>());
    }

    public async Task<string> GetAsync(string path, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}, expected {(int)expected}\n{body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Api.DisposeAsync();
    }
}
