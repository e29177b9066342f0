using System.Numerics.Tensors;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Representation similarity, for models that only supply embeddings (no gradients, no Hessian): the
/// cosine between the query's embedding and each training row's, signed by label agreement,
/// <c>score(i, q) = cos(e_q, eᵢ)·(+1 if yᵢ = y_q else −1)</c>.
/// <para>
/// Why the sign: for a softmax last layer the gradient dot product factorises as
/// ∇ℓ(q)·∇ℓ(i) = (r_q·rᵢ)·(e_q·eᵢ); without residuals the best available stand-in for r_q·rᵢ is whether the
/// two rows pull towards the same class. Unsigned similarity would credit near neighbours of another class,
/// which push the query's loss up.
/// </para>
/// </summary>
public sealed class RepresentationSimilarityIndex : IRowAttributionMethod
{
    private readonly float[] _unitEmbeddings; // N×E, each row scaled to unit length (zero rows stay zero)
    private readonly int[] _labels;

    /// <param name="embeddings">N×E row-major training embeddings, in training order.</param>
    /// <param name="labels">The training label of each row.</param>
    public RepresentationSimilarityIndex(ReadOnlySpan<float> embeddings, int embeddingSize, IReadOnlyList<int> labels, Func<ReadOnlyMemory<double>, float[]>? embedQuery = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingSize, 1);
        if (embeddings.Length != labels.Count * embeddingSize)
            throw new ArgumentException($"Expected {labels.Count}×{embeddingSize} embedding values, got {embeddings.Length}.", nameof(embeddings));
        EmbeddingSize = embeddingSize;
        _labels = [.. labels];
        _unitEmbeddings = embeddings.ToArray();
        for (var i = 0; i < _labels.Length; i++)
        {
            var row = _unitEmbeddings.AsSpan(i * embeddingSize, embeddingSize);
            if (!AllFinite(row)) throw new ArgumentException($"Embedding {i} holds a non-finite value.", nameof(embeddings));
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
        EmbedQuery = embedQuery;
    }

    public string Name => "representation-similarity";
    public int RowCount => _labels.Length;
    public int EmbeddingSize { get; }

    /// <summary>Maps raw query features to the query's embedding, when the index was built with one
    /// (needed by <see cref="ScoreAll(ReadOnlySpan{double}, int, Span{double})"/>).</summary>
    public Func<ReadOnlyMemory<double>, float[]>? EmbedQuery { get; }

    public void ScoreAll(ReadOnlySpan<double> features, int label, Span<double> scores)
    {
        if (EmbedQuery is null) throw new InvalidOperationException("This index scores query embeddings only (ScoreEmbedding).");
        ScoreEmbedding(EmbedQuery(features.ToArray()), label, scores);
    }

    /// <summary>Scores every training row against a query embedding supplied by the model.</summary>
    public void ScoreEmbedding(ReadOnlySpan<float> queryEmbedding, int label, Span<double> scores)
    {
        if (queryEmbedding.Length != EmbeddingSize) throw new ArgumentException($"The query embedding must hold {EmbeddingSize} values.", nameof(queryEmbedding));
        if (!AllFinite(queryEmbedding)) throw new ArgumentException("The query embedding holds a non-finite value.", nameof(queryEmbedding));
        if (scores.Length < RowCount) throw new ArgumentException($"Room for {RowCount} scores is needed.", nameof(scores));
        var norm = TensorPrimitives.Norm(queryEmbedding);
        var inverse = norm > 0 ? 1.0 / norm : 0.0;
        for (var i = 0; i < RowCount; i++)
        {
            var cosine = TensorPrimitives.Dot(queryEmbedding, _unitEmbeddings.AsSpan(i * EmbeddingSize, EmbeddingSize)) * inverse;
            scores[i] = _labels[i] == label ? cosine : -cosine;
        }
    }

    /// <summary>
    /// The index for the built-in model: the embedding is the representation its softmax layer reads, the
    /// standardised features (without the bias column).
    /// </summary>
    public static RepresentationSimilarityIndex ForLinearModel(Training.LogisticRegressionModel model, Data.LabeledDataset training)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        var d = model.Dimension;
        float[] Embed(ReadOnlySpan<double> raw)
        {
            var x = new double[model.DesignWidth];
            model.Standardizer.Transform(raw, x);
            var e = new float[d];
            for (var k = 0; k < d; k++) e[k] = (float)x[k];
            return e;
        }
        var embeddings = new float[training.RowCount * d];
        for (var i = 0; i < training.RowCount; i++) Embed(training.Row(i)).CopyTo(embeddings.AsSpan(i * d, d));
        return new RepresentationSimilarityIndex(embeddings, d, training.Labels, raw => Embed(raw.Span));
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) return false;
        }
        return true;
    }
}
