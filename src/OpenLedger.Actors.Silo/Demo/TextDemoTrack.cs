using System.Diagnostics;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Grains.Ledger;

namespace OpenLedger.Actors.Silo.Demo;

/// <summary>
/// The demo's text track, after the digits run: the bundled linux-doc slice (data/text, GPL-2.0) as a labelled text
/// Datanet of four subsystems written by three documentation writers; a language model registered on its version (the
/// span index job) answering with text that quotes and mixes its documents, each answer's receipt naming the verbatim
/// spans and paying their writers; and a support-routing classifier trained on the same version (sentence embeddings,
/// exact influence) routing held-out documents. Its own payer and its own conservation check, so the digits figures
/// above are unchanged. Fixed ids: a rerun against persistent storage repeats nothing and charges nothing twice.
/// </summary>
public sealed class TextDemoTrack(IGrainFactory grains, LedgerRouter ledger)
{
    public const string DatanetId = "linux-doc";
    public const string AssistantId = "linux-doc-assistant";
    public const string RouterId = "linux-doc-router";
    public const string RagId = "linux-doc-rag";
    private const string Curator = "curator-linux-doc";
    private const string ModelOwner = "docs-studio";
    private const string Payer = "agent-platform-text";
    private const long FeePerInference = 1_000;
    private const int MaxCharacters = 2_000;
    private static readonly string[] Subsystems = ["mm", "power", "usb", "security"];
    private static readonly string[] Writers = ["docs-writer-1", "docs-writer-2", "docs-writer-3"];

    public async Task RunAsync(CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        var (train, heldOut) = ReadCorpus();
        Console.WriteLine($"\nText track — {train.Count + heldOut.Count} linux-doc documents ({string.Join(", ", Subsystems)}), {Writers.Length} writers");

        var datanet = grains.GetGrain<IDatanetGrain>(DatanetId);
        var text = grains.GetGrain<ITextDatanetGrain>(DatanetId);
        await datanet.CreateAsync(Curator, new DatanetMetadata("Linux kernel documentation", "Kernel documentation by subsystem: support routing and a documentation assistant",
            "Debian linux-doc (Documentation/ of the Linux kernel), GPL-2.0; provenance in data/README.md.", ["text", "linux"], DatanetModalities.Text, 0, Subsystems.Length));
        var rows = new List<long>();
        for (var w = 0; w < Writers.Length; w++)
        {
            var mine = train.Where((_, i) => i % Writers.Length == w).ToList();
            var receipt = await text.SubmitLabelledTextAsync($"{Writers[w]}-docs", Writers[w], mine.Select(d => d.Text).ToList(), mine.Select(d => d.Label).ToList());
            rows.AddRange(receipt.Rows.Select(r => r.RowId));
        }
        await datanet.ReviewAsync(Curator, rows, approve: true);
        var version = await datanet.PublishVersionAsync(Curator);
        Console.WriteLine($"Published {DatanetId} v{version.Version}: {version.RowCount} documents");

        var assistant = grains.GetGrain<IModelGrain>(AssistantId);
        var router = grains.GetGrain<IModelGrain>(RouterId);
        var rag = grains.GetGrain<IModelGrain>(RagId);
        // All are jobs on the cluster: the span index (tokenise, suffix array), the classifier (embed, train, index) and
        // the retrieval index (BM25) of the RAG model.
        var assistantJob = assistant.RegisterLanguageModelAsync(new RegisterLanguageModelRequest(ModelOwner, DatanetId, version.Version, FeePerInference));
        var routerJob = router.StartTrainingAsync(new TrainModelRequest(ModelOwner, DatanetId, version.Version, FeePerInference, 0.01));
        var ragJob = rag.RegisterLanguageModelAsync(new RegisterLanguageModelRequest(ModelOwner, DatanetId, version.Version, FeePerInference) { Kind = ModelKinds.Rag });
        await assistant.WaitForTrainingAsync(await assistantJob, timeout: TimeSpan.FromMinutes(5));
        await rag.WaitForTrainingAsync(await ragJob, timeout: TimeSpan.FromMinutes(5));
        await router.WaitForTrainingAsync(await routerJob, timeout: TimeSpan.FromMinutes(5));
        var routerModel = await router.GetInfoAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Registered {AssistantId} (span index) and {RagId} (BM25 retrieval), trained {RouterId} (MiniLM embeddings, training accuracy {routerModel.TrainingAccuracy:P1}) in {watch.Elapsed.TotalSeconds:F1} s"));

        var answers = await ComposeAnswersAsync(text, rows);
        var inferences = answers.Count + 1 + heldOut.Count;
        await ledger.DepositAsync($"demo-fund-{Payer}-{inferences * FeePerInference}", Payer, inferences * FeePerInference);
        var before = await ledger.GetBalanceAsync(Payer);
        var postings = 0L;

        var assistantSession = grains.GetGrain<IInferenceSessionGrain>($"{Payer}-assistant");
        await assistantSession.OpenAsync(Payer, AssistantId);
        for (var i = 0; i < answers.Count; i++)
        {
            var result = await assistantSession.InferAsync(new InferenceRequest($"answer-{i}", []) { Text = answers[i].Answer, Prompt = answers[i].Question });
            var attribution = result.Receipt.Text!;
            var paid = result.Receipt.Postings.Where(p => p.Code == "fee.contributor").GroupBy(p => p.CreditAccount)
                .Select(g => $"{g.Key} {g.Sum(p => p.Amount):N0}").ToList();
            postings += result.Receipt.Postings.Sum(p => p.Amount);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  answer {i + 1}: {attribution.Spans.Count} verbatim spans, {1 - (double)attribution.UnattributedWeight / attribution.TotalWeight:P0} of its weight attributed; paid {string.Join(", ", paid)}"));
        }

        // A retrieval-augmented answer: the platform retrieved six documents and its model answered quoting two of them;
        // context attribution (ablating the documents) should find those two.
        var ragSession = grains.GetGrain<IInferenceSessionGrain>($"{Payer}-rag");
        await ragSession.OpenAsync(Payer, RagId);
        var (question, answer, quoted) = answers[0];
        long[] context = [.. quoted, .. rows.Where(r => !quoted.Contains(r)).Take(4)];
        var ragResult = await ragSession.InferAsync(new InferenceRequest("rag-0", []) { Question = question, Text = answer, RowIds = context });
        var ragReceipt = ragResult.Receipt.Rag!;
        postings += ragResult.Receipt.Postings.Sum(p => p.Amount);
        var quotedShare = (double)ragReceipt.Documents.Where(d => quoted.Contains(d.RowId)).Sum(d => d.Units) / ragReceipt.TotalUnits;
        var otherShare = (double)ragReceipt.Documents.Where(d => !quoted.Contains(d.RowId)).Sum(d => d.Units) / ragReceipt.TotalUnits;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  RAG answer over {ragReceipt.Documents.Count} retrieved documents: the 2 it quotes {quotedShare:P0}, the other 4 {otherShare:P0}, unattributed {(double)ragReceipt.UnattributedUnits / ragReceipt.TotalUnits:P0} (context attribution, {ragReceipt.Masks} ablations)"));

        var routerSession = grains.GetGrain<IInferenceSessionGrain>($"{Payer}-router");
        await routerSession.OpenAsync(Payer, RouterId);
        var routed = 0;
        foreach (var (document, i) in heldOut.Select((d, i) => (d, i)))
        {
            cancel.ThrowIfCancellationRequested();
            var result = await routerSession.InferAsync(new InferenceRequest($"route-{i}", []) { Text = document.Text });
            if (result.PredictedClass == document.Label) routed++;
            postings += result.Receipt.Postings.Sum(p => p.Amount);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  routing: {routed} of {heldOut.Count} held-out documents to the right subsystem ({(double)routed / heldOut.Count:P1}); receipts name the training documents that moved each decision"));

        var charged = before - await ledger.GetBalanceAsync(Payer);
        var summary = await ledger.GetSummaryAsync();
        // A rerun answers from stored results: nothing is charged again, and the receipts' postings are the first run's.
        var conserved = (charged == postings || charged == 0) && summary.BalanceSum == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Text conservation: fees charged {charged:N0} = postings in the receipts {(charged == 0 ? 0 : postings):N0} → {(conserved ? "OK" : "MISMATCH")} ({inferences} text inferences, {watch.Elapsed.TotalSeconds:F1} s)"));
        if (!conserved) throw new InvalidOperationException("Text track conservation check failed: fees charged differ from the receipts' postings.");
    }

    /// <summary>Every document of the four subsystems cut to its first 2,000 characters at a word end; every fourth of each subsystem held out.</summary>
    private static (List<LabelledDocument> Train, List<LabelledDocument> HeldOut) ReadCorpus()
    {
        var all = TextCorpusReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "text", "linux-doc-slice.jsonl"));
        var train = new List<LabelledDocument>();
        var heldOut = new List<LabelledDocument>();
        for (var label = 0; label < Subsystems.Length; label++)
        {
            var documents = all.Where(d => d.Label == Subsystems[label]).ToList();
            for (var i = 0; i < documents.Count; i++) (i % 4 == 3 ? heldOut : train).Add(new LabelledDocument(Cut(documents[i].Text), label));
        }
        return (train, heldOut);
    }

    /// <summary>Three assistant answers, each quoting a passage of two writers' documents around words of the model's own.</summary>
    private static async Task<List<(string Question, string Answer, long[] Quoted)>> ComposeAnswersAsync(ITextDatanetGrain text, List<long> rows)
    {
        var answers = new List<(string, string, long[])>();
        string[] questions = ["How does the kernel manage memory and power?", "What should I know about USB and security?", "Where do I start with these subsystems?"];
        for (var i = 0; i < questions.Length; i++)
        {
            var first = await text.GetDocumentAsync(rows[(i * 37) % rows.Count]);
            var second = await text.GetDocumentAsync(rows[(i * 37 + rows.Count / Writers.Length) % rows.Count]); // another writer's (rows are submitted writer by writer)
            answers.Add((questions[i], $"Here is what the documentation says. {Passage(first.Text)}\nIn short, check your configuration first.\n{Passage(second.Text)}", [first.RowId, second.RowId]));
        }
        return answers;
    }

    /// <summary>About 400 characters from a third of the way into the document, from a sentence start to a word end.</summary>
    private static string Passage(string document)
    {
        var start = document.IndexOf(". ", document.Length / 3, StringComparison.Ordinal) is var dot and >= 0 ? dot + 2 : 0;
        var end = document.LastIndexOf(' ', Math.Min(document.Length - 1, start + 400));
        return document[start..(end > start ? end : document.Length)];
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxCharacters) return text;
        var end = text.LastIndexOf(' ', MaxCharacters);
        return text[..(end > 0 ? end : MaxCharacters)];
    }

    private sealed record LabelledDocument(string Text, int Label);
}
