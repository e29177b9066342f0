using OpenLedger.Actors.Abstractions.Security;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Http.Quotas;

/// <summary>What one API key (the grain key) has created in the current quota window, per kind. Internal: the HTTP API's own.</summary>
[Alias("openledger.IApiKeyUsageGrain"), InternalGrainCall]
public interface IApiKeyUsageGrain : IGrainWithStringKey
{
    /// <summary>Whether the key has created fewer than <paramref name="limit"/> of <paramref name="kind"/> in window <paramref name="window"/>; reads only.</summary>
    [Alias("has-room"), ReadOnly] Task<bool> HasRoomAsync(string kind, long window, int limit);

    /// <summary>Counts one accepted creation.</summary>
    [Alias("record")] Task RecordAsync(string kind, long window);
}
