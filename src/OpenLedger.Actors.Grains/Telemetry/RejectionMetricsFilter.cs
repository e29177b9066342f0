using OpenLedger.Actors.Abstractions.Errors;

namespace OpenLedger.Actors.Grains.Telemetry;

/// <summary>
/// Counts typed refusals (<see cref="OpenLedgerException"/>) once per client call: only calls that come from a
/// client are counted, so a refusal raised deep in the grain chain and rethrown at every hop counts once.
/// </summary>
public sealed class RejectionMetricsFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (OpenLedgerException e) when (context.SourceId is { } source && GrainTypePrefix.IsClient(source))
        {
            OpenLedgerTelemetry.Rejections.Add(1, new KeyValuePair<string, object?>("kind", e.Kind.ToString()), new KeyValuePair<string, object?>("code", e.ErrorCode));
            throw;
        }
    }
}
