namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>
/// A benchmark cluster's storage write counters: grain state (journal records, head witnesses; the counting storage
/// exists once a grain first used it) and checkpoint artifacts.
/// </summary>
internal sealed class BenchmarkWrites(Func<CountingGrainStorage?> grain, CountingArtifactStore artifacts)
{
    public CountingArtifactStore Artifacts => artifacts;

    /// <summary>Every storage write so far.</summary>
    public long All() => (grain()?.Writes ?? 0) + Artifacts.Writes;

    /// <summary>The grain-state writes so far of the grain keyed <paramref name="key"/>.</summary>
    public long OfGrain(string key) => grain()?.WritesOf(key) ?? 0;
}
