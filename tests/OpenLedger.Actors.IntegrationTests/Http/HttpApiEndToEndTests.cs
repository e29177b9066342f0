using System.Net;
using System.Text.Json;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// The HTTP API end to end: a real Kestrel server on a free port co-hosting a silo, driven by a real HttpClient with
/// API keys issued through the API. Happy paths per endpoint group, then authentication and authorisation failures
/// and idempotent replays.
/// </summary>
public sealed class HttpApiEndToEndTests(ApiWorldFixture fixture) : IClassFixture<ApiWorldFixture>
{
    private ApiWorld W => fixture.World;

    [Fact]
    public async Task Datanet_reads_are_public_and_contributions_page_through_cursors()
    {
        using var anonymous = W.Host.Client();
        var info = (await anonymous.GetApiAsync($"/api/v1/datanets/{W.DatanetId}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(W.CuratorAccount, info.GetProperty("owner").GetString());
        Assert.Equal(300, info.GetProperty("approvedCount").GetInt32());

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await anonymous.GetApiAsync($"/api/v1/datanets/{W.DatanetId}/contributions?limit=128{(cursor is null ? "" : $"&cursor={cursor}")}"))
                .Expect(HttpStatusCode.OK).Body;
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("rowId").GetInt64()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), seen);

        var versions = (await anonymous.GetApiAsync($"/api/v1/datanets/{W.DatanetId}/versions")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(1, versions.GetProperty("items")[0].GetProperty("version").GetInt32());
        var version = (await anonymous.GetApiAsync($"/api/v1/datanets/{W.DatanetId}/versions/1")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(300, version.GetProperty("rowCount").GetInt32());
        var submissions = (await anonymous.GetApiAsync($"/api/v1/contributors/{W.ContributorAccounts[1]}/contributions")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("sub-1", submissions.GetProperty("items")[0].GetProperty("submissionId").GetString());

        Assert.Equal("page.limit", (await anonymous.GetApiAsync($"/api/v1/datanets/{W.DatanetId}/contributions?limit=201")).Expect(HttpStatusCode.BadRequest).Code);
        Assert.Equal("page.cursor_invalid", (await anonymous.GetApiAsync($"/api/v1/datanets/{W.DatanetId}/contributions?cursor=bogus")).Expect(HttpStatusCode.BadRequest).Code);
        Assert.Equal("datanet.not_found", (await anonymous.GetApiAsync("/api/v1/datanets/none")).Expect(HttpStatusCode.NotFound).Code);
    }

    [Fact]
    public async Task Training_answers_202_with_the_job_location_and_the_job_is_read_there()
    {
        using var modeller = W.Host.Client(W.ModelOwnerKey);
        var body = new { datanetId = W.DatanetId, datanetVersion = 1, feePerInference = 500 };
        var started = (await modeller.SendJsonAsync(HttpMethod.Post, "/api/v1/models/e2e-job/training", body, "train-e2e-job")).Expect(HttpStatusCode.Accepted);
        Assert.Equal("/api/v1/models/e2e-job/training", started.Headers.Location?.ToString());
        Assert.Equal("e2e-job", started.Body.GetProperty("jobId").GetString());
        Assert.Contains(started.Body.GetProperty("status").GetString(), new[] { "Queued", "Running", "Succeeded" });

        var replayed = (await modeller.SendJsonAsync(HttpMethod.Post, "/api/v1/models/e2e-job/training", body, "train-e2e-job")).Expect(HttpStatusCode.Accepted);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(started.Headers.Location, replayed.Headers.Location);

        var done = await modeller.TrainAndWaitAsync("e2e-job", body); // the same request without a key answers the same job
        Assert.Equal("done", done.Body.GetProperty("stage").GetString());
        Assert.True(done.Body.GetProperty("step").GetInt32() > 0);
        using var anonymous = W.Host.Client();
        Assert.Equal(500, (await anonymous.GetApiAsync("/api/v1/models/e2e-job")).Expect(HttpStatusCode.OK).Body.GetProperty("feePerInference").GetInt64());
        Assert.Equal("Succeeded", (await anonymous.GetApiAsync("/api/v1/models/e2e-job/training")).Expect(HttpStatusCode.OK).Body.GetProperty("status").GetString());

        // Limits are refused before anything is recorded.
        var tiny = (await modeller.SendJsonAsync(HttpMethod.Post, "/api/v1/models/e2e-tiny-lambda/training", new { datanetId = W.DatanetId, datanetVersion = 1, feePerInference = 1, lambda = 1e-20 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("training.lambda_out_of_range", tiny.Code);
        Assert.Equal("model.not_found", (await anonymous.GetApiAsync("/api/v1/models/e2e-tiny-lambda/training")).Expect(HttpStatusCode.NotFound).Code);
        Assert.Equal("model.not_found", (await anonymous.GetApiAsync("/api/v1/models/e2e-tiny-lambda")).Expect(HttpStatusCode.NotFound).Code);
    }

    [Fact]
    public async Task Model_reads_are_public_and_training_rows_are_paged()
    {
        using var anonymous = W.Host.Client();
        var model = (await anonymous.GetApiAsync($"/api/v1/models/{W.ModelId}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(W.ModelOwnerAccount, model.GetProperty("owner").GetString());
        Assert.Equal(1_000, model.GetProperty("feePerInference").GetInt64());
        var rows = (await anonymous.GetApiAsync($"/api/v1/models/{W.ModelId}/training-rows?limit=200")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(200, rows.GetProperty("items").GetArrayLength());
        var rest = (await anonymous.GetApiAsync($"/api/v1/models/{W.ModelId}/training-rows?limit=200&cursor={rows.GetProperty("nextCursor").GetString()}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(100, rest.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task An_inference_is_charged_once_and_its_receipt_is_visible_to_payer_and_paid_accounts_only()
    {
        using var platform = W.Platform;
        var before = (await platform.GetApiAsync($"/api/v1/accounts/{W.PlatformAccount}/balance")).Expect(HttpStatusCode.OK).Body.GetProperty("balance").GetInt64();
        var first = (await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{W.SessionId}/inferences", new { features = W.Query(50) }, "e2e-once"))
            .Expect(HttpStatusCode.OK);
        var replay = (await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{W.SessionId}/inferences", new { features = W.Query(50) }, "e2e-once"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Text, replay.Text);
        var after = (await platform.GetApiAsync($"/api/v1/accounts/{W.PlatformAccount}/balance")).Expect(HttpStatusCode.OK).Body.GetProperty("balance").GetInt64();
        Assert.Equal(before - 1_000, after);

        var changed = await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{W.SessionId}/inferences", new { features = W.Query(51) }, "e2e-once");
        Assert.Equal("idempotency.key_reused", changed.Expect(HttpStatusCode.UnprocessableEntity).Code);
        Assert.Equal("idempotency.key_missing", (await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{W.SessionId}/inferences", new { features = W.Query(1) }))
            .Expect(HttpStatusCode.BadRequest).Code);

        var stored = (await platform.GetApiAsync($"/api/v1/sessions/{W.SessionId}/inferences/e2e-once")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(first.Body.GetProperty("inferenceId").GetString(), stored.GetProperty("inferenceId").GetString());
        var session = (await platform.GetApiAsync($"/api/v1/sessions/{W.SessionId}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(W.PlatformAccount, session.GetProperty("payerAccount").GetString());

        // The payer reads the receipt; so does a contributor whose statement line references it; a stranger cannot.
        var inferenceId = first.Body.GetProperty("inferenceId").GetString()!;
        var receipt = (await platform.GetApiAsync($"/api/v1/receipts/{Uri.EscapeDataString(inferenceId)}")).Expect(HttpStatusCode.OK).Body;
        var paidContributor = receipt.GetProperty("postings").EnumerateArray()
            .Where(p => p.GetProperty("code").GetString() == "fee.contributor").Select(p => p.GetProperty("creditAccount").GetString()!).First();
        using var contributor = W.Contributor(Array.IndexOf(W.ContributorAccounts, paidContributor));
        var statement = (await contributor.GetApiAsync($"/api/v1/accounts/{paidContributor}/statement?limit=200")).Expect(HttpStatusCode.OK).Body;
        var reference = statement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reference").GetString()).Single(r => r == inferenceId);
        (await contributor.GetApiAsync($"/api/v1/receipts/{Uri.EscapeDataString(reference!)}")).Expect(HttpStatusCode.OK);

        using var other = W.Host.Client(W.OtherPlatformKey);
        Assert.Equal("inference.not_found", (await other.GetApiAsync($"/api/v1/receipts/{Uri.EscapeDataString(inferenceId)}")).Expect(HttpStatusCode.NotFound).Code);
        Assert.Equal("session.not_found", (await other.GetApiAsync($"/api/v1/sessions/{W.SessionId}")).Expect(HttpStatusCode.NotFound).Code);
        Assert.Equal("session.not_found", (await other.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{W.SessionId}/inferences", new { features = W.Query(2) }, "steal"))
            .Expect(HttpStatusCode.NotFound).Code);
    }

    [Fact]
    public async Task A_paid_account_gets_its_receipts_transparency_proof_and_checks_it_with_the_published_key()
    {
        using var platform = W.Platform;
        var earlierHead = (await platform.GetApiAsync("/api/v1/transparency/logs/receipts/head")).Expect(HttpStatusCode.OK);
        var inferenceId = (await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{W.SessionId}/inferences", new { features = W.Query(60) }, "e2e-logged"))
            .Expect(HttpStatusCode.OK).Body.GetProperty("inferenceId").GetString()!;
        var path = $"/api/v1/receipts/{Uri.EscapeDataString(inferenceId)}";
        var receiptResponse = (await platform.GetApiAsync(path)).Expect(HttpStatusCode.OK);
        var paid = receiptResponse.As<OpenLedger.Actors.Abstractions.Sessions.AttributionReceipt>();

        // A signed head covers the receipt within one head interval (503 transparency.head_pending until then).
        ApiResponse inclusion;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((inclusion = await platform.GetApiAsync($"{path}/inclusion")).Status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        var body = inclusion.Expect(HttpStatusCode.OK).Body;
        var entry = body.GetProperty("entry");
        Assert.Equal(OpenLedger.Actors.Abstractions.Transparency.ReceiptDigest.Of(inferenceId, paid), entry.GetProperty("contentHash").GetString());
        var head = body.GetProperty("head");
        var proof = body.GetProperty("proof");
        var leaf = new OpenLedger.Actors.Domain.Transparency.LogEntry(entry.GetProperty("kind").GetString()!, entry.GetProperty("id").GetString()!,
            Convert.FromHexString(entry.GetProperty("contentHash").GetString()!)).LeafHash();
        Assert.True(OpenLedger.Actors.Domain.Transparency.MerkleProofVerifier.VerifyInclusion(leaf, proof.GetProperty("index").GetInt64(), head.GetProperty("size").GetInt64(),
            proof.GetProperty("path").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList(), Convert.FromHexString(head.GetProperty("rootHash").GetString()!)));
        var key = (await platform.GetApiAsync("/api/v1/transparency/logs/receipts/key")).Expect(HttpStatusCode.OK).Body;
        using var publicKey = OpenLedger.Actors.Domain.Transparency.TreeHeadKey.FromPublicKeyInfo(Convert.FromBase64String(key.GetProperty("publicKey").GetString()!));
        var signed = new OpenLedger.Actors.Domain.Transparency.SignedTreeHead(
            new OpenLedger.Actors.Domain.Transparency.TreeHead(head.GetProperty("logId").GetString()!, head.GetProperty("size").GetInt64(),
                Convert.FromHexString(head.GetProperty("rootHash").GetString()!), head.GetProperty("timestamp").GetDateTimeOffset()),
            head.GetProperty("keyId").GetString()!, Convert.FromHexString(head.GetProperty("signature").GetString()!));
        Assert.True(signed.VerifyWith(publicKey));

        // The same check offline, as a contributor runs it: `openledger verify receipt` on the JSON the API answered.
        var folder = Directory.CreateTempSubdirectory("verify-").FullName;
        string Save(string name, string text) { var file = Path.Combine(folder, name); File.WriteAllText(file, text); return file; }
        var earlierSize = earlierHead.Body.GetProperty("size").GetInt64();
        var consistency = (await platform.GetApiAsync($"/api/v1/transparency/logs/receipts/consistency?from={earlierSize}&to={head.GetProperty("size").GetInt64()}")).Expect(HttpStatusCode.OK);
        var keyText = (await platform.GetApiAsync("/api/v1/transparency/logs/receipts/key")).Expect(HttpStatusCode.OK).Text;
        string[] Args(string receiptFile) => ["verify", "receipt", "--inference", inferenceId, "--receipt", receiptFile, "--inclusion", Save("inclusion.json", inclusion.Text),
            "--key", Save("key.json", keyText),
            "--earlier-head", Save("earlier.json", earlierHead.Text), "--consistency", Save("consistency.json", consistency.Text)];
        var report = new StringWriter();
        Assert.Equal(0, await OpenLedger.Actors.Cli.CliApp.RunAsync(Args(Save("receipt.json", receiptResponse.Text)), report));
        Assert.Contains("verified: all 7 checks passed", report.ToString());
        report = new StringWriter();
        Assert.Equal(0, await OpenLedger.Actors.Cli.CliApp.RunAsync([.. Args(Save("receipt.json", receiptResponse.Text)), "--json"], report));
        using (var verdict = JsonDocument.Parse(report.ToString()))
        {
            Assert.True(verdict.RootElement.GetProperty("verified").GetBoolean());
            Assert.Equal(7, verdict.RootElement.GetProperty("checks").GetArrayLength());
        }
        var tampered = receiptResponse.Body.GetProperty("postings")[0].GetProperty("amount").GetInt64();
        var altered = receiptResponse.Text.Replace($"\"amount\":{tampered}", $"\"amount\":{tampered + 1}");
        Assert.NotEqual(receiptResponse.Text, altered);
        report = new StringWriter();
        Assert.Equal(9, await OpenLedger.Actors.Cli.CliApp.RunAsync(Args(Save("altered.json", altered)), report));
        Assert.Contains("MISMATCH  receipt digest", report.ToString());

        using var other = W.Host.Client(W.OtherPlatformKey);
        Assert.Equal("inference.not_found", (await other.GetApiAsync($"{path}/inclusion")).Expect(HttpStatusCode.NotFound).Code);
        using var anonymous = W.Host.Client();
        (await anonymous.GetApiAsync("/api/v1/transparency/logs/receipts/head")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("transparency.log_not_found", (await platform.GetApiAsync("/api/v1/transparency/logs/nope/head")).Expect(HttpStatusCode.NotFound).Code);
    }

    [Fact]
    public async Task An_external_model_is_registered_and_its_inferences_are_attributed_by_representation()
    {
        var data = TestData.BreastCancer;
        var rowIds = Enumerable.Range(1, 300).Select(i => (long)i).ToArray();
        var embeddings = rowIds.SelectMany(id => new[] { (float)data.Row((int)id - 1)[0], (float)data.Row((int)id - 1)[1] }).ToArray();
        using var modeller = W.Host.Client(W.ModelOwnerKey);
        var model = (await modeller.SendJsonAsync(HttpMethod.Put, "/api/v1/models/e2e-external/external", new
        {
            datanetId = W.DatanetId, datanetVersion = 1, feePerInference = 500, rowIds, embeddingSize = 2, embeddings,
        })).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("external-embedding", model.GetProperty("kind").GetString());
        Assert.Equal(W.ModelOwnerAccount, model.GetProperty("owner").GetString());

        using var platform = W.Platform;
        (await platform.SendJsonAsync(HttpMethod.Put, "/api/v1/sessions/e2e-external-s", new { modelId = "e2e-external" })).Expect(HttpStatusCode.OK);
        var query = W.Query(4);
        var result = (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/e2e-external-s/inferences",
            new { features = Array.Empty<double>(), label = 1, representation = new[] { (float)query[0], (float)query[1] } }, "ext-1")).Expect(HttpStatusCode.OK).Body;
        Assert.StartsWith("representation-similarity", result.GetProperty("receipt").GetProperty("method").GetString());
        Assert.Equal(500, result.GetProperty("receipt").GetProperty("fee").GetInt64());
        Assert.Equal("inference.representation_required", (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/e2e-external-s/inferences",
            new { features = query, label = 1 }, "ext-2")).Expect(HttpStatusCode.BadRequest).Code);
    }

    [Fact]
    public async Task A_contributor_claims_with_its_wallet_signature_and_a_replay_changes_nothing()
    {
        var account = W.ContributorAccounts[0];
        using var contributor = W.Contributor(0);
        var balance = (await contributor.GetApiAsync($"/api/v1/accounts/{account}")).Expect(HttpStatusCode.OK).Body.GetProperty("balance").GetInt64();
        Assert.True(balance > 10, $"contributor 0 earned {balance}");

        var signature = W.SignClaim("e2e-claim-1", account, 10, W.ContributorWallet);
        var claim = new { claimId = "e2e-claim-1", amount = 10, destination = ApiWorld.Destination, signature };
        var paid = (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{account}/claims", claim)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("Ok", paid.GetProperty("result").GetString());
        Assert.Equal(balance - 10, paid.GetProperty("balance").GetInt64());
        var again = (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{account}/claims", claim)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("Exists", again.GetProperty("result").GetString());
        Assert.Equal(balance - 10, again.GetProperty("balance").GetInt64());

        var forged = claim with { claimId = "e2e-claim-2", signature = W.SignClaim("e2e-claim-2", account, 10, W.StrangerWallet) };
        Assert.Equal("claim.signature_invalid", (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{account}/claims", forged)).Expect(HttpStatusCode.Forbidden).Code);
        var replayedElsewhere = claim with { claimId = "e2e-claim-3" };
        Assert.Equal("claim.signature_invalid", (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{account}/claims", replayedElsewhere)).Expect(HttpStatusCode.Forbidden).Code);

        var statement = (await contributor.GetApiAsync($"/api/v1/accounts/{account}/statement")).Expect(HttpStatusCode.OK).Body;
        Assert.Contains(statement.GetProperty("items").EnumerateArray(), e => e.GetProperty("transferId").GetString() == "claim:e2e-claim-1");
        Assert.Equal(balance - 10, statement.GetProperty("balance").GetInt64());
        Assert.Equal(balance - 10, (await contributor.GetApiAsync($"/api/v1/accounts/{account}/balance")).Expect(HttpStatusCode.OK).Body.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Missing_malformed_wrong_and_revoked_keys_are_refused()
    {
        using var anonymous = W.Host.Client();
        var deposit = new { depositId = "auth-1", amount = 5 };
        var noKey = await anonymous.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{W.PlatformAccount}/deposits", deposit);
        Assert.Equal("auth.key_missing", noKey.Expect(HttpStatusCode.Unauthorized).Code);
        Assert.True(noKey.IsProblem);
        Assert.Equal("auth.key_missing", (await anonymous.GetApiAsync($"/api/v1/accounts/{W.PlatformAccount}")).Expect(HttpStatusCode.Unauthorized).Code);

        using var malformed = W.Host.Client("not-a-key");
        Assert.Equal("auth.key_malformed", (await malformed.GetApiAsync($"/api/v1/datanets/{W.DatanetId}")).Expect(HttpStatusCode.Unauthorized).Code);
        var keyId = Actors.Http.Auth.ApiKeyFormat.KeyIdOf(W.PlatformKey)!;
        using var wrongSecret = W.Host.Client($"olk_{keyId}_wrong-secret");
        Assert.Equal("auth.key_invalid", (await wrongSecret.SendJsonAsync(HttpMethod.Put, $"/api/v1/sessions/s-x", new { modelId = W.ModelId })).Expect(HttpStatusCode.Unauthorized).Code);

        using var platform = W.Platform;
        Assert.Equal("auth.role_required", (await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{W.PlatformAccount}/deposits", deposit)).Expect(HttpStatusCode.Forbidden).Code);

        var doomed = await W.Host.IssueKeyAsync("doomed-account", "platform");
        using var op = W.Operator;
        (await op.SendJsonAsync(HttpMethod.Delete, $"/api/v1/api-keys/{Actors.Http.Auth.ApiKeyFormat.KeyIdOf(doomed)}")).Expect(HttpStatusCode.OK);
        using var revoked = W.Host.Client(doomed);
        Assert.Equal("auth.key_invalid", (await revoked.GetApiAsync("/api/v1/accounts/doomed-account")).Expect(HttpStatusCode.Unauthorized).Code);
    }

    [Fact]
    public async Task Nobody_acts_on_or_reads_another_users_account_Datanet_or_session()
    {
        using var otherCurator = W.Host.Client(W.OtherCuratorKey);
        Assert.Equal("datanet.not_curator", (await otherCurator.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{W.DatanetId}/reviews", new { rowIds = new[] { 1L }, approve = false }))
            .Expect(HttpStatusCode.Forbidden).Code);
        Assert.Equal("datanet.not_owner", (await otherCurator.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{W.DatanetId}/versions")).Expect(HttpStatusCode.Forbidden).Code);

        using var contributor1 = W.Contributor(1);
        var account0 = W.ContributorAccounts[0];
        var signature = W.SignClaim("steal-1", account0, 1, W.ContributorWallet);
        Assert.Equal("auth.not_account_owner", (await contributor1.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{account0}/claims",
            new { claimId = "steal-1", amount = 1, destination = ApiWorld.Destination, signature })).Expect(HttpStatusCode.Forbidden).Code);
        Assert.Equal("auth.not_account_owner", (await contributor1.SendJsonAsync(HttpMethod.Put, $"/api/v1/accounts/{account0}", new { kind = "Contributor" }))
            .Expect(HttpStatusCode.Forbidden).Code);
        Assert.Equal("account.not_found", (await contributor1.GetApiAsync($"/api/v1/accounts/{account0}/balance")).Expect(HttpStatusCode.NotFound).Code);
        Assert.Equal("account.not_found", (await contributor1.GetApiAsync($"/api/v1/accounts/{account0}/statement")).Expect(HttpStatusCode.NotFound).Code);

        using var otherPlatform = W.Host.Client(W.OtherPlatformKey);
        Assert.Equal("session.exists", (await otherPlatform.SendJsonAsync(HttpMethod.Put, $"/api/v1/sessions/{W.SessionId}", new { modelId = W.ModelId }))
            .Expect(HttpStatusCode.Conflict).Code);
        // The operator reads any account.
        using var op = W.Operator;
        (await op.GetApiAsync($"/api/v1/accounts/{account0}/statement")).Expect(HttpStatusCode.OK);
        (await op.GetApiAsync("/api/v1/ledger/summary")).Expect(HttpStatusCode.OK);
        (await op.GetApiAsync("/api/v1/ledger/claimables?limit=10")).Expect(HttpStatusCode.OK);
        Assert.Equal("auth.role_required", (await otherPlatform.GetApiAsync("/api/v1/ledger/summary")).Expect(HttpStatusCode.Forbidden).Code);
    }

    [Fact]
    public async Task Idempotency_keys_replay_stored_responses_and_refuse_a_different_body()
    {
        using var op = W.Operator;
        var path = $"/api/v1/accounts/{W.OtherPlatformAccount}/deposits";
        var first = (await op.SendJsonAsync(HttpMethod.Post, path, new { depositId = "idem-d1", amount = 700 }, "idem-1")).Expect(HttpStatusCode.OK);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var second = (await op.SendJsonAsync(HttpMethod.Post, path, new { depositId = "idem-d1", amount = 700 }, "idem-1")).Expect(HttpStatusCode.OK);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("idempotency.key_reused", (await op.SendJsonAsync(HttpMethod.Post, path, new { depositId = "idem-d2", amount = 700 }, "idem-1"))
            .Expect(HttpStatusCode.UnprocessableEntity).Code);
        Assert.Equal("idempotency.key_invalid", (await op.SendJsonAsync(HttpMethod.Post, path, new { depositId = "idem-d3", amount = 1 }, "bad key!"))
            .Expect(HttpStatusCode.BadRequest).Code);
        var balance = (await op.GetApiAsync($"/api/v1/accounts/{W.OtherPlatformAccount}/balance")).Expect(HttpStatusCode.OK).Body.GetProperty("balance").GetInt64();
        Assert.Equal(700, balance);

        // A refused request stores nothing: the same key then works for a corrected request.
        Assert.Equal("deposit.amount", (await op.SendJsonAsync(HttpMethod.Post, path, new { depositId = "idem-d4", amount = -1 }, "idem-2")).Expect(HttpStatusCode.BadRequest).Code);
        (await op.SendJsonAsync(HttpMethod.Post, path, new { depositId = "idem-d4", amount = 1 }, "idem-2")).Expect(HttpStatusCode.OK);

        // Issued keys: the secret is in the first response only; a replay returns the key id without it.
        var issue = new { account = "idem-account", roles = new[] { "platform" } };
        var issued = (await op.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys", issue, "idem-key-1")).Expect(HttpStatusCode.OK).Body;
        var replayed = (await op.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys", issue, "idem-key-1")).Expect(HttpStatusCode.OK).Body;
        Assert.StartsWith("olk_", issued.GetProperty("apiKey").GetString());
        Assert.Equal(issued.GetProperty("keyId").GetString(), replayed.GetProperty("keyId").GetString());
        Assert.Equal(JsonValueKind.Null, replayed.GetProperty("apiKey").ValueKind);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints_and_the_key_scheme()
    {
        using var anonymous = W.Host.Client();
        var document = (await anonymous.GetApiAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK).Body;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/v1/datanets/{datanetId}", "/api/v1/datanets/{datanetId}/submissions", "/api/v1/models/{modelId}", "/api/v1/models/{modelId}/training",
                     "/api/v1/sessions/{sessionId}/inferences", "/api/v1/receipts/{inferenceId}", "/api/v1/accounts/{account}/statement",
                     "/api/v1/accounts/{account}/claims", "/api/v1/api-keys" })
            Assert.Contains(path, paths);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
        var pathItems = document.GetProperty("paths");
        Assert.True(pathItems.GetProperty("/api/v1/accounts/{account}/deposits").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(pathItems.GetProperty("/api/v1/datanets/{datanetId}").GetProperty("get").TryGetProperty("security", out _));
        Assert.Equal("route.not_found", (await anonymous.GetApiAsync("/api/v1/nothing-here")).Expect(HttpStatusCode.NotFound).Code);
    }
}
