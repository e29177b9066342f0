using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.Cli.Api;

/// <summary>
/// <c>transparency head|key|consistency</c> (over HTTP, any API key): a transparency log's newest signed head, the public key
/// that checks its heads, and the proof that the log of <c>--to</c> entries extends the one of <c>--from</c>. With <c>--json</c>
/// each prints the document the HTTP API answers, which is what <c>verify receipt --key|--earlier-head|--consistency</c> read.
/// An unknown log exits 3 (<c>transparency.log_not_found</c>); sizes the log cannot prove exit 2.
/// </summary>
internal static class TransparencyCommand
{
    public static Command Create() => new("transparency", "The transparency log (HTTP API, any key): signed heads, the heads' key, consistency proofs.")
    {
        Head(), Key(), Consistency(),
    };

    private static Option<string> LogOption() => new("--log")
    {
        Description = $"The log's id (default '{TransparencyLogs.Receipts}', the receipts' log).", DefaultValueFactory = _ => TransparencyLogs.Receipts,
    };

    private static Command Head()
    {
        var log = LogOption();
        var command = new Command("head", "The log's newest signed head: size, Merkle root, time, key id and signature. Keep it to check later that the log only grew.") { log };
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var head = await api.GetTreeHeadAsync(parse.GetValue(log)!, cancellationToken);
            return console.Result(head, output =>
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Log {head.LogId}: {head.Size:N0} entries, root {head.RootHash}, signed {head.Timestamp.UtcDateTime:u} with key {head.KeyId}."));
            });
        });
    }

    private static Command Key()
    {
        var log = LogOption();
        var command = new Command("key", "The public key that checks the log's heads (DER SubjectPublicKeyInfo, base64); compare it with one obtained independently.") { log };
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var key = await api.GetTreeHeadKeyAsync(parse.GetValue(log)!, cancellationToken);
            return console.Result(key, output =>
            {
                output.WriteLine($"Key {key.KeyId} ({key.Algorithm}): {key.PublicKey}");
            });
        });
    }

    private static Command Consistency()
    {
        var log = LogOption();
        var from = new Option<long>("--from") { Description = "The size of the earlier head (entries).", Required = true };
        var to = new Option<long>("--to") { Description = "The size of the later head (entries), at most the log's.", Required = true };
        var command = new Command("consistency", "The proof that the log of --to entries extends the one of --from (the log only grew between two heads).") { from, to, log };
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var proof = await api.GetConsistencyProofAsync(new ConsistencyProofRequest(parse.GetValue(from), parse.GetValue(to), parse.GetValue(log)!), cancellationToken);
            return console.Result(proof, output =>
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Log {proof.LogId}: {proof.OldSize:N0} → {proof.NewSize:N0} entries, {proof.Path.Count} hashes:"));
                foreach (var hash in proof.Path) console.Out.WriteLine(hash);
            });
        });
    }
}
