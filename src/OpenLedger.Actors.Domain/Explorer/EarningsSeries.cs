namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// An account's earnings over time in a bounded number of equal-width time buckets. The first amount fixes the
/// origin; when an amount falls past the last bucket, neighbouring buckets are merged in pairs and the width
/// doubles, so memory stays at <see cref="MaxBuckets"/> amounts whatever the time span, and the sum of the buckets
/// is always exactly the sum of the amounts added. Amounts dated before the origin count in the first bucket.
/// </summary>
public sealed class EarningsSeries
{
    public const int MaxBuckets = 64;

    private readonly List<long> _amounts;

    public EarningsSeries(long initialWidthSeconds = 1)
    {
        if (initialWidthSeconds < 1) throw new ArgumentOutOfRangeException(nameof(initialWidthSeconds), "The bucket width must be at least one second.");
        WidthSeconds = initialWidthSeconds;
        _amounts = [];
    }

    private EarningsSeries(long originUnixSeconds, long widthSeconds, IEnumerable<long> amounts)
    {
        OriginUnixSeconds = originUnixSeconds;
        WidthSeconds = widthSeconds;
        _amounts = amounts.ToList();
    }

    /// <summary>Rebuilds a series from <see cref="OriginUnixSeconds"/>, <see cref="WidthSeconds"/> and <see cref="Amounts"/>.</summary>
    public static EarningsSeries Restore(long originUnixSeconds, long widthSeconds, IReadOnlyList<long> amounts)
    {
        if (widthSeconds < 1) throw new ArgumentOutOfRangeException(nameof(widthSeconds), "The bucket width must be at least one second.");
        if (amounts.Count > MaxBuckets) throw new ArgumentException($"A series holds at most {MaxBuckets} buckets.", nameof(amounts));
        return new EarningsSeries(originUnixSeconds, widthSeconds, amounts);
    }

    /// <summary>Start of the first bucket (Unix seconds); meaningful once <see cref="Amounts"/> is not empty.</summary>
    public long OriginUnixSeconds { get; private set; }

    public long WidthSeconds { get; private set; }

    /// <summary>Earned per bucket, oldest first; bucket k covers [origin + k·width, origin + (k+1)·width).</summary>
    public IReadOnlyList<long> Amounts => _amounts;

    public long Total => _amounts.Sum();

    public void Add(DateTimeOffset at, long amount)
    {
        var seconds = at.ToUnixTimeSeconds();
        if (_amounts.Count == 0)
        {
            OriginUnixSeconds = seconds - Mod(seconds, WidthSeconds);
            _amounts.Add(0);
        }
        var index = seconds < OriginUnixSeconds ? 0 : (seconds - OriginUnixSeconds) / WidthSeconds;
        while (index >= MaxBuckets)
        {
            Coarsen();
            index = (seconds - OriginUnixSeconds) / WidthSeconds;
        }
        while (_amounts.Count <= index) _amounts.Add(0);
        _amounts[(int)index] = checked(_amounts[(int)index] + amount);
    }

    /// <summary>Doubles the width: buckets 2k and 2k+1 become bucket k.</summary>
    private void Coarsen()
    {
        var merged = new List<long>((_amounts.Count + 1) / 2);
        for (var i = 0; i < _amounts.Count; i += 2)
            merged.Add(_amounts[i] + (i + 1 < _amounts.Count ? _amounts[i + 1] : 0));
        _amounts.Clear();
        _amounts.AddRange(merged);
        WidthSeconds *= 2;
    }

    private static long Mod(long value, long width) => ((value % width) + width) % width;
}
