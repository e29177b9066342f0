using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Telemetry;
using OpenLedger.Actors.Silo.Demo;
using OpenLedger.Actors.Silo.Explorer;
using OpenLedger.Actors.Silo.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The OpenLedger silo. Embedded default: one local silo, localhost clustering, in-memory storage.
//   dotnet run --project src/OpenLedger.Actors.Silo -- [--profile silo-config/azurite.json] [--demo [--demo-inferences N]]
var builder = WebApplication.CreateBuilder(args);
var remaining = SiloConfiguration.AddProfile(builder.Configuration, args);
var demo = DemoOptions.Parse(remaining);

builder.UseOrleans(silo =>
{
    silo.UseConfiguredClustering(builder.Configuration);
    silo.AddOpenLedger(builder.Configuration);
    silo.AddActivityPropagation();
});

var telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(OpenLedgerTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"))
    .WithMetrics(metrics => metrics.AddMeter(OpenLedgerTelemetry.Name, "Microsoft.Orleans"));
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
    telemetry.UseOtlpExporter();

builder.Services.AddHealthChecks();
if (demo is not null)
{
    builder.Services.AddSingleton(demo);
    builder.Services.AddHostedService<DemoWorkload>(); // after UseOrleans, so the silo is up before it runs
}

var app = builder.Build();
app.MapHealthChecks("/health/live");
app.MapOpenLedgerExplorer(); // the value-trail explorer: read-only HTML under /explorer
await app.RunAsync();
