using OpenLedger.Actors.Domain.Numerics;

namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>The linear surrogate of context attribution: ln P(answer | S) ≈ intercept + Σ_{d ∈ S} weight_d.</summary>
public sealed record ContextSurrogate(double Intercept, double[] Weights, double Alpha, int Sweeps, bool Converged)
{
    public double Predict(ReadOnlySpan<bool> kept)
    {
        if (kept.Length != Weights.Length) throw new ArgumentException($"Expected a mask over {Weights.Length} documents.", nameof(kept));
        var y = Intercept;
        for (var d = 0; d < kept.Length; d++) if (kept[d]) y += Weights[d];
        return y;
    }
}

/// <summary>What context attribution found for one answer: the surrogate, the span trace and the document weights.</summary>
/// <param name="RowIds">The retrieved documents, in mask order.</param>
/// <param name="FullLogProbability">ln P(answer | every retrieved document).</param>
/// <param name="EmptyLogProbability">ln P(answer | no document); its negation is the answer's information.</param>
/// <param name="Weights">Document weights and the unattributed share, out of <see cref="RagRewardRule.TotalWeight"/>.</param>
public sealed record ContextAttributionResult(
    IReadOnlyList<long> RowIds,
    ContextSurrogate Surrogate,
    double FullLogProbability,
    double EmptyLogProbability,
    SpanTrace Spans,
    TextAttributionWeights SpanWeights,
    TextAttributionWeights Weights,
    string ModelName,
    ContextAttributionOptions Options);

/// <summary>
/// Context attribution of a retrieval-augmented answer, as ContextCite does (Cohen-Wang et al., 2024): score the answer's
/// log-probability under m random ablations of the retrieved documents (each kept with probability p), fit a LASSO
/// (<see cref="LassoRegression"/>) from the keep/drop masks to those scores; a document's positive weight is what it adds
/// to the answer's log-probability. Verbatim spans of the answer in the documents (<see cref="SpanTracer"/>,
/// <see cref="TextRewardRule"/>) add credit, and <see cref="RagRewardRule"/> turns both into document weights with an
/// explicit unattributed share. Deterministic for a deterministic model: fixed masks from the seed, fixed sums.
/// </summary>
public static class ContextAttribution
{
    public static ContextAttributionResult Attribute(
        IReadOnlyList<IndexedDocument> documents,
        TokenizedText answer,
        IContextLanguageModel model,
        ContextAttributionOptions? options = null,
        int maxRecipients = int.MaxValue,
        UnigramSurprisal? surprisal = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(model);
        options ??= ContextAttributionOptions.Default;
        options.Validate();
        if (documents.Count == 0) throw new ArgumentException("At least one retrieved document is needed.", nameof(documents));

        var likelihood = model.Condition(documents, answer.Ids);
        var masks = ContextAblationMasks.Sample(documents.Count, options.Masks, options.Seed, options.KeepProbability);
        var surrogate = FitSurrogate(likelihood, masks, options.RelativeAlpha);
        var all = new bool[documents.Count];
        Array.Fill(all, true);
        var full = likelihood.LogProbability(all);
        var empty = likelihood.LogProbability(new bool[documents.Count]);

        var index = SuffixArrayIndex.Build(documents);
        var trace = SpanTracer.Trace([index], answer, options.SpanQuery, surprisal);
        var spanWeights = TextRewardRule.Weigh(trace, int.MaxValue);

        var rowIds = documents.Select(d => d.RowId).ToList();
        var weights = RagRewardRule.Weigh(rowIds, surrogate.Weights, -empty, spanWeights, options.SpanShare, maxRecipients);
        return new ContextAttributionResult(rowIds, surrogate, full, empty, trace, spanWeights, weights, model.Name, options);
    }

    /// <summary>Scores every mask and fits the LASSO surrogate to them, α = <paramref name="relativeAlpha"/> × sd(scores).</summary>
    public static ContextSurrogate FitSurrogate(IAnswerLikelihood likelihood, IReadOnlyList<bool[]> masks, double relativeAlpha)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        ArgumentNullException.ThrowIfNull(masks);
        var rows = masks.Select(mask => mask.Select(kept => kept ? 1.0 : 0.0).ToArray()).ToList();
        var scores = masks.Select(mask => likelihood.LogProbability(mask)).ToList();
        var mean = scores.Average();
        var deviation = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Count);
        var alpha = relativeAlpha * deviation;
        var fit = LassoRegression.Fit(rows, scores, alpha);
        return new ContextSurrogate(fit.Intercept, fit.Coefficients, alpha, fit.Sweeps, fit.Converged);
    }
}
