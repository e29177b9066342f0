using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// From context attribution to document weights, out of <see cref="TotalWeight"/> = 1,000,000 units (parts per million of
/// the answer), with an explicit unattributed share:
/// <list type="number">
/// <item>Context part: a document's surrogate weight w⁺ = max(0, β) (nats the answer gains when the document is in the
/// context: <see cref="ContextAttribution"/>) over the answer's information I = max(−ln P(answer | no documents), Σ w⁺):
/// c = w⁺ / I. What the documents do not explain (novel words, words any text would predict) stays unattributed.</item>
/// <item>Span part: a document's span weight from <see cref="TextRewardRule"/> (verbatim spans of the answer found in
/// the retrieved documents, credit by surprisal, tapered by count, split over the documents holding the span) over
/// that rule's total weight: s = span weight / total (0 without tokens).</item>
/// <item>share = (1 − σ) · c + σ · s, σ = the span share (0.25 by default); unattributed = 1 − Σ share ≥ 0.</item>
/// <item>Units: the shares (documents by ascending row id, unattributed last) apportioned over 1,000,000 by largest
/// remainder (<see cref="LargestRemainder"/>), so the parts add up exactly; documents of 0 units left out; ordered
/// heaviest first then by row id; the first <c>maxRecipients</c> paid, the rest pooled.</item>
/// </list>
/// The shares are doubles until step 4, where they are quantised: a receipt records the units, and re-checks from its
/// recorded surrogate weights, span weights and answer information.
/// </summary>
public static class RagRewardRule
{
    public const long TotalWeight = 1_000_000;

    public const double DefaultSpanShare = 0.25;

    public static TextAttributionWeights Weigh(
        IReadOnlyList<long> rowIds,
        IReadOnlyList<double> surrogateWeights,
        double answerInformation,
        TextAttributionWeights spanWeights,
        double spanShare,
        int maxRecipients)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        ArgumentNullException.ThrowIfNull(surrogateWeights);
        ArgumentNullException.ThrowIfNull(spanWeights);
        if (rowIds.Count != surrogateWeights.Count) throw new ArgumentException("One surrogate weight per document.", nameof(surrogateWeights));
        if (rowIds.Distinct().Count() != rowIds.Count) throw new ArgumentException("Row ids must be distinct.", nameof(rowIds));
        if (!double.IsFinite(answerInformation) || answerInformation < 0) throw new ArgumentOutOfRangeException(nameof(answerInformation), answerInformation, "The answer's information must be finite and ≥ 0.");
        if (!(spanShare >= 0 && spanShare <= 1)) throw new ArgumentOutOfRangeException(nameof(spanShare), spanShare, "σ must lie in [0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecipients, 0);

        var order = Enumerable.Range(0, rowIds.Count).OrderBy(d => rowIds[d]).ToArray();
        var positive = new double[rowIds.Count];
        double explained = 0;
        for (var d = 0; d < positive.Length; d++)
        {
            if (!double.IsFinite(surrogateWeights[d])) throw new ArgumentException("Surrogate weights must be finite.", nameof(surrogateWeights));
            positive[d] = Math.Max(0, surrogateWeights[d]);
            explained += positive[d];
        }
        var information = Math.Max(answerInformation, explained);

        var spanByRow = spanWeights.Documents.Concat(spanWeights.PooledDocuments).ToDictionary(w => w.RowId, w => w.Weight);
        if (spanByRow.Keys.Any(row => !rowIds.Contains(row))) throw new ArgumentException("Span weights name a row that was not retrieved.", nameof(spanWeights));

        var shares = new double[rowIds.Count + 1];
        double attributed = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var d = order[k];
            var context = information > 0 ? positive[d] / information : 0;
            var span = spanWeights.TotalWeight > 0 ? spanByRow.GetValueOrDefault(rowIds[d]) / (double)spanWeights.TotalWeight : 0;
            shares[k] = (1 - spanShare) * context + spanShare * span;
            attributed += shares[k];
        }
        shares[^1] = Math.Max(0, 1 - attributed);
        var units = LargestRemainder.Apportion(TotalWeight, shares);
        var rows = order.Select((d, k) => new DocumentWeight(rowIds[d], units[k]));
        return TextAttributionWeights.Capped(rows, units[^1], TotalWeight, maxRecipients);
    }
}
