using System.Globalization;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// The key of an <see cref="IAttributionShardGrain"/>: <c>{slot}|{artifact key}</c>. The artifact key says which
/// rows the shard holds (content-addressed, so the key alone is enough to load it on any silo); the slot —
/// shard number plus a per-model offset — is where <see cref="RowShardPlacement"/> puts it.
/// </summary>
public readonly record struct AttributionShardKey(int Slot, string ArtifactKey)
{
    public override string ToString() => $"{Slot.ToString(CultureInfo.InvariantCulture)}|{ArtifactKey}";

    public static AttributionShardKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !int.TryParse(key.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || bar == key.Length - 1)
            throw new FormatException($"'{key}' is not an attribution shard key (slot|artifact key).");
        return new AttributionShardKey(slot, key[(bar + 1)..]);
    }
}
