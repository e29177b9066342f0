using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Storage;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Issue 16, parts 1 and 2 end to end on a two-silo cluster with a slice of the bundled linux-doc corpus: a text
/// Datanet takes documents from three contributors (duplicates and near-duplicates refused), is approved and versioned;
/// a language model registers on the version and its span index is built by a job (several shards: a small shard
/// size); an inference sends text mixing verbatim passages of two contributors' documents with words of its own — the
/// receipt's spans point into those documents, those contributors are paid, the unattributed part goes to the protocol,
/// the postings add up to the fee, and a repeat under the same key is the same receipt, charged once.
/// </summary>
public sealed class TextLanguageModelClusterTests(ITestOutputHelper output)
{
    private const long Fee = 100_000;

    private static readonly Lazy<IReadOnlyList<CorpusDocument>> Corpus = new(() =>
        TextCorpusReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "text", "linux-doc-slice.jsonl")));

    [Fact]
    public async Task Documents_to_a_span_attributed_receipt_paid_through_the_ledger()
    {
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = 2,
            ArtifactStore = new InMemoryArtifactStore(),
            Settings = new Dictionary<string, string?> { ["OpenLedger:TextAttribution:MaxStreamTokensPerShard"] = "4000" },
        });
        var grains = cluster.Client;
        const string owner = "owner-text", modeller = "modeller-text", payer = "agent-text";
        string[] contributors = ["contrib-text-1", "contrib-text-2", "contrib-text-3"];
        string[] subsystems = ["block", "scheduler", "locking"];
        // Three documents per contributor, each from "their" subsystem, of 1–12 KB.
        var picked = subsystems.Select(s => Corpus.Value.Where(d => d.Label == s && d.Text.Length is > 1_000 and < 12_000).Take(3).ToArray()).ToArray();
        Assert.All(picked, p => Assert.Equal(3, p.Length));

        var datanet = grains.GetGrain<IDatanetGrain>("dn-text");
        var text = grains.GetGrain<ITextDatanetGrain>("dn-text");
        await datanet.CreateAsync(owner, new DatanetMetadata("Linux docs", "Kernel documentation", "A slice of linux-doc", ["text"], DatanetModalities.Text, 0, 0));
        var rows = new List<long>();
        for (var c = 0; c < 3; c++)
        {
            var submitted = await text.SubmitTextAsync($"docs-{c}", contributors[c], picked[c].Select(d => d.Text).ToList());
            Assert.Equal(3, submitted.Rows.Count);
            Assert.All(submitted.Rows, r => Assert.Equal(ContributionStatus.Pending, r.Status));
            Assert.Equivalent(submitted, await text.SubmitTextAsync($"docs-{c}", contributors[c], picked[c].Select(d => d.Text).ToList())); // idempotent
            rows.AddRange(submitted.Rows.Select(r => r.RowId));
        }

        // Refusals change nothing: the same text, a near copy, no text, rows for a text Datanet.
        async Task<string> Refused(Func<Task> call) => (await Assert.ThrowsAsync<OpenLedgerException>(call)).ErrorCode;
        var original = picked[0][0].Text;
        Assert.Equal("text.duplicate", await Refused(() => text.SubmitTextAsync("copy", contributors[2], [original.Replace("\n", "\r\n")])));
        var nearCopy = original.Insert(original.IndexOf(' ', original.Length / 2), " (slightly edited)");
        Assert.Equal("text.near_duplicate", await Refused(() => text.SubmitTextAsync("near", contributors[2], [nearCopy])));
        Assert.Equal("text.empty", await Refused(() => text.SubmitTextAsync("empty", contributors[2], [" \n "])));
        Assert.Equal("datanet.modality_mismatch", await Refused(() => datanet.SubmitAsync("rows", contributors[2], [new ContributionRow([1.0], 0)])));
        Assert.Equal(9, (await datanet.GetInfoAsync()).PendingCount);

        // The model is refused before there is a version; then approve, publish, register.
        var model = grains.GetGrain<IModelGrain>("lm-text");
        var registration = new RegisterLanguageModelRequest(modeller, "dn-text", 1, Fee);
        Assert.Equal("version.not_found", await Refused(() => model.RegisterLanguageModelAsync(registration)));
        Assert.Equal(9, await datanet.ReviewAsync(owner, rows, approve: true));
        var version = await datanet.PublishVersionAsync(owner);
        Assert.Equal((1, 9), (version.Version, version.RowCount));

        var job = await model.RegisterLanguageModelAsync(registration);
        Assert.Equal(job.JobId, (await model.RegisterLanguageModelAsync(registration)).JobId); // the same registration: the same job
        Assert.Equal("model.exists", await Refused(() => model.RegisterLanguageModelAsync(registration with { FeePerInference = 1 })));
        var finished = await model.WaitForTrainingAsync(job, timeout: TimeSpan.FromMinutes(2));
        Assert.Equal((TrainingJobStatus.Succeeded, TrainingStages.Done), (finished.Status, finished.Stage));
        Assert.True(finished.Steps >= 2, $"Expected several shards at 4,000 tokens each, got {finished.Steps}.");
        var info = await model.GetInfoAsync();
        Assert.Equal((ModelKinds.LanguageModel, 9, Fee), (info.Kind, info.Manifest.RowCount, info.FeePerInference));
        Assert.Equal(rows.Order(), (await model.GetTrainingRowIdsAsync()).Order());

        // The output: a passage of contributor 1's first document, words of the model's own, a passage of contributor 2's.
        var docA = await text.GetDocumentAsync(rows[0]);
        var docB = await text.GetDocumentAsync(rows[4]);
        var passageA = Passage(docA.Text);
        var passageB = Passage(docB.Text);
        var generated = $"Here is what I found. {passageA}\nZebras quietly juggle purple umbrellas while humming.\n{passageB}";
        await grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync("fund-text", payer, 10 * Fee);
        var session = grains.GetGrain<IInferenceSessionGrain>("session-text");
        await session.OpenAsync(payer, info.Id);
        var request = new InferenceRequest("q1", []) { Text = generated, Prompt = "How do the block layer and the scheduler work?" };
        var result = await session.InferAsync(request);
        var receipt = result.Receipt;
        var spans = receipt.Text!.Spans;
        output.WriteLine($"{spans.Count} spans, {receipt.Text.OutputTokens} tokens, weight {receipt.Text.TotalWeight}, unattributed {receipt.Text.UnattributedWeight}");
        foreach (var posting in receipt.Postings) output.WriteLine($"{posting.Code} {posting.CreditAccount} {posting.Amount}");

        Assert.Equal(TextAttributionGrain.SpanMatchMethod, receipt.Method);
        Assert.NotEmpty(spans);
        Assert.Contains(spans, s => s.RowIds.Contains(docA.RowId));
        Assert.Contains(spans, s => s.RowIds.Contains(docB.RowId));
        // Every span is verbatim in every document it names (anyone can re-check a receipt this way).
        foreach (var span in spans)
        {
            var quoted = generated[span.CharStart..span.CharEnd];
            foreach (var row in span.RowIds) Assert.Contains(quoted, (await text.GetDocumentAsync(row)).Text);
        }
        Assert.Equal([docA.RowId, docB.RowId], receipt.Influences.Take(2).Select(e => e.RowId).Order());
        Assert.True(receipt.Text.UnattributedWeight > 0, "The model's own words are unattributed.");
        Assert.Equal(receipt.Text.TotalWeight, receipt.Influences.Sum(e => (long)e.Score) + receipt.Text.UnattributedWeight);

        // The transparency log's digest commits to the spans too.
        var canonical = OpenLedger.Actors.Abstractions.Transparency.ReceiptDigest.CanonicalText(result.InferenceId, receipt);
        Assert.Equal(spans.Count, canonical.Split("\nspan=").Length - 1);

        // The explorer's inference page lists the spans and the documents they name.
        var page = OpenLedger.Actors.Silo.Explorer.InferencePage.Render(result, _ => "payer").ToString();
        Assert.Contains("id=\"spans\"", page);
        Assert.Equal(spans.Count, page.Split("<tr class=\"span\">").Length - 1);

        // Paid through the ledger like a numeric inference: the postings are the fee; contributors 1 and 2 are paid;
        // the unattributed part of the contributors' share goes to the protocol.
        Assert.Equal(Fee, receipt.Postings.Sum(p => p.Amount));
        Assert.Contains(receipt.Postings, p => p.Code == "fee.contributor" && p.CreditAccount == contributors[0] && p.Amount > 0);
        Assert.Contains(receipt.Postings, p => p.Code == "fee.contributor" && p.CreditAccount == contributors[1] && p.Amount > 0);
        Assert.Contains(receipt.Postings, p => p.Code == "fee.unattributed" && p.CreditAccount == AccountId.Protocol && p.Amount > 0);
        Assert.Contains(receipt.Postings, p => p.Code == "fee.model_owner" && p.CreditAccount == modeller);
        var ledger = grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(9 * Fee, await ledger.GetBalanceAsync(payer));
        var paidToContributor1 = receipt.Postings.Where(p => p.CreditAccount == contributors[0]).Sum(p => p.Amount);
        Assert.Equal(paidToContributor1, await ledger.GetBalanceAsync(contributors[0]));

        // The same key and text: the same receipt, charged once. The same key with another text: a conflict.
        Assert.Equivalent(result, await session.InferAsync(request), strict: true);
        Assert.Equal(9 * Fee, await ledger.GetBalanceAsync(payer));
        Assert.Equal("inference.key_conflict", await Refused(() => session.InferAsync(request with { Text = generated + " More." })));
        Assert.Equal("inference.text_missing", await Refused(() => session.InferAsync(new InferenceRequest("q2", []))));
        Assert.Equal("inference.features_unexpected", await Refused(() => session.InferAsync(new InferenceRequest("q3", [1.0]) { Text = generated })));
        Assert.Equal(9 * Fee, await ledger.GetBalanceAsync(payer));

        // The totals (delivered by the inference's outbox) hold the documents' weights.
        var totals = await grains.GetGrain<IAttributionGrain>(info.Id).GetTopTotalsAsync(100);
        Assert.Equal(receipt.Influences.Select(e => e.RowId).Order(), totals.Select(t => t.RowId).Order());
    }

    /// <summary>About 400 characters from the middle of a document, from a sentence start to a word end.</summary>
    private static string Passage(string document)
    {
        var start = document.IndexOf(". ", document.Length / 3, StringComparison.Ordinal) + 2;
        var end = document.LastIndexOf(' ', Math.Min(document.Length - 1, start + 400));
        return document[start..end];
    }
}
