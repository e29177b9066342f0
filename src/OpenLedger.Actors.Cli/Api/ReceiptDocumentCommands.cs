using System.CommandLine;
using System.Globalization;

namespace OpenLedger.Actors.Cli.Api;

/// <summary>
/// <c>receipt get INFERENCE_ID</c> and <c>receipt inclusion INFERENCE_ID</c> (over HTTP, a key of the payer, an operator or a
/// paid account): the receipt exactly as the API serves it and its transparency-log inclusion bundle (entry, signed head,
/// proof). Their <c>--json</c> output is what <c>verify receipt --receipt</c> and <c>--inclusion</c> read, so
/// <c>openledger receipt get ID --json &gt; r.json</c> and <c>… inclusion ID --json &gt; i.json</c> feed the offline check.
/// Not yours or unknown: 3 (<c>inference.not_found</c>); not logged yet: 7 (<c>transparency.pending</c>, try again).
/// </summary>
internal static class ReceiptDocumentCommands
{
    private static Argument<string> InferenceId() =>
        new("inferenceId") { Description = "The inference id, {session}|{key}, as statement references show it." };

    public static Command Get()
    {
        var inferenceId = InferenceId();
        var command = new Command("get", "The receipt as the HTTP API serves it (--json: the document verify receipt --receipt reads).") { inferenceId };
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var receipt = await api.GetReceiptDocumentAsync(parse.GetValue(inferenceId)!, cancellationToken);
            return console.Result(receipt, output =>
            {
                string Text(string name) => receipt.TryGetProperty(name, out var value) ? value.ToString() : "?";
                var postings = receipt.TryGetProperty("postings", out var list) ? list.GetArrayLength() : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Receipt of {parse.GetValue(inferenceId)}: model {Text("modelId")} on {Text("datanetId")} v{Text("datanetVersion")}, {Text("method")}, fee {Text("fee")}, {postings} postings (transfer {Text("ledgerTransferId")})."));
                console.Info("--json prints the whole document (the input of verify receipt --receipt).");
            });
        });
    }

    public static Command Inclusion()
    {
        var inferenceId = InferenceId();
        var command = new Command("inclusion", "The receipt's transparency-log entry, a signed head and the inclusion proof (--json: what verify receipt --inclusion reads).")
        {
            inferenceId,
        };
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var bundle = await api.GetReceiptInclusionAsync(parse.GetValue(inferenceId)!, cancellationToken);
            return console.Result(bundle, output =>
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Entry {bundle.Proof.Index:N0} of log {bundle.Head.LogId} (content hash {bundle.Entry.ContentHash}), in the head of {bundle.Head.Size:N0} entries signed {bundle.Head.Timestamp.UtcDateTime:u} with key {bundle.Head.KeyId}; proof of {bundle.Proof.Path.Count} hashes."));
            });
        });
    }
}
