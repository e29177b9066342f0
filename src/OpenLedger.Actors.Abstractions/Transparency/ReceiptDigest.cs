using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>
/// The canonical content of an inference's receipt (what paid whom, and why: the attribution receipt under its inference
/// id — not the prediction, which is the payer's alone), as the transparency log commits to it: one field per line in a
/// fixed order, list items tab-separated (ids hold no control characters), numbers in invariant round-trip form.
/// A language model's receipt adds its span part (<c>text</c>, <c>token-weights</c>, <c>span</c> lines); a RAG model's its
/// context attribution (<c>rag</c>; a hybrid model's <c>rag-embedder</c>, and its documents' embedding rank and cosine;
/// one <c>rag-document</c> per document in context order, <c>span</c> lines).
/// <see cref="Of"/> is its SHA-256 (hex), the entry's content hash; anyone holding the receipt recomputes it.
/// </summary>
public static class ReceiptDigest
{
    public static string CanonicalText(string inferenceId, AttributionReceipt r)
    {
        var text = new StringBuilder("openledger.receipt.v1\n");
        void Line(string name, object value) =>
            text.Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        Line("inference", inferenceId);
        Line("model", r.ModelId);
        Line("datanet", r.DatanetId);
        Line("datanet-version", r.DatanetVersion);
        Line("method", r.Method);
        Line("loss-label", r.LossLabel);
        Line("query-loss", r.QueryLoss.ToString("R", CultureInfo.InvariantCulture));
        Line("top-k", r.TopK);
        Line("fee", r.Fee);
        Line("transfer", r.LedgerTransferId);
        Line("parameter-version", r.ParameterVersion);
        foreach (var i in r.Influences)
            Line("influence", $"{i.RowId}\t{i.Contributor}\t{i.ContentHash}\t{i.Score.ToString("R", CultureInfo.InvariantCulture)}\t{i.Weight.ToString("R", CultureInfo.InvariantCulture)}");
        foreach (var p in r.Postings)
            Line("posting", $"{p.DebitAccount}\t{p.CreditAccount}\t{p.Amount}\t{p.Code}");
        if (r.Text is { } t) // a language model's spans (absent for other models, whose digests are unchanged)
        {
            Line("text", $"{t.OutputTokens}\t{t.TotalWeight}\t{t.UnattributedWeight}\t{t.CorpusTokens}\t{t.MinTokens}\t{t.MaxOccurrences}\t{t.MaxSpans}\t{t.CandidateSpans}\t{t.DroppedAsCommon}\t{t.PromptHash ?? "-"}");
            Line("token-weights", string.Join('\t', t.TokenWeightsQ16));
            foreach (var span in t.Spans) Line("span", SpanLine(span));
        }
        if (r.Rag is { } g) // a RAG model's context attribution (absent for other models)
        {
            Line("rag", $"{g.QuestionHash}\t{g.AnswerHash}\t{g.AnswerTokens}\t{g.Retrieval}\t{g.LanguageModel}\t{g.Order}\t{R(g.Lambda)}\t{g.Seed}\t{g.Masks}\t{R(g.KeepProbability)}\t{R(g.RelativeAlpha)}\t{R(g.Alpha)}\t{R(g.SpanShare)}\t{R(g.FullLogProbability)}\t{R(g.EmptyLogProbability)}\t{R(g.Intercept)}\t{g.SpanTotalWeight}\t{g.TotalUnits}\t{g.UnattributedUnits}");
            if (g.Embedder is not null) Line("rag-embedder", g.Embedder); // a hybrid model's (BM25-only digests are unchanged)
            foreach (var d in g.Documents)
            {
                var dense = g.Embedder is null ? "" : $"\t{d.EmbeddingRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{R(d.Cosine)}";
                Line("rag-document", $"{d.RowId}\t{d.Position}\t{R(d.FusedScore)}\t{d.Bm25Rank?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{R(d.Bm25Score)}\t{R(d.SurrogateWeight)}\t{d.SpanWeight}\t{d.Units}{dense}");
            }
            foreach (var span in g.Spans) Line("span", SpanLine(span));
        }
        return text.ToString();
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string SpanLine(Attribution.TextSpan span) =>
        $"{span.TokenStart}\t{span.TokenLength}\t{span.CharStart}\t{span.CharEnd}\t{span.Count}\t{span.SurprisalQ16}\t{string.Join(',', span.RowIds)}";

    public static string Of(string inferenceId, AttributionReceipt receipt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(inferenceId, receipt))));

    /// <summary>
    /// The receipt's log entry. Its id is the SHA-256 (hex) of the inference id, not the id itself: the log is public,
    /// receipts are not (only the payer, the accounts paid and operators see them), and whoever holds the receipt can
    /// compute both hashes.
    /// </summary>
    public static TransparencyEntry EntryOf(string inferenceId, AttributionReceipt receipt) =>
        new(TransparencyKinds.Receipt, BlindedId(inferenceId), Of(inferenceId, receipt));

    public static string BlindedId(string inferenceId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inferenceId)));
}
