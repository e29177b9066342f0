using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Governance;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// The silo's <see cref="IParameterSnapshots"/>: the newest version heard of (pushed by <see cref="ParameterSnapshotService"/>
/// or fetched from <see cref="IGovernanceParametersGrain"/>), re-fetched once it is older than the refresh interval.
/// A version never goes back: an older answer arriving late is ignored. Concurrent callers share one fetch.
/// </summary>
public sealed class ParameterSnapshots(IGrainFactory grains, IOptions<GovernanceOptions> options, TimeProvider clock) : IParameterSnapshots
{
    private readonly Lock _gate = new();
    private ParametersInForce? _current;
    private long _checkedAt;
    private Task<ParametersInForce>? _fetching;

    public ValueTask<ParametersInForce> CurrentAsync()
    {
        lock (_gate)
        {
            if (_current is { } current && clock.GetElapsedTime(_checkedAt) < options.Value.SnapshotRefresh) return ValueTask.FromResult(current);
            _fetching ??= FetchAsync();
            return new ValueTask<ParametersInForce>(_fetching);
        }
    }

    /// <summary>A version pushed on execution (or fetched): kept if newer than the one held.</summary>
    public void Offer(ParametersInForce version)
    {
        lock (_gate)
        {
            if (_current is null || version.Version >= _current.Version)
            {
                _current = version;
                _checkedAt = clock.GetTimestamp();
            }
        }
    }

    private async Task<ParametersInForce> FetchAsync()
    {
        try
        {
            var fetched = await grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync();
            Offer(fetched);
            lock (_gate) return _current!;
        }
        finally
        {
            lock (_gate) _fetching = null;
        }
    }
}
