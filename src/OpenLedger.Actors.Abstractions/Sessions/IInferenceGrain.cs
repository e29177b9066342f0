using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>
/// One inference, keyed by <c>{sessionId}|{idempotencyKey}</c>. Serialises the calls for one key, so a key
/// is executed and charged at most once however many times it is retried; holds the result for replays.
/// Called by the session grain, which passes its confirmed session info; called with a request alone it takes the
/// payer and model from the session named by its own key, never from the caller, so calling it directly cannot charge
/// another account.
/// </summary>
[Alias("openledger.IInferenceGrain")]
public interface IInferenceGrain : IGrainWithStringKey
{
    [Alias("execute"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<InferenceResult> ExecuteAsync(InferenceRequest request);

    /// <summary>
    /// As <see cref="ExecuteAsync(InferenceRequest)"/>, with the session's confirmed info passed by the session grain so the
    /// inference does not read it back (one call less per inference). Its session id must be this inference's
    /// (<c>inference.session_mismatch</c>); like every internal call, only silo code can make it.
    /// </summary>
    [Alias("execute-in-session"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<InferenceResult> ExecuteAsync(SessionInfo session, InferenceRequest request);

    /// <summary>The stored result, or null when this key was never executed.</summary>
    /// <summary>The durable result, or null. Interleaves, so the attribution grain can check a result this grain is recording.</summary>
    [Alias("result"), AlwaysInterleave] Task<InferenceResult?> GetResultAsync();

    /// <summary>The receipt's position in the receipts transparency log, once appended; null before.</summary>
    [Alias("transparency-index"), AlwaysInterleave] Task<long?> GetTransparencyIndexAsync();
}
