using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>One inference: its answer, its value trail, and the receipt's influences and postings with the exact integers.
/// The payer appears only as its pseudonym; the accounts paid (who earn) by name.</summary>
public static class InferencePage
{
    public static Html Render(InferenceResult result, Func<string, string> pseudonymOf)
    {
        var receipt = result.Receipt;
        var payer = receipt.Postings.Select(p => p.DebitAccount).FirstOrDefault();
        var influences = Html.Join(receipt.Influences.Select((e, i) => Html.Of($"""
            <tr><td class="num">{i + 1}</td><td class="num">{e.RowId}</td><td><a class="contributor" href="{Format.AccountUrl(e.Contributor)}">{e.Contributor}</a></td>
            <td><code title="{e.ContentHash}">{Format.Short(e.ContentHash, 16)}</code></td><td class="num">{Format.Scientific(e.Score)}</td><td class="num">{Format.Percent(e.Weight)}</td></tr>
            """)));
        var postings = Html.Join(receipt.Postings.Select(p => Html.Of($"""
            <tr class="posting" data-account="{p.CreditAccount}"><td><a class="account" href="{Format.AccountUrl(p.CreditAccount)}">{p.CreditAccount}</a></td><td>{Format.Role(p.Code)}</td><td><code>{p.Code}</code></td><td class="num amount">{Format.Micro(p.Amount)}</td></tr>
            """)));
        var charged = receipt.Postings.Sum(p => p.Amount);
        // The fee split as this inference applied it: each role's part of the postings (integers, so they sum to the fee).
        var split = Html.Join(receipt.Postings.GroupBy(p => Format.Role(p.Code)).Select(role => (Role: role.Key, Amount: role.Sum(p => p.Amount)))
            .OrderByDescending(part => part.Amount).ThenBy(part => part.Role, StringComparer.Ordinal)
            .Select(part => Html.Of($"""<li data-role="{part.Role}"><b>{part.Role}</b> {Format.Percent(charged == 0 ? 0 : (double)part.Amount / charged)} <span class="muted">(<span class="amount">{Format.Micro(part.Amount)}</span> µ)</span></li>""")));
        return Html.Of($"""
            <h1>Inference <code>{result.InferenceId}</code></h1>
            <p class="lede">Answered by <a href="{Format.ModelUrl(receipt.ModelId)}">{receipt.ModelId}</a> (trained on <a href="{Format.DatanetUrl(receipt.DatanetId)}">{receipt.DatanetId}</a> v{receipt.DatanetVersion}) at {Format.Time(result.CompletedAt)}{(payer is null ? "" : $", paid by {pseudonymOf(payer)}")}.</p>
            <div class="figures">
            <div class="figure"><b id="answer">{result.PredictedClass}</b><span>answer (class)</span></div>
            <div class="figure"><b id="fee">{Format.Micro(receipt.Fee)} µ</b><span>fee</span></div>
            <div class="figure"><b>{receipt.Influences.Count}</b><span>contributions with positive influence (top {receipt.TopK})</span></div>
            </div>
            <h2>Value trail</h2>
            {ValueTrailDiagram.Render(result)}
            <h2>Fee split</h2>
            <ul id="fee-split" class="split">{split}</ul>
            <h2>Accounts paid</h2>
            <p class="muted">The postings of ledger transfer <code>{receipt.LedgerTransferId}</code>: these integers are the ledger's. They sum to <b id="postings-total">{Format.Micro(charged)}</b> µ.</p>
            <table id="postings"><thead><tr><th>account</th><th>role</th><th>posting code</th><th class="num">amount (µ)</th></tr></thead><tbody>{postings}</tbody></table>
            <h2>Contributions that influenced the answer</h2>
            <p class="muted">Method <code>{receipt.Method}</code>; the query's loss (against class {receipt.LossLabel}) is {Format.Number(receipt.QueryLoss, "F4")}. The score estimates how much that loss would rise if the row were removed and the model retrained; the contributors' share of the fee is split by these weights.</p>
            <table id="influences"><thead><tr><th class="num">#</th><th class="num">row</th><th>contributor</th><th>content hash</th><th class="num">score</th><th class="num">weight</th></tr></thead><tbody>{influences}</tbody></table>
            {TextSpansView.Render(receipt)}
            {RagReceiptView.Render(receipt)}
            """);
    }
}
