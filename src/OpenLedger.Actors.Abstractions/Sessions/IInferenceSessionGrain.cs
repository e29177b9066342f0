using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>An inference session, keyed by session id. Inferences with different keys run concurrently.</summary>
[Alias("openledger.IInferenceSessionGrain")]
public interface IInferenceSessionGrain : IGrainWithStringKey
{
    /// <summary>Opens the session; repeating the same call returns it, a different one is a conflict.</summary>
    [Alias("open")] Task<SessionInfo> OpenAsync(string payerAccount, string modelId, int topK = 10);

    [Alias("info"), AlwaysInterleave] Task<SessionInfo> GetInfoAsync();

    /// <summary>Predicts, attributes and charges one inference exactly once per idempotency key.</summary>
    /// <remarks>Interleaves with every call: it only reads the session's confirmed identity and forwards.</remarks>
    [Alias("infer"), AlwaysInterleave] Task<InferenceResult> InferAsync(InferenceRequest request);
}
