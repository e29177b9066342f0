using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Http;
using OpenLedger.Actors.Silo.Demo;
using OpenLedger.Actors.Silo.Explorer;
using OpenLedger.Actors.Silo.Hosting;
using OpenLedger.Actors.Silo.Operations;

// The OpenLedger silo. Embedded default: one local silo, localhost clustering, in-memory storage.
//   dotnet run --project src/OpenLedger.Actors.Silo -- [--profile silo-config/azurite.json] [--demo [--demo-inferences N]]
var builder = WebApplication.CreateBuilder(args);
var remaining = SiloConfiguration.AddProfile(builder.Configuration, args);
var demo = DemoOptions.Parse(remaining);

builder.UseOrleans(silo =>
{
    silo.UseConfiguredClustering(builder.Configuration);
    silo.UseConfiguredTls(builder.Configuration); // mutual TLS on silo and gateway ports when OpenLedger:Tls:Enabled
    silo.AddOpenLedger(builder.Configuration);
    silo.AddActivityPropagation();
});

builder.AddOpenLedgerOperations(); // health probes, OpenTelemetry (OTLP + Prometheus), graceful shutdown (Operations/)
builder.Services.AddOpenLedgerApi(builder.Configuration); // the HTTP API (OpenLedger:Api settings)
if (demo is not null)
{
    builder.Services.AddSingleton(demo);
    builder.Services.AddHostedService<DemoWorkload>(); // after UseOrleans, so the silo is up before it runs
}

var app = builder.Build();
app.MapOpenLedgerOperations();
app.MapOpenLedgerApi();
app.MapOpenLedgerExplorer(); // the value-trail explorer: read-only HTML under /explorer
await app.RunAsync();

/// <summary>Public so the HTTP tests host this very program (WebApplicationFactory&lt;Program&gt;) instead of a copy of it.</summary>
public partial class Program;
