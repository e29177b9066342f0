using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Sdk;
using OpenLedger.Actors.Sdk.Requests;
using Xunit.Abstractions;
using AbstractResult = OpenLedger.Actors.Abstractions.Sessions.InferenceResult;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Issue 16, part 3 end to end over real HTTP (and the SDK) on an in-process silo: a text Datanet of nine linux-doc
/// documents from three contributors; a RAG model registered on its version, whose retrieval index (BM25) is built by a
/// job; an inference that lets the model retrieve and one that names the rows the client retrieved. Each receipt carries
/// the context attribution (hashes, seed from the inference id, documents with surrogate weights and units, spans), the
/// document the answer quotes weighs most and its contributor is paid, the postings add up to the fee (charged =
/// credited), a retry under the same key answers the same receipt and charges once, and bad requests are refused with
/// their codes, charging nothing.
/// </summary>
public sealed class HttpRagModelTests(ITestOutputHelper output)
{
    private const long Fee = 10_000;

    [Fact]
    public async Task A_rag_model_attributes_answers_to_retrieved_documents_and_pays_their_contributors()
    {
        await using var host = await ApiHost.StartAsync("rag");
        string[] contributors = ["contrib-rag-0", "contrib-rag-1", "contrib-rag-2"];
        var (rows, picked) = await PublishDocumentsAsync(host, "rag-docs", contributors);
        using var modeller = host.Client(await host.IssueKeyAsync("modeller-rag", ApiRoles.ModelOwner));
        const string payer = "agent-rag";
        var platformKey = await host.IssueKeyAsync(payer, ApiRoles.Platform);
        using var platform = host.Client(platformKey);

        // Registration: 202 and a job (the BM25 index), followed to its end.
        var job = await RegisterAsync(modeller, "rag-1", new { datanetId = "rag-docs", datanetVersion = 1, feePerInference = Fee });
        Assert.Equal(("Succeeded", 1), (job.GetProperty("status").GetString(), job.GetProperty("steps").GetInt32()));
        Assert.Equal("rag", (await modeller.GetApiAsync("/api/v1/models/rag-1")).Expect(HttpStatusCode.OK).Body.GetProperty("kind").GetString());

        using (var op = host.Client(host.OperatorKey))
            (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{payer}/deposits", new { depositId = "fund-rag", amount = 1_000_000 })).Expect(HttpStatusCode.OK);
        (await platform.SendJsonAsync(HttpMethod.Put, "/api/v1/sessions/rag-s", new { modelId = "rag-1" })).Expect(HttpStatusCode.OK);
        async Task<long> BalanceAsync() => await host.Ledger.GetBalanceAsync(payer);

        // 1. The model retrieves (BM25, top 6) for a question taken from contributor 0's first document; the answer quotes it.
        var docA = picked[0][0];
        var question = Sentence(docA) + "?";
        var answer = $"As far as I can tell: {Passage(docA)} Zebras quietly juggle purple umbrellas.";
        var first = (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/rag-s/inferences", new { question, text = answer }, "rag-q1")).Expect(HttpStatusCode.OK);
        var receipt = first.Body.GetProperty("receipt");
        var rag = receipt.GetProperty("rag");
        output.WriteLine(rag.ToString());
        Assert.Equal("context-cite/ngram-jm", receipt.GetProperty("method").GetString());
        Assert.Equal("bm25", rag.GetProperty("retrieval").GetString());
        var documents = rag.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(6, documents.Count);
        Assert.Equal(rows[0], documents[0].GetProperty("rowId").GetInt64()); // the question's document ranks first
        Assert.Equal(Enumerable.Range(1, 6), documents.Select(d => d.GetProperty("position").GetInt32()));
        Assert.Equal(Sha256(question), rag.GetProperty("questionHash").GetString());
        Assert.Equal(Sha256(answer), rag.GetProperty("answerHash").GetString());
        Assert.Equal(SeedOf("rag-s|rag-q1"), rag.GetProperty("seed").GetString());
        Assert.Equal((4, 0.7, 32, 0.5), (rag.GetProperty("order").GetInt32(), rag.GetProperty("lambda").GetDouble(), rag.GetProperty("masks").GetInt32(), rag.GetProperty("keepProbability").GetDouble()));
        Assert.True(rag.GetProperty("fullLogProbability").GetDouble() > rag.GetProperty("emptyLogProbability").GetDouble(), "The documents make the answer likelier.");
        Assert.True(rag.GetProperty("answerTokens").GetInt32() > 50);
        Assert.NotEmpty(rag.GetProperty("spans").EnumerateArray());
        Assert.True(rag.GetProperty("unattributedUnits").GetInt64() > 0, "The model's own words are unattributed.");
        Assert.Equal(rag.GetProperty("totalUnits").GetInt64(), documents.Sum(d => d.GetProperty("units").GetInt64()) + rag.GetProperty("unattributedUnits").GetInt64());
        var top = documents.MaxBy(d => d.GetProperty("units").GetInt64());
        Assert.Equal(rows[0], top.GetProperty("rowId").GetInt64()); // the quoted document weighs most
        var influences = receipt.GetProperty("influences").EnumerateArray().ToList();
        Assert.Equal((rows[0], contributors[0]), (influences[0].GetProperty("rowId").GetInt64(), influences[0].GetProperty("contributor").GetString()));
        AssertPaid(receipt, contributors[0]);
        Assert.Equal(1_000_000 - Fee, await BalanceAsync());

        // The same key and request: the same receipt, charged once. The same key, another question: refused.
        var again = (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/rag-s/inferences", new { question, text = answer }, "rag-q1")).Expect(HttpStatusCode.OK);
        Assert.Equal(receipt.ToString(), again.Body.GetProperty("receipt").ToString());
        Assert.Equal("idempotency.key_reused", (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/rag-s/inferences",
            new { question = question + " Really?", text = answer }, "rag-q1")).Expect(HttpStatusCode.UnprocessableEntity).Code);
        Assert.Equal(1_000_000 - Fee, await BalanceAsync());

        // Recomputing the attribution (as a retry that lost its recorded outcome would) gives the same figures: the seed is the inference id's.
        var recomputed = await host.Grains.GetGrain<IRagAttributionGrain>("rag-1").AttributeAnswerAsync(new RagQuery("rag-s|rag-q1", question, answer, null, 6));
        Assert.Equal(JsonSerializer.Serialize(first.As<AbstractResult>().Receipt.Rag, ApiHost.Json), JsonSerializer.Serialize(recomputed.Rag, ApiHost.Json));

        // The transparency log commits to the RAG part: one rag-document line per document.
        var typed = first.As<AbstractResult>();
        var canonical = ReceiptDigest.CanonicalText(typed.InferenceId, typed.Receipt);
        Assert.Equal(6, canonical.Split("\nrag-document=").Length - 1);
        Assert.All(canonical.Split('\n').Where(l => l.StartsWith("rag-document=", StringComparison.Ordinal)), l => Assert.Equal(8, l.Split('\t').Length));
        Assert.DoesNotContain("rag-embedder=", canonical); // a BM25 model's digest is as before hybrid retrieval existed
        Assert.Equal(typed.Receipt.Rag!.Spans.Count, canonical.Split("\nspan=").Length - 1);

        // 2. Through the SDK, the client names the rows it retrieved (contributor 1's document first); the answer quotes it.
        var docB = picked[1][0];
        var sdk = new OpenLedgerApiClient(host.Client(platformKey));
        long[] chosen = [rows[3], rows[0], rows[6]];
        var second = await sdk.InferRagAsync(new InferRagRequest("rag-s", "rag-q2", "How does the scheduler decide?", $"In short: {Passage(docB)}", chosen));
        var secondRag = second.Receipt.Rag!;
        Assert.Equal("client", secondRag.Retrieval);
        Assert.Equal(chosen, secondRag.Documents.Select(d => d.RowId));
        Assert.Equal(rows[3], secondRag.Documents.MaxBy(d => d.Units)!.RowId);
        Assert.Contains(second.Receipt.Postings, p => p.Code == "fee.contributor" && p.CreditAccount == contributors[1] && p.Amount > 0);
        Assert.Equal(Fee, second.Receipt.Postings.Sum(p => p.Amount));
        Assert.Equivalent(second, await sdk.InferRagAsync(new InferRagRequest("rag-s", "rag-q2", "How does the scheduler decide?", $"In short: {Passage(docB)}", chosen)));
        var charged = await BalanceAsync();
        Assert.Equal(1_000_000 - 2 * Fee, charged);

        // 3. Bad requests: refused with their codes as ProblemDetails, nothing charged.
        var tooLong = string.Concat(Enumerable.Repeat(" x", 1_100));
        (object Body, HttpStatusCode Status, string Code)[] refused =
        [
            (new { text = answer }, HttpStatusCode.BadRequest, "inference.question_missing"),
            (new { question }, HttpStatusCode.BadRequest, "inference.text_missing"),
            (new { question, text = answer, rowIds = Enumerable.Range(0, 17).Select(i => (long)i).ToArray() }, HttpStatusCode.BadRequest, "inference.rows_too_many"),
            (new { question, text = answer, rowIds = new[] { rows[0], rows[0] } }, HttpStatusCode.BadRequest, "inference.rows_duplicate"),
            (new { question, text = answer, rowIds = new[] { rows[0], 987_654_321L } }, HttpStatusCode.BadRequest, "inference.row_not_found"),
            (new { question, text = answer, retrieve = 17 }, HttpStatusCode.BadRequest, "inference.retrieve_invalid"),
            (new { question, text = answer, rowIds = new[] { rows[0] }, retrieve = 2 }, HttpStatusCode.BadRequest, "inference.retrieve_unexpected"),
            (new { question, text = answer, prompt = "p" }, HttpStatusCode.BadRequest, "inference.prompt_unexpected"),
            (new { question, text = tooLong }, HttpStatusCode.BadRequest, "inference.answer_too_long"),
            (new { question = "Qwxzz vbnmq?", text = answer }, HttpStatusCode.BadRequest, "inference.nothing_retrieved"),
        ];
        for (var i = 0; i < refused.Length; i++)
        {
            var response = await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/rag-s/inferences", refused[i].Body, $"rag-bad-{i}");
            Assert.True(response.IsProblem, response.ToString());
            Assert.Equal((refused[i].Status, refused[i].Code), (response.Status, response.Code));
        }
        Assert.Equal(charged, await BalanceAsync());

        // The explorer's inference page shows the documents with their rows and the unattributed share.
        var page = await InferencePageAsync(host, "rag-s|rag-q1");
        Assert.DoesNotContain("embedding rank", page);
        Assert.Equal(6, page.Split("<tr class=\"rag-document\"").Length - 1);
        Assert.Contains($"/api/v1/datanets/rag-docs/documents/{rows[0]}", page);
        Assert.Contains("id=\"unattributed\"", page);
    }

    [Fact]
    public async Task A_hybrid_rag_model_retrieves_by_keywords_and_passage_embeddings()
    {
        await using var host = await ApiHost.StartAsync("rag-hybrid");
        string[] contributors = ["contrib-hy-0", "contrib-hy-1", "contrib-hy-2"];
        var (rows, picked) = await PublishDocumentsAsync(host, "hy-docs", contributors);
        using var modeller = host.Client(await host.IssueKeyAsync("modeller-hy", ApiRoles.ModelOwner));
        const string payer = "agent-hy";
        using var platform = host.Client(await host.IssueKeyAsync(payer, ApiRoles.Platform));

        Assert.Equal("model.retrieval_invalid", (await modeller.SendJsonAsync(HttpMethod.Put, "/api/v1/models/hy-bad/rag",
            new { datanetId = "hy-docs", datanetVersion = 1, feePerInference = Fee, retrieval = "dense" })).Expect(HttpStatusCode.BadRequest).Code);

        // The job embeds every passage (one step each), then builds BM25 (one step).
        var job = await RegisterAsync(modeller, "hy-1", new { datanetId = "hy-docs", datanetVersion = 1, feePerInference = Fee, retrieval = "hybrid" });
        var steps = job.GetProperty("steps").GetInt32();
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.InRange(steps, rows.Count + 2, rows.Count * 8 + 1); // these documents run to several 500-character passages
        output.WriteLine($"hybrid job: {steps} steps ({steps - 1} passages embedded)");

        using (var op = host.Client(host.OperatorKey))
            (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/accounts/{payer}/deposits", new { depositId = "fund-hy", amount = 1_000_000 })).Expect(HttpStatusCode.OK);
        (await platform.SendJsonAsync(HttpMethod.Put, "/api/v1/sessions/hy-s", new { modelId = "hy-1" })).Expect(HttpStatusCode.OK);

        // 1. A question from contributor 1's first document (2.9 KB: every passage embedded): both rankings put it first.
        var source = picked[1][0];
        var question = Sentence(source) + "?";
        var answer = $"From the docs: {Passage(source)}";
        var first = (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/hy-s/inferences", new { question, text = answer }, "hy-q1")).Expect(HttpStatusCode.OK);
        var typed = first.As<AbstractResult>();
        var rag = typed.Receipt.Rag!;
        output.WriteLine(first.Body.GetProperty("receipt").GetProperty("rag").ToString());
        Assert.Equal("hybrid", rag.Retrieval);
        Assert.StartsWith("all-MiniLM-L6-v2", rag.Embedder);
        Assert.Equal(6, rag.Documents.Count);
        Assert.Equal((rows[3], 1, 1), (rag.Documents[0].RowId, rag.Documents[0].Bm25Rank, rag.Documents[0].EmbeddingRank));
        foreach (var d in rag.Documents)
        {
            Assert.True(d.Bm25Rank is not null || d.EmbeddingRank is not null);
            Assert.Equal((d.Bm25Rank is { } b ? 1.0 / (60 + b) : 0) + (d.EmbeddingRank is { } e ? 1.0 / (60 + e) : 0), d.FusedScore, 12);
            Assert.InRange(d.Cosine, -1.0, 1.0);
        }
        Assert.True(rag.Documents.Zip(rag.Documents.Skip(1)).All(p => p.First.FusedScore >= p.Second.FusedScore));
        Assert.Equal(rows[3], rag.Documents.MaxBy(d => d.Units)!.RowId); // the quoted document weighs most
        AssertPaid(first.Body.GetProperty("receipt"), contributors[1]);

        // The log commits to the dense part too; a recomputation gives the same figures.
        var canonical = ReceiptDigest.CanonicalText(typed.InferenceId, typed.Receipt);
        Assert.Contains($"\nrag-embedder={rag.Embedder}\n", canonical);
        Assert.All(canonical.Split('\n').Where(l => l.StartsWith("rag-document=", StringComparison.Ordinal)), l => Assert.Equal(10, l.Split('\t').Length));
        var recomputed = await host.Grains.GetGrain<IRagAttributionGrain>("hy-1").AttributeAnswerAsync(new RagQuery("hy-s|hy-q1", question, answer, null, 6));
        Assert.Equal(JsonSerializer.Serialize(rag, ApiHost.Json), JsonSerializer.Serialize(recomputed.Rag, ApiHost.Json));

        // 2. A question sharing no word with any document: BM25 finds nothing, the embeddings still rank every document.
        var nonsense = (await platform.SendJsonAsync(HttpMethod.Post, "/api/v1/sessions/hy-s/inferences",
            new { question = "Qwxzz vbnmq?", text = answer, retrieve = 3 }, "hy-q2")).Expect(HttpStatusCode.OK).As<AbstractResult>().Receipt.Rag!;
        Assert.Equal([1, 2, 3], nonsense.Documents.Select(d => d.EmbeddingRank ?? 0));
        Assert.All(nonsense.Documents, d => Assert.Null(d.Bm25Rank));
        Assert.Equal(1_000_000 - 2 * Fee, await host.Ledger.GetBalanceAsync(payer));

        var page = await InferencePageAsync(host, "hy-s|hy-q1");
        Assert.Contains("embedding rank", page);
        Assert.Contains("dense retrieval", page);
    }

    /// <summary>A text Datanet of nine linux-doc documents (1–12 KB; block, scheduler, locking), three per contributor,
    /// approved and published as version 1; answers the rows in submission order and the texts per contributor.</summary>
    private static async Task<(List<long> Rows, string[][] Picked)> PublishDocumentsAsync(ApiHost host, string datanetId, string[] contributors)
    {
        var corpus = TextCorpusReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "text", "linux-doc-slice.jsonl"));
        string[] subsystems = ["block", "scheduler", "locking"];
        var picked = subsystems.Select(s => corpus.Where(d => d.Label == s && d.Text.Length is > 1_000 and < 12_000).Take(3).Select(d => d.Text).ToArray()).ToArray();
        Assert.All(picked, p => Assert.Equal(3, p.Length));
        using var curator = host.Client(await host.IssueKeyAsync($"curator-{datanetId}", ApiRoles.Curator));
        (await curator.SendJsonAsync(HttpMethod.Put, $"/api/v1/datanets/{datanetId}", new
        {
            name = "Kernel docs", summary = "linux-doc slice", description = "", tags = new[] { "text" }, modality = "text", dimension = 0, classCount = 0,
        })).Expect(HttpStatusCode.OK);
        var rows = new List<long>();
        for (var c = 0; c < contributors.Length; c++)
        {
            using var contributor = host.Client(await host.IssueKeyAsync(contributors[c], ApiRoles.Contributor));
            var submitted = (await contributor.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{datanetId}/documents", new { submissionId = $"{datanetId}-{c}", documents = picked[c] }))
                .Expect(HttpStatusCode.OK).Body;
            rows.AddRange(submitted.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("rowId").GetInt64()));
        }
        (await curator.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{datanetId}/reviews", new { rowIds = rows, approve = true })).Expect(HttpStatusCode.OK);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/api/v1/datanets/{datanetId}/versions", new { })).Expect(HttpStatusCode.OK);
        return (rows, picked);
    }

    /// <summary>Registers a RAG model (202 and the job's Location) and follows its job to the end (at most two minutes).</summary>
    private static async Task<JsonElement> RegisterAsync(HttpClient modeller, string modelId, object body)
    {
        var started = (await modeller.SendJsonAsync(HttpMethod.Put, $"/api/v1/models/{modelId}/rag", body)).Expect(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/models/{modelId}/training", started.Headers.Location?.ToString());
        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement job;
        do
        {
            await Task.Delay(100);
            job = (await modeller.GetApiAsync($"/api/v1/models/{modelId}/training")).Expect(HttpStatusCode.OK).Body;
        } while (job.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);
        return job;
    }

    /// <summary>The explorer's page of an inference once it shows the RAG documents (the explorer is fed off the inference path).</summary>
    private static async Task<string> InferencePageAsync(ApiHost host, string inferenceId)
    {
        using var anonymous = host.Client();
        var page = "";
        for (var attempt = 0; attempt < 50 && !page.Contains("id=\"rag-documents\"", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            var response = await anonymous.GetAsync($"/explorer/inferences/{Uri.EscapeDataString(inferenceId)}");
            page = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
        }
        Assert.Contains("id=\"rag-documents\"", page);
        return page;
    }

    private static void AssertPaid(JsonElement receipt, string contributor)
    {
        var postings = receipt.GetProperty("postings").EnumerateArray().ToList();
        Assert.Equal(Fee, postings.Sum(p => p.GetProperty("amount").GetInt64())); // charged = credited
        Assert.Contains(postings, p => p.GetProperty("code").GetString() == "fee.contributor" && p.GetProperty("creditAccount").GetString() == contributor && p.GetProperty("amount").GetInt64() > 0);
        Assert.Contains(postings, p => p.GetProperty("code").GetString() == "fee.unattributed" && p.GetProperty("creditAccount").GetString() == "protocol:treasury");
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string SeedOf(string inferenceId) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(inferenceId))).ToString("x16");

    /// <summary>About 400 characters from the middle of a document, from a sentence start to a word end.</summary>
    private static string Passage(string document)
    {
        var start = document.IndexOf(". ", document.Length / 3, StringComparison.Ordinal) + 2;
        var end = document.LastIndexOf(' ', Math.Min(document.Length - 1, start + 400));
        return document[start..end];
    }

    /// <summary>The words of the passage's first 120 characters (a question about it).</summary>
    private static string Sentence(string document)
    {
        var passage = Passage(document);
        return passage[..passage.LastIndexOf(' ', Math.Min(passage.Length - 1, 120))].ReplaceLineEndings(" ");
    }
}
