using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpenLedger.Actors.ServiceDefaults;

/// <summary>
/// The one place OpenTelemetry is wired for OpenLedger processes (silo and client hosts alike): the project's
/// activity source and meter, Orleans' activity sources (grain calls, with the trace context carried across
/// silos by Orleans' activity propagation) and Orleans' meter, a resource naming the service and instance,
/// and the OTLP exporter when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Hosts add their own instrumentation
/// and exporters to the returned builder (the silo adds ASP.NET Core and the Prometheus scrape endpoint).
/// </summary>
public static class OpenLedgerObservability
{
    /// <summary>The project's <c>ActivitySource</c> and <c>Meter</c> name (the grains record on it).</summary>
    public const string SourceName = "OpenLedger.Actors";

    /// <summary>Orleans' meter (messaging, activations, membership, storage, …).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Orleans' activity sources: one span per grain call on each side, runtime work apart.</summary>
    public static IReadOnlyList<string> OrleansActivitySources { get; } = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>The environment variable that turns on the OTLP exporter (standard OpenTelemetry name).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static OpenTelemetryBuilder AddOpenLedgerTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        // On Kubernetes the pod name (downward API) tells the instances apart; elsewhere the machine name.
        var instance = builder.Configuration["POD_NAME"] is { Length: > 0 } pod ? pod : Environment.MachineName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(OpenLedgerObservability).Assembly.GetName().Version?.ToString(), serviceInstanceId: instance))
            .WithTracing(tracing => tracing.AddSource(SourceName).AddSource([.. OrleansActivitySources]))
            .WithMetrics(metrics => metrics.AddMeter(SourceName, OrleansMeterName));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
            telemetry.UseOtlpExporter();
        return telemetry;
    }
}
