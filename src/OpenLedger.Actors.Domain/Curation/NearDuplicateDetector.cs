using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace OpenLedger.Actors.Domain.Curation;

/// <summary>The existing row a new one nearly duplicates, and how similar they are.</summary>
public sealed record DuplicateMatch(long RowId, string Contributor, double Cosine);

/// <summary>
/// Near-duplicate detection and label plausibility by cosine similarity of feature vectors after a per-feature
/// <see cref="FeatureScale"/> (TensorPrimitives). Rows are kept raw and as unit vectors under the current scale, so a
/// check is one dot product per stored row. The first contributor of a vector keeps the credit: a later row within
/// the cutoff of any stored row is reported as its duplicate. A row that is all centre has no direction; it only
/// duplicates another such row.
/// <para>The scale is set by <see cref="Rescale"/> (callers re-estimate it as the data grows); every stored row is
/// re-projected then. Cost: O(rows · dimension) per check; a Datanet far past 10⁵ rows would need an ANN index.</para>
/// </summary>
public sealed class NearDuplicateDetector
{
    private readonly int _dimension;
    private readonly List<float> _rawRows = [];
    private readonly List<float> _unitRows = [];
    private readonly List<(long RowId, string Contributor)> _owners = [];
    private readonly List<int> _labels = [];

    public NearDuplicateDetector(int dimension, FeatureScale? scale = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (scale is not null && scale.Dimension != dimension) throw new ArgumentException("The scale's dimension differs.", nameof(scale));
        _dimension = dimension;
        Scale = scale ?? FeatureScale.Identity(dimension);
    }

    public int Count => _owners.Count;

    public FeatureScale Scale { get; private set; }

    /// <summary>How many rows were stored when the scale was last set.</summary>
    public int ScaledAtCount { get; private set; }

    /// <summary>The stored rows, raw, row-major.</summary>
    public ReadOnlySpan<float> RawRows => CollectionsMarshal.AsSpan(_rawRows);

    /// <summary>Stores a row; <paramref name="label"/> (−1 = unknown) serves <see cref="LabelAgreement"/>.</summary>
    public void Add(long rowId, string contributor, ReadOnlySpan<double> features, int label = -1)
    {
        Span<float> raw = stackalloc float[_dimension];
        ToFloat(features, raw);
        Span<float> unit = stackalloc float[_dimension];
        Project(raw, unit);
        foreach (var value in raw) _rawRows.Add(value);
        foreach (var value in unit) _unitRows.Add(value);
        _owners.Add((rowId, contributor));
        _labels.Add(label);
    }

    /// <summary>Sets the scale and re-projects every stored row.</summary>
    public void Rescale(FeatureScale scale)
    {
        if (scale.Dimension != _dimension) throw new ArgumentException("The scale's dimension differs.", nameof(scale));
        Scale = scale;
        ScaledAtCount = Count;
        var raw = CollectionsMarshal.AsSpan(_rawRows);
        var unit = CollectionsMarshal.AsSpan(_unitRows);
        for (var i = 0; i < Count; i++) Project(raw.Slice(i * _dimension, _dimension), unit.Slice(i * _dimension, _dimension));
    }

    /// <summary>The most similar stored row at or above <paramref name="cutoff"/>, or null.</summary>
    public DuplicateMatch? FindDuplicate(ReadOnlySpan<double> features, double cutoff)
    {
        Span<float> unit = stackalloc float[_dimension];
        var isCentre = Query(features, unit);
        var rows = CollectionsMarshal.AsSpan(_unitRows);
        DuplicateMatch? best = null;
        for (var i = 0; i < _owners.Count; i++)
        {
            var row = rows.Slice(i * _dimension, _dimension);
            double cosine = isCentre
                ? (TensorPrimitives.MaxMagnitude(row) == 0 ? 1.0 : 0.0)
                : TensorPrimitives.Dot(row, unit);
            if (cosine >= cutoff && (best is null || cosine > best.Cosine))
                best = new DuplicateMatch(_owners[i].RowId, _owners[i].Contributor, Math.Min(1.0, cosine));
        }
        return best;
    }

    /// <summary>
    /// Label plausibility: the share of the <paramref name="neighbours"/> most similar stored rows whose label is
    /// <paramref name="label"/>; null while fewer rows are stored. A flipped label disagrees with its neighbourhood.
    /// </summary>
    public double? LabelAgreement(ReadOnlySpan<double> features, int label, int neighbours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        Span<float> unit = stackalloc float[_dimension];
        Query(features, unit);
        if (_owners.Count < neighbours) return null;
        var rows = CollectionsMarshal.AsSpan(_unitRows);
        var best = new PriorityQueue<int, float>(neighbours + 1); // min-heap: the weakest of the most similar so far on top
        for (var i = 0; i < _owners.Count; i++)
        {
            var cosine = TensorPrimitives.Dot(rows.Slice(i * _dimension, _dimension), unit);
            if (best.Count < neighbours) best.Enqueue(i, cosine);
            else if (best.TryPeek(out _, out var weakest) && cosine > weakest) best.EnqueueDequeue(i, cosine);
        }
        var agree = 0;
        while (best.TryDequeue(out var index, out _))
        {
            if (_labels[index] == label) agree++;
        }
        return (double)agree / neighbours;
    }

    /// <summary>Writes the query's unit vector under the current scale; true when it sits at the centre (no direction).</summary>
    private bool Query(ReadOnlySpan<double> features, Span<float> unit)
    {
        Span<float> raw = stackalloc float[_dimension];
        ToFloat(features, raw);
        return Project(raw, unit);
    }

    private bool Project(ReadOnlySpan<float> raw, Span<float> unit)
    {
        Scale.Apply(raw, unit);
        var norm = TensorPrimitives.Norm(unit);
        if (norm == 0 || !float.IsFinite(norm))
        {
            unit.Clear();
            return true;
        }
        TensorPrimitives.Divide(unit, norm, unit);
        return false;
    }

    private void ToFloat(ReadOnlySpan<double> features, Span<float> raw)
    {
        if (features.Length != _dimension) throw new ArgumentException($"Expected {_dimension} features, got {features.Length}.", nameof(features));
        for (var i = 0; i < _dimension; i++)
        {
            if (!double.IsFinite(features[i])) throw new ArgumentException("Features must be finite.", nameof(features));
            raw[i] = (float)features[i];
        }
    }
}
