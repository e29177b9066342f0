using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Cli.Api;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>receipt show INFERENCE_ID</c>: an inference's attribution receipt — the fee, who was paid (the postings) and why (the
/// influences) — by the id a statement line shows (<c>{session}|{key}</c> or its transfer id <c>inference:{session}|{key}</c>).
/// </summary>
internal static class ReceiptCommand
{
    public static Command Create()
    {
        var inferenceId = new Argument<string>("inferenceId") { Description = "The inference id, {session}|{key}, as statement references show it." };
        var show = new Command("show", "Show an inference's receipt: fee, postings and influences. Exit code 3 (inference.not_found) if there is none.") { inferenceId };
        ClusterConnection.Attach(show, async (parse, client, console, cancellationToken) =>
        {
            var text = parse.GetValue(inferenceId)!;
            if (!InferenceId.TryParseTransferOrId(text, out var id))
                return console.Fail(ExitCodes.BadInput, $"'{text}' is not an inference id: give '{{sessionId}}|{{idempotencyKey}}' (as statement references show it).", "receipt.id_invalid");
            if (await client.GetInferenceAsync(id.ToString(), cancellationToken) is not { } result)
                return console.Fail(ExitCodes.NotFound, $"There is no inference '{id}'.", "inference.not_found");
            var receipt = result.Receipt;
            if (console.Json)
            {
                console.WriteJson(new { inferenceId = result.InferenceId, result.PredictedClass, result.CompletedAt, receipt });
                return ExitCodes.Ok;
            }
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Inference {result.InferenceId}: model {receipt.ModelId} on {receipt.DatanetId} v{receipt.DatanetVersion}, {receipt.Method}, fee {receipt.Fee:N0} (transfer {receipt.LedgerTransferId}, parameters v{receipt.ParameterVersion})."));
            var postings = CliTable.Create(["credit", "debit", "amount", "code"], "amount");
            foreach (var p in receipt.Postings) postings.Add(p.CreditAccount, p.DebitAccount, p.Amount.ToString("N0", CultureInfo.InvariantCulture), p.Code);
            console.Write(postings);
            var influences = CliTable.Create(["row", "contributor", "score", "weight"], "row", "score", "weight");
            foreach (var i in receipt.Influences)
                influences.Add(i.RowId, i.Contributor, i.Score.ToString("0.####E+0", CultureInfo.InvariantCulture), i.Weight.ToString("P2", CultureInfo.InvariantCulture));
            console.Write(influences);
            return ExitCodes.Ok;
        });
        return new Command("receipt", "Attribution receipts: who an inference's fee paid, and why; get and inclusion fetch them from the HTTP API for verify receipt.")
        {
            show, ReceiptDocumentCommands.Get(), ReceiptDocumentCommands.Inclusion(),
        };
    }
}
