using OpenLedger.Actors.Abstractions.Security;

namespace OpenLedger.Actors.Http.Quotas;

/// <summary>What one API key (the grain key) has created in the current quota window, per kind. Internal: the HTTP API's own.</summary>
[Alias("openledger.IApiKeyUsageGrain"), InternalGrainCall]
public interface IApiKeyUsageGrain : IGrainWithStringKey
{
    /// <summary>Counts one creation of <paramref name="kind"/> in window number <paramref name="window"/>; false (and nothing counted) when <paramref name="limit"/> is reached.</summary>
    [Alias("consume")] Task<bool> TryConsumeAsync(string kind, long window, int limit);

    /// <summary>Gives back a creation whose request failed.</summary>
    [Alias("refund")] Task RefundAsync(string kind, long window);
}
