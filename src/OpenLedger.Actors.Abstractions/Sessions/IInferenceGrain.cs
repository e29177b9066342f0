using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>
/// One inference, keyed by <c>{sessionId}|{idempotencyKey}</c>. Serialises the calls for one key, so a key
/// is executed and charged at most once however many times it is retried; holds the result for replays.
/// Called by the session grain. It takes the payer and model from the session named by its own key, never
/// from the caller, so calling it directly cannot charge another account.
/// </summary>
[Alias("openledger.IInferenceGrain")]
public interface IInferenceGrain : IGrainWithStringKey
{
    [Alias("execute"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<InferenceResult> ExecuteAsync(InferenceRequest request);

    /// <summary>The stored result, or null when this key was never executed.</summary>
    /// <summary>The durable result, or null. Interleaves, so the attribution grain can check a result this grain is recording.</summary>
    [Alias("result"), AlwaysInterleave] Task<InferenceResult?> GetResultAsync();

    /// <summary>The receipt's position in the receipts transparency log, once appended; null before.</summary>
    [Alias("transparency-index"), AlwaysInterleave] Task<long?> GetTransparencyIndexAsync();
}
