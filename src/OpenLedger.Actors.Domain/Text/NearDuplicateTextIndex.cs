namespace OpenLedger.Actors.Domain.Text;

/// <summary>The stored document a new text nearly duplicates, and the estimated Jaccard similarity of their shingles.</summary>
public sealed record TextDuplicateMatch(long RowId, double EstimatedJaccard);

/// <summary>
/// Near-duplicate detection for text contributions: MinHash signatures (<see cref="MinHashSignature"/>) in a
/// locality-sensitive index of <see cref="Bands"/> bands × <see cref="RowsPerBand"/> entries. Documents sharing a band
/// are candidates; a candidate whose estimated Jaccard similarity of 5-word shingles is at least
/// <see cref="DefaultThreshold"/> (0.8) is a near-duplicate. With 32 × 4 bands a pair at J = 0.8 becomes a candidate
/// with probability 1 − (1 − 0.8⁴)³² > 0.9999; at J = 0.3 each band collides with probability 0.008.
/// The first stored document keeps the credit: a later one is reported as its duplicate (the most similar, then the
/// lowest row id). Exact duplicates are caught earlier by the content hash. Memory: 512 bytes of signature plus 32
/// band entries per document.
/// </summary>
public sealed class NearDuplicateTextIndex
{
    public const int Bands = 32;
    public const int RowsPerBand = MinHashSignature.Length / Bands;
    public const double DefaultThreshold = 0.8;

    private readonly Dictionary<ulong, List<long>> _bands = [];
    private readonly Dictionary<long, MinHashSignature> _signatures = [];

    public int Count => _signatures.Count;

    /// <summary>Stores a document's signature under its row id (once).</summary>
    public void Add(long rowId, MinHashSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!_signatures.TryAdd(rowId, signature)) throw new ArgumentException($"Row {rowId} is already indexed.", nameof(rowId));
        for (var band = 0; band < Bands; band++)
        {
            var key = BandKey(signature, band);
            if (!_bands.TryGetValue(key, out var rows)) _bands[key] = rows = [];
            rows.Add(rowId);
        }
    }

    /// <summary>The most similar stored document at or above <paramref name="threshold"/>, or null.</summary>
    public TextDuplicateMatch? FindDuplicate(MinHashSignature signature, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(signature);
        TextDuplicateMatch? best = null;
        var checkedRows = new HashSet<long>();
        for (var band = 0; band < Bands; band++)
        {
            if (!_bands.TryGetValue(BandKey(signature, band), out var rows)) continue;
            foreach (var row in rows)
            {
                if (!checkedRows.Add(row)) continue;
                var similarity = signature.EstimateJaccard(_signatures[row]);
                if (similarity < threshold) continue;
                if (best is null || similarity > best.EstimatedJaccard || (similarity == best.EstimatedJaccard && row < best.RowId))
                    best = new TextDuplicateMatch(row, similarity);
            }
        }
        return best;
    }

    private static ulong BandKey(MinHashSignature signature, int band)
    {
        var key = (ulong)band * 0x9e3779b97f4a7c15UL;
        for (var r = 0; r < RowsPerBand; r++) key = MinHashSignature.Mix(key ^ signature.Values[band * RowsPerBand + r]);
        return key;
    }
}
