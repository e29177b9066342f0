using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Errors;

namespace OpenLedger.Actors.Grains.Security;

/// <summary>
/// Refuses a call to an internal method (see <see cref="Abstractions.Security.InternalGrainCallAttribute"/>) that does
/// not carry a valid <see cref="InternalCallProof"/> — every call from a gateway client, whatever it holds or claims to
/// be — with <c>call.internal_interface</c> before the grain runs, so the call changes nothing. The proof is removed
/// from the request context either way, so it never flows further.
/// </summary>
public sealed partial class InternalCallGuardFilter(InternalCallProof proof, ILogger<InternalCallGuardFilter> logger) : IIncomingGrainCallFilter
{
    public const string ErrorCode = "call.internal_interface";

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var presented = RequestContext.Get(InternalCallProof.RequestContextKey) as string;
        if (presented is not null) RequestContext.Remove(InternalCallProof.RequestContextKey);
        if (!InternalGrainCalls.IsInternal(context.InterfaceMethod)) return context.Invoke();
        if (proof.Verify(presented, context.TargetId, context.InterfaceName, context.MethodName)) return context.Invoke();

        LogRefused(logger, context.InterfaceName, context.MethodName, context.SourceId?.ToString() ?? "unknown", presented is not null);
        throw OpenLedgerException.Forbidden(ErrorCode,
            $"{context.InterfaceName}.{context.MethodName} is internal to the cluster: clients may not call it.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call to internal {Interface}.{Method} from {Source} (proof presented: {Presented})")]
    private static partial void LogRefused(ILogger logger, string @interface, string method, string source, bool presented);
}
