namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// The offline context language model: an n-gram model over GPT-2 tokens whose counts come from the kept (unmasked)
/// documents only, interpolated Jelinek–Mercer style down to a uniform floor over the vocabulary:
/// <code>
/// P₀(w)       = 1 / V                                         (V = 50,257)
/// Pₖ(w | h)   = λ · c(h w) / c(h •) + (1 − λ) · Pₖ₋₁(w | h′)   when c(h •) > 0, else Pₖ₋₁(w | h′)
/// </code>
/// with h the k − 1 tokens before w (h′ without its first), c(h w) how often the k-gram occurs in the kept documents and
/// c(h •) how often h occurs followed by a token of the same document (for k = 1: the kept documents' tokens). Answer
/// token i is scored with the answer's own previous min(i, K − 1) tokens as history (K = <see cref="Order"/>); the
/// answer's log-probability is the sum. Every probability is at least (1 − λ)^K / V, so masking never gives −∞.
/// <para>Why Jelinek–Mercer rather than Witten–Bell: its statistics (c(h w), c(h •)) add up over documents, so
/// <c>Condition</c> counts every n-gram of the answer in each document once, and any subset's counts are sums of
/// those — scoring a mask costs answer length × order × documents, with no index rebuilt per mask. (Witten–Bell needs the
/// number of distinct continuations of h, which does not add up over documents.)</para>
/// <para>The counts come from one <see cref="SuffixArrayIndex"/> over the retrieved documents (the span index's own
/// structure): each n-gram of the answer is one suffix-array interval, whose suffixes name their documents.</para>
/// </summary>
public sealed class InterpolatedNGramModel : IContextLanguageModel
{
    public InterpolatedNGramModel(int order = 4, double lambda = 0.7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 16);
        if (!(lambda > 0 && lambda < 1)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must lie in (0, 1).");
        Order = order;
        Lambda = lambda;
    }

    /// <summary>K: the longest n-gram used.</summary>
    public int Order { get; }

    /// <summary>λ: the weight of each order's maximum-likelihood estimate against the lower orders.</summary>
    public double Lambda { get; }

    public string Name => $"ngram-jm/order={Order}/lambda={Lambda.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public IAnswerLikelihood Condition(IReadOnlyList<IndexedDocument> documents, ReadOnlySpan<ushort> answer)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var index = SuffixArrayIndex.Build(documents);
        return Condition(index, answer);
    }

    /// <summary>As <see cref="Condition(IReadOnlyList{IndexedDocument}, ReadOnlySpan{ushort})"/> over an index already built of the documents (mask order = index order).</summary>
    public IAnswerLikelihood Condition(SuffixArrayIndex index, ReadOnlySpan<ushort> answer)
    {
        ArgumentNullException.ThrowIfNull(index);
        return NGramAnswerLikelihood.Count(index, answer, Order, Lambda);
    }
}
