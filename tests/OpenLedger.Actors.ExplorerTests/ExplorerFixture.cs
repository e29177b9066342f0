using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using OpenLedger.Actors.Client;

namespace OpenLedger.Actors.ExplorerTests;

/// <summary>
/// One silo process running the demo (200 inferences, 12 contributors), a grain client connected to it over TCP
/// (the ledger's side of every comparison), and the system's Chromium driven by Playwright. Screenshots go to
/// <c>TestResults/explorer-screenshots/</c> under the repository root (or <c>OPENLEDGER_SCREENSHOTS</c>).
/// </summary>
public sealed class ExplorerFixture : IAsyncLifetime
{
    public const int Inferences = 200;
    public const int Contributors = 12;
    public const long FeePerInference = 1_000; // the demo's fee
    /// <summary>How long a page action or navigation may take before it counts as stuck (a loaded CI machine is slow over a first page).</summary>
    public const float PageTimeoutMs = 90_000;
    public static readonly string[] Platforms = ["agent-platform-1", "agent-platform-2", "agent-platform-3", "agent-platform-4"];

    private IHost? _clientHost;
    private IPlaywright? _playwright;

    public SiloProcess Silo { get; private set; } = null!;
    public OpenLedgerClient Ledger { get; private set; } = null!;
    public IClusterClient Grains { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("OPENLEDGER_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(RepositoryPaths.Root, "TestResults", "explorer-screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("OPENLEDGER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium was not found at {chromium}: install it with `apt-get install -y chromium` (as .ci/run does) or set OPENLEDGER_CHROMIUM.");
        Directory.CreateDirectory(ScreenshotFolder);

        Silo = await SiloProcess.StartDemoAsync(Inferences, Contributors, TimeSpan.FromMinutes(4));
        var builder = Host.CreateApplicationBuilder();
        builder.AddOpenLedgerClient(o => o.GatewayPort = Silo.GatewayPort);
        _clientHost = builder.Build();
        await _clientHost.StartAsync();
        Ledger = _clientHost.Services.GetRequiredService<OpenLedgerClient>();
        Grains = _clientHost.Services.GetRequiredService<IClusterClient>();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A new page in its own context, at a desktop size by default (or a phone's: 390 × 844).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Silo.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        // A loaded CI machine can take long over a first page; what is measured here is content, not time.
        context.SetDefaultTimeout(PageTimeoutMs);
        context.SetDefaultNavigationTimeout(PageTimeoutMs);
        return await context.NewPageAsync();
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
            _clientHost.Dispose();
        }
        if (Silo is not null) await Silo.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ExplorerCollection : ICollectionFixture<ExplorerFixture>
{
    public const string Name = "explorer silo and browser";
}
