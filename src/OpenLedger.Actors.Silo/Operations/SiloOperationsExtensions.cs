using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.ServiceDefaults;
using OpenLedger.Actors.Silo.Operations.Health;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenLedger.Actors.Silo.Operations;

/// <summary>
/// What an operator needs from a silo, added with one call each in <c>Program.cs</c>: health probes,
/// OpenTelemetry (traces and metrics over OTLP, and a Prometheus scrape endpoint), and a bounded graceful
/// shutdown.
/// </summary>
public static class SiloOperationsExtensions
{
    public const string ServiceName = "openledger-silo";
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddOpenLedgerOperations(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
            throw new OptionsValidationException(OperationsOptions.Section, typeof(OperationsOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));

        // The public URLs plus the management port, which alone serves /metrics (see MapOpenLedgerOperations).
        var urls = builder.Configuration["Urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080";
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), options.ManagementUrls]);
        builder.Services.AddSingleton(options);

        // SIGTERM (Kubernetes, systemd, Ctrl+C) stops the host; the silo then leaves the cluster gracefully.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        builder.AddOpenLedgerTelemetry(ServiceName)
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(http => http.Filter = context => !IsOperationsPath(context.Request.Path)))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter());

        var checks = builder.Services.AddHealthChecks()
            .AddCheck<SiloStartedHealthCheck>("silo-started", tags: [HealthEndpoints.StartupTag, HealthEndpoints.ReadyTag])
            .AddCheck<SiloMembershipHealthCheck>("silo-membership", tags: [HealthEndpoints.ReadyTag]);
        checks.Add(new HealthCheckRegistration("ledger", services => new LedgerHealthCheck(services.GetRequiredService<LedgerRouter>(), options.LedgerProbeTimeout),
            failureStatus: HealthStatus.Unhealthy, tags: [HealthEndpoints.ReadyTag]));
        var storage = builder.Configuration.GetSection(OpenLedgerStorageOptions.Section).Get<OpenLedgerStorageOptions>() ?? new OpenLedgerStorageOptions();
        if (storage.Provider == StorageProvider.AzureStorage && !string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            var table = new TableServiceClient(storage.ConnectionString).GetTableClient(storage.TableName);
            var container = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(storage.ArtifactContainer);
            checks.Add(new HealthCheckRegistration("storage", _ => new StorageHealthCheck(table, container, options.StoragePingTimeout),
                failureStatus: HealthStatus.Unhealthy, tags: [HealthEndpoints.ReadyTag]));
        }
        return builder;
    }

    public static WebApplication MapOpenLedgerOperations(this WebApplication app)
    {
        // The management port serves /metrics and health, nothing else; the public port never serves /metrics (decided by
        // the port the connection arrived on, not by the Host header a caller sends).
        var managementPort = app.Services.GetRequiredService<OperationsOptions>().ManagementPort;
        app.Use((context, next) =>
        {
            var onManagement = context.Connection.LocalPort == managementPort;
            var path = context.Request.Path;
            if (onManagement ? !IsOperationsPath(path) : path.StartsWithSegments(MetricsPath))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.MapHealthChecks(HealthEndpoints.Live, new() { Predicate = _ => false });
        app.MapHealthChecks(HealthEndpoints.Ready, new() { Predicate = check => check.Tags.Contains(HealthEndpoints.ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks(HealthEndpoints.Startup, new() { Predicate = check => check.Tags.Contains(HealthEndpoints.StartupTag), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
