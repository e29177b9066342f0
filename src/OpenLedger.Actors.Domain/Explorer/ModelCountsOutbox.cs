namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>Inferences and fees owed to one model's explorer entry.</summary>
public sealed record ModelCountDelta(string ModelId, long Inferences, long Fees);

/// <summary>A numbered batch of deltas: each model's entry applies a number once, so a batch can be resent safely.</summary>
public sealed record ModelCountBatch(long Number, IReadOnlyList<ModelCountDelta> Deltas);

/// <summary>
/// What the explorer catalog owes the per-model entries: the counts of inferences whose ids the catalog has recorded
/// but which the models' entries do not hold yet. It is stored in the catalog's state, in the same write as the ids it
/// counts (so a crash can neither lose nor double a count). Deltas accumulate per model; a flush seals them into a
/// numbered batch, which is sent once a state holding it is durable, and leaves the outbox when every model of it has
/// applied it (each model's entry keeps the last number it applied and ignores older ones).
/// Bounded: at most <see cref="MaxDeltas"/> deltas are owed at once (≈ 200 B each in the catalog's 256 KiB budget);
/// past it the catalog refuses new inferences until the models catch up (their senders retry).
/// </summary>
public sealed class ModelCountsOutbox
{
    public const int MaxDeltas = 1_024;

    private readonly Dictionary<string, (long Inferences, long Fees)> _accumulating = new(StringComparer.Ordinal);
    private readonly List<ModelCountBatch> _sealed = [];

    public ModelCountsOutbox(long lastNumber = 0, IEnumerable<ModelCountBatch>? sealedBatches = null, IEnumerable<ModelCountDelta>? accumulating = null)
    {
        LastNumber = lastNumber;
        foreach (var batch in sealedBatches ?? []) _sealed.Add(batch);
        foreach (var delta in accumulating ?? []) Add(delta.ModelId, delta.Inferences, delta.Fees);
    }

    /// <summary>The number given to the newest sealed batch.</summary>
    public long LastNumber { get; private set; }

    public IReadOnlyList<ModelCountBatch> Sealed => _sealed;

    public IReadOnlyList<ModelCountDelta> Accumulating =>
        _accumulating.Select(d => new ModelCountDelta(d.Key, d.Value.Inferences, d.Value.Fees)).ToList();

    public int DeltaCount => _accumulating.Count + _sealed.Sum(b => b.Deltas.Count);

    public bool IsFull => DeltaCount >= MaxDeltas;

    public void Add(string modelId, long inferences, long fees)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var owed = _accumulating.GetValueOrDefault(modelId);
        _accumulating[modelId] = (owed.Inferences + inferences, owed.Fees + fees);
    }

    /// <summary>Seals what accumulated into the next numbered batch (null when nothing did).</summary>
    public ModelCountBatch? Seal()
    {
        if (_accumulating.Count == 0) return null;
        var batch = new ModelCountBatch(++LastNumber, Accumulating);
        _accumulating.Clear();
        _sealed.Add(batch);
        return batch;
    }

    /// <summary>Every model of batch <paramref name="number"/> applied it: it is no longer owed.</summary>
    public bool Acknowledge(long number) => _sealed.RemoveAll(b => b.Number == number) > 0;

    /// <summary>What is owed to one model, sealed or not, beyond the batches its entry has applied (through
    /// <paramref name="appliedThrough"/>): added to its stored entry when the explorer shows it.</summary>
    public (long Inferences, long Fees) OwedTo(string modelId, long appliedThrough)
    {
        var owed = _accumulating.GetValueOrDefault(modelId);
        foreach (var delta in _sealed.Where(b => b.Number > appliedThrough).SelectMany(b => b.Deltas).Where(d => d.ModelId == modelId))
            owed = (owed.Inferences + delta.Inferences, owed.Fees + delta.Fees);
        return owed;
    }
}
