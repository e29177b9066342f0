using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// The receipt parts every text attribution shares (language models' spans, RAG models' context attribution): the traced
/// spans in the receipt's form, and the weighted documents as influences (score = weight units, weight = share of the
/// rule's total), named by the version's row table.
/// </summary>
internal static class TextReceiptParts
{
    public static List<TextSpan> Spans(SpanTrace trace) =>
        trace.Spans.Select(s => new TextSpan(s.TokenStart, s.TokenLength, s.CharStart, s.CharEnd, s.Count, s.RowIds, s.SurprisalQ16)).ToList();

    public static List<InfluenceEntry> Influences(TextAttributionWeights weights, IReadOnlyDictionary<long, (string Contributor, string Hash)> rows) =>
        weights.Documents.Select(d =>
        {
            var (contributor, hash) = rows[d.RowId];
            return new InfluenceEntry(d.RowId, contributor, hash, d.Weight, weights.TotalWeight == 0 ? 0 : (double)d.Weight / weights.TotalWeight);
        }).ToList();
}
