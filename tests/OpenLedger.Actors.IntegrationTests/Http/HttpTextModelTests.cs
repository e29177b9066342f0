using System.Net;
using System.Text.Json;
using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Issue 16 over real HTTP: a text Datanet's documents (near-duplicates refused as ProblemDetails), a language model
/// registered as a 202 job, and a text inference whose receipt names the spans and pays the document's contributor.
/// </summary>
public sealed class HttpTextModelTests(ApiWorldFixture fixture) : IClassFixture<ApiWorldFixture>
{
    private ApiWorld W => fixture.World;

    [Fact]
    public async Task Documents_a_language_model_job_and_a_span_attributed_inference_over_http()
    {
        var corpus = TextCorpusReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "text", "linux-doc-slice.jsonl"));
        var documents = corpus.Where(d => d.Label == "crypto" && d.Text.Length is > 1_500 and < 10_000).Take(4).Select(d => d.Text).ToArray();
        using var curator = W.Curator;
        (await curator.SendJsonAsync(HttpMethod.Put, "/api/v1/datanets/e2e-text", new
        {
            name = "Crypto docs", summary = "linux-doc crypto", description = "", tags = new[] { "text" }, modality = "text", dimension = 0, classCount = 0,
        })).Expect(HttpStatusCode.OK);

        using var first = W.Contributor(0);
        using var second = W.Contributor(1);
        var rows = new List<long>();
        foreach (var (client, submission, docs) in new[] { (first, "t-0", documents[..2]), (second, "t-1", documents[2..]) })
        {
            var submitted = (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/e2e-text/documents", new { submissionId = submission, documents = docs }))
                .Expect(HttpStatusCode.OK).Body;
            rows.AddRange(submitted.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("rowId").GetInt64()));
        }
        var nearCopy = documents[0].Insert(documents[0].IndexOf(' ', documents[0].Length / 2), " indeed");
        Assert.Equal("text.near_duplicate", (await second.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/e2e-text/documents",
            new { submissionId = "t-2", documents = new[] { nearCopy } })).Expect(HttpStatusCode.Conflict).Code);
        Assert.Equal("text.labels_unexpected", (await second.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/e2e-text/documents",
            new { submissionId = "t-3", documents = new[] { "A new document." }, labels = new[] { 0 } })).Expect(HttpStatusCode.BadRequest).Code);
        Assert.Equal("datanet.modality_mismatch", (await second.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/e2e-text/submissions",
            new { submissionId = "t-3", rows = new[] { new { features = new[] { 1.0 }, label = 0 } } })).Expect(HttpStatusCode.BadRequest).Code);
        (await curator.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/e2e-text/reviews", new { rowIds = rows, approve = true })).Expect(HttpStatusCode.OK);
        (await curator.SendJsonAsync(HttpMethod.Post, "/api/v1/datanets/e2e-text/versions", new { })).Expect(HttpStatusCode.OK);
        var document = (await first.GetApiAsync($"/api/v1/datanets/e2e-text/documents/{rows[0]}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(W.ContributorAccounts[0], document.GetProperty("contributor").GetString());

        using var modeller = W.Host.Client(W.ModelOwnerKey);
        var started = (await modeller.SendJsonAsync(HttpMethod.Put, "/api/v1/models/e2e-lm/language-model",
            new { datanetId = "e2e-text", datanetVersion = 1, feePerInference = 10_000 })).Expect(HttpStatusCode.Accepted);
        Assert.Equal("/api/v1/models/e2e-lm/training", started.Headers.Location?.ToString());
        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement job;
        do
        {
            await Task.Delay(200);
            job = (await modeller.GetApiAsync("/api/v1/models/e2e-lm/training")).Expect(HttpStatusCode.OK).Body;
        } while (job.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.Equal("language-model", (await modeller.GetApiAsync("/api/v1/models/e2e-lm")).Expect(HttpStatusCode.OK).Body.GetProperty("kind").GetString());

        using var platform = W.Platform;
        (await platform.SendJsonAsync(HttpMethod.Put, "/api/v1/sessions/e2e-lm-s", new { modelId = "e2e-lm" })).Expect(HttpStatusCode.OK);
        var text = document.GetProperty("text").GetString()!;
        var start = text.IndexOf(". ", text.Length / 3, StringComparison.Ordinal) + 2;
        var passage = text[start..text.LastIndexOf(' ', Math.Min(text.Length - 1, start + 300))];
        var result = (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/e2e-lm-s/inferences",
            new { text = $"In short: {passage}", prompt = "Explain the crypto API." }, "lm-1")).Expect(HttpStatusCode.OK).Body;
        var receipt = result.GetProperty("receipt");
        Assert.Equal("span-match", receipt.GetProperty("method").GetString());
        var spans = receipt.GetProperty("text").GetProperty("spans").EnumerateArray().ToList();
        Assert.Contains(spans, s => s.GetProperty("rowIds").EnumerateArray().Any(r => r.GetInt64() == rows[0]));
        var postings = receipt.GetProperty("postings").EnumerateArray().ToList();
        Assert.Equal(10_000, postings.Sum(p => p.GetProperty("amount").GetInt64()));
        Assert.Contains(postings, p => p.GetProperty("code").GetString() == "fee.contributor" && p.GetProperty("creditAccount").GetString() == W.ContributorAccounts[0]);

        Assert.Equal("inference.text_missing", (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/e2e-lm-s/inferences",
            new { features = Array.Empty<double>() }, "lm-2")).Expect(HttpStatusCode.BadRequest).Code);
        Assert.Equal("inference.text_unexpected", (await platform.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{W.SessionId}/inferences",
            new { features = W.Query(1), text = "words" }, "lm-3")).Expect(HttpStatusCode.BadRequest).Code);
    }
}
