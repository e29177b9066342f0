namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>One silo + HTTP host (in-memory storage) with the value trail set up over HTTP, shared by a test class.</summary>
public sealed class ApiWorldFixture : IAsyncLifetime
{
    private ApiHost? _host;

    internal ApiWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync($"e2e-{Guid.NewGuid():N}"[..16]);
        World = new ApiWorld(_host, "e2e");
        await World.SetUpAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
