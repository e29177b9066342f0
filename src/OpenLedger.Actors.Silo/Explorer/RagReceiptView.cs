using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>
/// A RAG model's receipt on the inference page: the documents of the answer's context in order, each linked to its row
/// (document) with its contributor, retrieval scores, surrogate weight, span weight and share of the answer; the share
/// left unattributed; the attribution's parameters; and the answer's spans found verbatim in those documents (the table
/// language-model receipts use). Question and answer are not stored with the receipt (only their hashes).
/// </summary>
public static class RagReceiptView
{
    public static Html Render(AttributionReceipt receipt)
    {
        if (receipt.Rag is not { } rag) return Html.Empty;
        var contributors = receipt.Influences.ToDictionary(e => e.RowId, e => e.Contributor);
        var hybrid = rag.Embedder is not null; // a hybrid model's receipts add the embedding ranking's column
        static string Rank(int? rank) => rank is { } r ? r.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–";
        Html DenseCell(RagDocument document) => hybrid ? Html.Of($"""<td class="num">{Rank(document.EmbeddingRank)}</td>""") : Html.Empty;
        var documents = Html.Join(rag.Documents.Select(d =>
        {
            var contributor = contributors.TryGetValue(d.RowId, out var c) ? Html.Of($"""<a class="contributor" href="{Format.AccountUrl(c)}">{c}</a>""") : Html.Of($"""<span class="muted">not paid</span>""");
            return Html.Of($"""
                <tr class="rag-document" data-row="{d.RowId}"><td class="num">{d.Position}</td><td class="num"><a href="{Format.DocumentUrl(receipt.DatanetId, d.RowId)}">{d.RowId}</a></td><td>{contributor}</td>
                <td class="num">{Format.Number(d.FusedScore, "F4")}</td><td class="num">{Rank(d.Bm25Rank)}</td>{DenseCell(d)}
                <td class="num">{Format.Number(d.SurrogateWeight, "F3")}</td><td class="num">{Format.Count(d.SpanWeight)}</td><td class="num">{Format.Percent(rag.TotalUnits == 0 ? 0 : (double)d.Units / rag.TotalUnits)}</td></tr>
                """);
        }));
        var denseNote = hybrid ? Html.Of($""" (dense retrieval: <code>{rag.Embedder}</code>)""") : Html.Empty;
        var denseHeader = hybrid ? Html.Of($"""<th class="num">embedding rank</th>""") : Html.Empty;
        var unattributed = rag.TotalUnits == 0 ? 1.0 : (double)rag.UnattributedUnits / rag.TotalUnits;
        return Html.Of($"""
            <h2>Documents the answer was generated from</h2>
            <p class="muted">{rag.Documents.Count} documents of <a href="{Format.DatanetUrl(receipt.DatanetId)}">{receipt.DatanetId}</a> v{receipt.DatanetVersion}, chosen by <code>{rag.Retrieval}</code>{denseNote}, for an answer of {rag.AnswerTokens} tokens. Context attribution: <code>{rag.LanguageModel}</code>, {rag.Masks} ablations (keep p = {Format.Number(rag.KeepProbability)}, seed <code>{rag.Seed}</code>), LASSO α = {Format.Number(rag.Alpha)}; ln P(answer) is {Format.Number(rag.FullLogProbability, "F2")} with every document and {Format.Number(rag.EmptyLogProbability, "F2")} with none. <b id="unattributed">{Format.Percent(unattributed)}</b> of the answer is unattributed (its part of the contributors' share goes to the protocol).</p>
            <table id="rag-documents"><thead><tr><th class="num">#</th><th class="num">row</th><th>contributor</th><th class="num">fused score</th><th class="num">BM25 rank</th>{denseHeader}<th class="num">surrogate weight (nats)</th><th class="num">span weight</th><th class="num">share of the answer</th></tr></thead><tbody>{documents}</tbody></table>
            <h3>Spans found verbatim in the documents</h3>
            {TextSpansView.Table(rag.Spans, "count in the documents")}
            """);
    }
}
