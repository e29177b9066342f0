namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// The inference ids the explorer has recorded, as a staged (scalable) Bloom filter: no false negatives, and a false-positive
/// rate that stays under <see cref="TotalFalsePositiveRate"/> however many ids it holds. Ids go into the newest stage; a full
/// stage is sealed (immutable: stored once) and a new one starts, with a capacity doubling from
/// <see cref="FirstStageCapacity"/> up to <see cref="MaxStageCapacity"/> and a tighter rate: stage s (from 0) gets
/// p_s = P·6/(π²(s+1)²), so Σ p_s ≤ P (Σ 1/n² = π²/6) and an unknown id passes some stage with probability at most P.
/// The bits per id grow only with the logarithm of the number of stages (≈ 1.44·log2(1/p_s)); the newest stage is at most
/// <see cref="MaxStageCapacity"/> ids (under 512 KiB for the first ~80,000 stages, over 5·10⁹ ids). The explorer answers an unknown inference
/// id from it — 404 without activating an inference grain or reading storage; a false positive only costs the one grain
/// call the page would have made anyway.
/// </summary>
public sealed class RecordedIdFilter
{
    /// <summary>The designed bound on the false-positive rate, summed over all stages (tests measure it against 1e-3).</summary>
    public const double TotalFalsePositiveRate = 5e-4;

    public const int FirstStageCapacity = 16_384;
    public const int MaxStageCapacity = 65_536;

    private readonly List<RecordedIdFilterStage> _stages = [];

    public RecordedIdFilter() { }

    /// <summary>A filter from stored stages, oldest first (sealed stages, then the newest); nulls (empty states) are skipped.</summary>
    public RecordedIdFilter(IEnumerable<RecordedIdFilterStage?> stages)
    {
        foreach (var stage in stages)
            if (stage is not null) _stages.Add(stage);
    }

    /// <summary>Stages made by this filter (legacy ones excluded), which numbers the next: capacity and rate follow from it.</summary>
    private int OwnStages => _stages.Count(s => !s.IsLegacy);

    public IReadOnlyList<RecordedIdFilterStage> Stages => _stages;

    /// <summary>The stage still being filled (null before the first id): stored with every change, the others once.</summary>
    public RecordedIdFilterStage? Active => _stages.Count > 0 && !_stages[^1].IsLegacy && !_stages[^1].IsFull ? _stages[^1] : null;

    public long Count => _stages.Where(s => !s.IsLegacy).Sum(s => (long)s.Count);

    public long ByteSize => _stages.Sum(s => (long)s.ByteSize);

    public static double StageFalsePositiveRate(int stage) => TotalFalsePositiveRate * 6 / (Math.PI * Math.PI * (stage + 1.0) * (stage + 1.0));

    public static int StageCapacity(int stage) => (int)Math.Min(MaxStageCapacity, (long)FirstStageCapacity << Math.Min(stage, 20));

    public void Add(string id)
    {
        var hash = new RecordedIdHash(id);
        if (Contains(hash)) return; // a repeat takes no room
        if (Active is not { } active)
        {
            var number = OwnStages;
            active = RecordedIdFilterStage.Create(StageCapacity(number), StageFalsePositiveRate(number));
            _stages.Add(active);
        }
        active.Add(hash, OwnStages - 1);
    }

    /// <summary>False: the id was certainly never added. True: it probably was (wrongly at most <see cref="TotalFalsePositiveRate"/> of the time).</summary>
    public bool MayContain(string id) => Contains(new RecordedIdHash(id));

    private bool Contains(in RecordedIdHash hash)
    {
        var own = 0;
        foreach (var stage in _stages)
        {
            if (stage.MayContain(hash, stage.IsLegacy ? -1 : own)) return true;
            if (!stage.IsLegacy) own++;
        }
        return false;
    }
}
