using System.Numerics.Tensors;

namespace OpenLedger.Actors.Domain.Curation;

/// <summary>The existing row a new one nearly duplicates, and how similar they are.</summary>
public sealed record DuplicateMatch(long RowId, string Contributor, double Cosine);

/// <summary>
/// Near-duplicate detection by cosine similarity over a Datanet's feature vectors (TensorPrimitives). Rows are
/// kept unit-normalised in float, so a check is one dot product per stored row. The first contributor of a
/// vector keeps the credit: a later row within the cutoff of any stored row is reported as its duplicate.
/// A zero vector has no direction; it only duplicates another zero vector.
/// </summary>
public sealed class NearDuplicateDetector(int dimension)
{
    private readonly List<float> _unitRows = [];
    private readonly List<(long RowId, string Contributor)> _owners = [];

    public int Count => _owners.Count;

    public void Add(long rowId, string contributor, ReadOnlySpan<double> features)
    {
        Span<float> unit = stackalloc float[dimension];
        Normalise(features, unit);
        foreach (var value in unit) _unitRows.Add(value);
        _owners.Add((rowId, contributor));
    }

    /// <summary>The most similar stored row at or above <paramref name="cutoff"/>, or null.</summary>
    public DuplicateMatch? FindDuplicate(ReadOnlySpan<double> features, double cutoff)
    {
        if (features.Length != dimension) throw new ArgumentException($"Expected {dimension} features, got {features.Length}.", nameof(features));
        Span<float> unit = stackalloc float[dimension];
        var isZero = Normalise(features, unit);
        var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_unitRows);
        DuplicateMatch? best = null;
        for (var i = 0; i < _owners.Count; i++)
        {
            var row = rows.Slice(i * dimension, dimension);
            double cosine = isZero
                ? (TensorPrimitives.MaxMagnitude(row) == 0 ? 1.0 : 0.0)
                : TensorPrimitives.Dot(row, unit);
            if (cosine >= cutoff && (best is null || cosine > best.Cosine))
                best = new DuplicateMatch(_owners[i].RowId, _owners[i].Contributor, Math.Min(1.0, cosine));
        }
        return best;
    }

    /// <summary>Writes the unit vector; true when the input is all zeros.</summary>
    private bool Normalise(ReadOnlySpan<double> features, Span<float> unit)
    {
        if (features.Length != dimension) throw new ArgumentException($"Expected {dimension} features, got {features.Length}.", nameof(features));
        var norm = Math.Sqrt(TensorPrimitives.SumOfSquares(features));
        if (!double.IsFinite(norm)) throw new ArgumentException("Features must be finite.", nameof(features));
        if (norm == 0)
        {
            unit.Clear();
            return true;
        }
        for (var i = 0; i < dimension; i++) unit[i] = (float)(features[i] / norm);
        return false;
    }
}
