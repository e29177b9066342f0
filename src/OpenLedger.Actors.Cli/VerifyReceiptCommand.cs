using System.CommandLine;
using System.Text.Json;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Domain.Transparency;

namespace OpenLedger.Actors.Cli;

/// <summary>
/// <c>verify receipt</c>: checks, offline and trusting no server, that a receipt is the one the operator published to
/// everyone: its canonical digest is the log entry's content hash, the entry is in the tree of a signed head (inclusion
/// proof), the head is signed by the published key, and — given an earlier head and a consistency proof — the log
/// only grew between the two. Inputs are the JSON the HTTP API answers (<c>GET /receipts/{id}</c>,
/// <c>…/inclusion</c>, <c>/transparency/logs/receipts/key</c>, <c>…/consistency</c>). Uses the domain library only.
/// </summary>
internal static class VerifyReceiptCommand
{
    public static Command Create()
    {
        var inference = new Option<string>("--inference") { Description = "The inference id ('{session}|{key}', a statement line's reference).", Required = true };
        var receipt = new Option<FileInfo>("--receipt") { Description = "The receipt (GET /api/v1/receipts/{id}).", Required = true };
        var inclusion = new Option<FileInfo>("--inclusion") { Description = "Its inclusion bundle (GET /api/v1/receipts/{id}/inclusion).", Required = true };
        var key = new Option<FileInfo>("--key") { Description = "The log's public key (GET /api/v1/transparency/logs/receipts/key), obtained independently.", Required = true };
        var earlier = new Option<FileInfo?>("--earlier-head") { Description = "A head you kept from before (GET …/head): checks the log only grew since." };
        var consistency = new Option<FileInfo?>("--consistency") { Description = "The consistency proof from the earlier head to the bundle's (GET …/consistency?from=&to=)." };
        var verify = new Command("receipt", "Check a receipt against the transparency log: digest, inclusion, head signature, consistency.")
            { inference, receipt, inclusion, key, earlier, consistency };
        verify.SetAction(parse => Run(parse.GetValue(inference)!, parse.GetValue(receipt)!, parse.GetValue(inclusion)!, parse.GetValue(key)!,
            parse.GetValue(earlier), parse.GetValue(consistency), CliConsole.For(parse)));
        return new Command("verify", "Verify what the operator published, offline (domain library only, no cluster).") { verify };
    }

    private static int Run(string inferenceId, FileInfo receiptFile, FileInfo inclusionFile, FileInfo keyFile, FileInfo? earlierFile, FileInfo? consistencyFile, CliConsole console)
    {
        AttributionReceipt receipt;
        ReceiptInclusion bundle;
        TreeHeadKeyInfo keyInfo;
        PublishedTreeHead? earlier = null;
        ConsistencyProof? consistency = null;
        TreeHeadKey key;
        try
        {
            receipt = JsonFile.Read<AttributionReceipt>(receiptFile);
            bundle = JsonFile.Read<ReceiptInclusion>(inclusionFile);
            keyInfo = JsonFile.Read<TreeHeadKeyInfo>(keyFile);
            if ((earlierFile is null) != (consistencyFile is null)) return console.Fail(ExitCodes.BadInput, "--earlier-head and --consistency go together.");
            if (earlierFile is not null) (earlier, consistency) = (JsonFile.Read<PublishedTreeHead>(earlierFile), JsonFile.Read<ConsistencyProof>(consistencyFile!));
            key = TreeHeadKey.FromPublicKeyInfo(Convert.FromBase64String(keyInfo.PublicKey));
        }
        catch (Exception e) when (e is IOException or JsonException or FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return console.Fail(ExitCodes.BadInput, e.Message);
        }

        using (key)
        {
            var checks = new List<(string Check, bool Ok, string Detail)>();
            var digest = ReceiptDigest.Of(inferenceId, receipt);
            checks.Add(("receipt digest = entry content hash", digest == bundle.Entry.ContentHash, $"{digest} vs {bundle.Entry.ContentHash}"));
            var blinded = ReceiptDigest.BlindedId(inferenceId);
            checks.Add(("entry id = SHA-256(inference id)", bundle.Entry.Kind == TransparencyKinds.Receipt && bundle.Entry.Id == blinded, $"{bundle.Entry.Kind} {bundle.Entry.Id}"));
            checks.Add(("key id = published key", key.KeyId == keyInfo.KeyId, $"{key.KeyId} vs {keyInfo.KeyId}"));
            var head = bundle.Head;
            checks.Add(("head signature", Signed(head).VerifyWith(key), $"head of {head.Size} entries, key {head.KeyId}"));
            var leaf = new LogEntry(bundle.Entry.Kind, bundle.Entry.Id, Hex(bundle.Entry.ContentHash)).LeafHash();
            var included = bundle.Proof.TreeSize == head.Size && Convert.ToHexStringLower(leaf) == bundle.Proof.LeafHash
                && MerkleProofVerifier.VerifyInclusion(leaf, bundle.Proof.Index, head.Size, bundle.Proof.Path.Select(Hex).ToList(), Hex(head.RootHash));
            checks.Add(("inclusion in the head's tree", included, $"entry {bundle.Proof.Index} of {head.Size}, {bundle.Proof.Path.Count} hashes"));
            if (earlier is not null && consistency is not null)
            {
                checks.Add(("earlier head signature", Signed(earlier).VerifyWith(key), $"head of {earlier.Size} entries"));
                var grew = consistency.OldSize == earlier.Size && consistency.NewSize == head.Size
                    && MerkleProofVerifier.VerifyConsistency(earlier.Size, head.Size, Hex(earlier.RootHash), Hex(head.RootHash), consistency.Path.Select(Hex).ToList());
                checks.Add(("log only grew (consistency)", grew, $"{earlier.Size} → {head.Size}, {consistency.Path.Count} hashes"));
            }
            var failed = checks.Count(c => !c.Ok);
            var verdict = failed == 0 ? $"verified: all {checks.Count} checks passed" : $"NOT verified: {failed} of {checks.Count} checks failed";
            var exit = failed == 0 ? ExitCodes.Ok : ExitCodes.Mismatch;
            if (console.Json)
            {
                console.WriteJson(new
                {
                    verified = failed == 0, checks = checks.Select(c => new { check = c.Check, ok = c.Ok, detail = c.Detail }),
                    error = failed == 0 ? null : CliConsole.ErrorObject(exit, verdict, "verify.mismatch"),
                });
                return exit;
            }
            foreach (var (check, ok, detail) in checks) console.Out.WriteLine($"{(ok ? "ok      " : "MISMATCH")}  {check}  ({detail})");
            console.Out.WriteLine(verdict);
            return exit;
        }
    }

    private static SignedTreeHead Signed(PublishedTreeHead head) =>
        new(new TreeHead(head.LogId, head.Size, Hex(head.RootHash), head.Timestamp), head.KeyId, Hex(head.Signature));

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
