using OpenLedger.Actors.Domain.Attribution.Scan;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Exact influence functions for the built-in trainer's model:
/// <c>score(i, q) = (1/N)·∇ℓ(q)ᵀ·H⁻¹·∇ℓ(i)</c>, with H the Hessian of the full regularised objective at
/// the trained θ — the first-order estimate of how much the query's loss would rise if row i were
/// removed and the model retrained (same λ and 1/N).
/// <para>
/// For multinomial logistic regression ∇ℓ(i) = rᵢ ⊗ xᵢ with the residual rᵢ = pᵢ − e(yᵢ). H is factorised
/// once when the index is built. A query costs one solve s = H⁻¹∇ℓ(q) (reshaped to S, C×D), and then a
/// scan over the rows: score(i, q) = (1/N)·Σ_c rᵢ,c·(S_c · xᵢ) — C dot products of length D per row.
/// </para>
/// <para>
/// The rows and residuals are kept once, as float, in the blocked layout of <see cref="Scan.ScanMatrix"/>
/// (4·(D + C) bytes per row; the double design matrix is only alive while the Hessian is built), and scanned
/// by <see cref="Scan.InfluenceScanKernel"/> on all cores; <see cref="AttributeBatch"/> scans several queries
/// in one pass over the rows. Query preparation and the Hessian solve stay in double.
/// </para>
/// </summary>
public sealed class InfluenceIndex : IRowAttributionMethod, IInfluenceScanner
{
    public const string MethodName = "exact-influence";

    private readonly InfluenceQuerySolver _solver;
    private readonly InfluenceShard _rows;

    private InfluenceIndex(InfluenceQuerySolver solver, InfluenceShard rows)
    {
        _solver = solver;
        _rows = rows;
    }

    public string Name => MethodName;
    public LogisticRegressionModel Model => _solver.Model;
    public int RowCount => _rows.Rows;

    public ScanPrecision Precision => _rows.Matrix.Precision;

    /// <summary>Bytes the per-row data (design rows and residuals) occupies.</summary>
    public long RowBytes => _rows.Bytes;

    /// <summary>Workers a scan may use (default: all cores).</summary>
    public int MaxDegreeOfParallelism => _rows.MaxDegreeOfParallelism;

    /// <summary>Builds the index for a model and the exact rows (in order) it was trained on.</summary>
    /// <param name="precision">How the rows are stored: float (default) or half (half the memory; see <see cref="ScanMatrix"/>).</param>
    /// <param name="rowWeights">The row weights the model was trained with, or null for 1 everywhere (see <see cref="InfluenceShardSet"/>).</param>
    public static InfluenceIndex Build(LogisticRegressionModel model, LabeledDataset training, int? maxDegreeOfParallelism = null,
        ScanPrecision precision = ScanPrecision.Single, double[]? rowWeights = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        var set = InfluenceShardSet.Build(model, training, Math.Max(1, training.RowCount), precision, maxDegreeOfParallelism, rowWeights);
        return new InfluenceIndex(set.Solver, set.Shards.Single());
    }

    /// <summary>
    /// Prepares a query: its prediction, the label its loss is taken against, and the scan vector
    /// S = (1/N)·H⁻¹∇ℓ(q) (C×D).
    /// </summary>
    public PreparedQuery Prepare(ReadOnlySpan<double> features, int? label = null) => _solver.Prepare(features, label);

    /// <summary>Writes the influence of every training row on the query into <paramref name="scores"/>.</summary>
    public void ScoreAll(PreparedQuery query, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (scores.Length < RowCount) throw new ArgumentException($"Room for {RowCount} scores is needed.", nameof(scores));
        var scanned = ScoreBatch([query]);
        for (var i = 0; i < RowCount; i++) scores[i] = scanned[i];
    }

    /// <summary>Scores every row against a query with the loss taken against <paramref name="label"/>.</summary>
    public void ScoreAll(ReadOnlySpan<double> features, int label, Span<double> scores) => ScoreAll(Prepare(features, label), scores);

    /// <summary>Scores every row against every query in one pass over the rows; the result is B × N, query-major.</summary>
    public float[] ScoreBatch(IReadOnlyList<PreparedQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var panel = new ScanQueryPanel(queries.Select(q => q.ScanVector).ToArray(), Model.ClassCount, Model.DesignWidth);
        var scores = new float[queries.Count * RowCount];
        InfluenceScanKernel.ScoreParallel(_rows.Matrix, panel, scores, MaxDegreeOfParallelism);
        return scores;
    }

    /// <summary>Prediction plus the top-k training rows by positive influence.</summary>
    public QueryAttribution Attribute(ReadOnlySpan<double> features, int? label, int topK) =>
        AttributeBatch([new AttributionQuery(features.ToArray(), label)], topK)[0];

    /// <summary>Attributes several queries with one scan over the rows (what concurrent inferences share).</summary>
    public IReadOnlyList<QueryAttribution> AttributeBatch(IReadOnlyList<AttributionQuery> queries, int topK)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return AttributePrepared(queries.Select(q => Prepare(q.Features, q.Label)).ToArray(), topK);
    }

    /// <summary>
    /// Top-k attribution of already prepared queries, with one scan over the rows in chunks of
    /// <see cref="ChunkBlocks"/> blocks (see <see cref="InfluenceShard.TopK"/>).
    /// </summary>
    public IReadOnlyList<QueryAttribution> AttributePrepared(IReadOnlyList<PreparedQuery> prepared, int topK)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.Count == 0) return [];
        var tops = _rows.TopK(prepared.Select(q => q.ScanVector).ToArray(), topK);
        var results = new QueryAttribution[prepared.Count];
        for (var b = 0; b < prepared.Count; b++)
        {
            var query = prepared[b];
            results[b] = new QueryAttribution(query.Probabilities, query.PredictedClass, query.LossLabel, query.Loss, tops[b]);
        }
        return results;
    }

    Task<IReadOnlyList<QueryAttribution>> IInfluenceScanner.AttributePreparedAsync(IReadOnlyList<PreparedQuery> prepared, int topK) =>
        Task.FromResult(AttributePrepared(prepared, topK));

    /// <summary>Blocks of 16 rows scanned per chunk by <see cref="AttributePrepared"/> (32,768 rows).</summary>
    public const int ChunkBlocks = InfluenceShard.ChunkBlocks;
}
