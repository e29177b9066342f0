using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenLedger.Actors.Silo.Operations.Health;

/// <summary>Writes a health report as JSON (overall status, then each check's status and description), so an operator sees why a probe fails.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
