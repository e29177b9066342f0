namespace OpenLedger.Actors.Grains.Security;

/// <summary>
/// Runs on silos for every call silo code makes (grains, and the silo's in-process code such as the HTTP API and the
/// demo): a call to an internal method carries a fresh <see cref="InternalCallProof"/>; any other call carries none.
/// </summary>
public sealed class InternalCallStampFilter(InternalCallProof proof) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (InternalGrainCalls.IsInternal(context.InterfaceMethod))
            RequestContext.Set(InternalCallProof.RequestContextKey, proof.Create(context.TargetId, context.InterfaceName, context.MethodName));
        else if (RequestContext.Get(InternalCallProof.RequestContextKey) is not null)
            RequestContext.Remove(InternalCallProof.RequestContextKey);
        try
        {
            await context.Invoke();
        }
        finally
        {
            RequestContext.Remove(InternalCallProof.RequestContextKey);
        }
    }
}
