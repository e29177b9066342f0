using System.Collections.Concurrent;
using System.Security.Cryptography;
using Orleans.Serialization;
using Orleans.Storage;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Wraps a grain storage and keeps, for every stored state, the SHA-256 of its serialized bytes, so a test can
/// compare everything the cluster has stored (datanets, contributors, models, sessions, inferences, attribution,
/// ledger journal records) before and after an operation.
/// </summary>
internal sealed class SnapshotGrainStorage(IGrainStorage inner, Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, string> _fingerprints = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        _fingerprints[$"{stateName}/{grainId}"] = Convert.ToHexStringLower(SHA256.HashData(serializer.SerializeToArray(grainState.State)));
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ClearStateAsync(stateName, grainId, grainState);
        _fingerprints.TryRemove($"{stateName}/{grainId}", out _);
    }

    /// <summary>Every stored state's key and fingerprint, in key order.</summary>
    public IReadOnlyList<string> Snapshot() => _fingerprints.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToList();
}
