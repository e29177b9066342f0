using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;
using OpenLedger.Actors.Grains.Sessions;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Configuration;
using Orleans.Storage;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The inference state's size budgets (README, "Size budgets") measured, not only argued. For a RAG model, the largest state the rules
/// allow — 16 documents of a hybrid model, the most spans (32) each found in all 16, 16 paid documents, a posting for each
/// of the 52 recipients a fee can have (4 fixed parts, 32 curators, 16 contributors: a governed cap of 52 or more pays
/// them all directly), 128-character accounts and ids, row ids of a full Datanet (150,000 rows), 32 curators —
/// serialised by the Azure Table provider's own serializer and written through it to Azurite, then read back.
/// </summary>
public sealed class InferenceStateSizeTests(ITestOutputHelper output)
{
    public const int Budget = 96 * 1024;

    [Fact]
    public async Task The_largest_rag_inference_state_fits_its_budget_on_azure_table()
    {
        var (state, read) = await StoreAsync("RAG", Budget, Largest);
        Assert.Equal(state.Result!.Receipt.Rag!.Documents.Count, read.Result!.Receipt.Rag!.Documents.Count);
        Assert.Equal(state.Outcome!.Attribution.Rag!.Spans.Sum(s => s.RowIds.Length), read.Outcome!.Attribution.Rag!.Spans.Sum(s => s.RowIds.Length));
    }

    /// <summary>
    /// A language model's inference at the limits (README budget 640 KiB; the table's limit is 960 KiB): an 8 KiB output of 8,192 tokens, 32 spans
    /// each in 16 documents, 512 paid documents, and the governed cap at its largest (256 postings paid directly; the other
    /// 292 recipients — of 4 fixed parts, 32 curators and 512 contributors — settled from pools).
    /// </summary>
    [Fact]
    public async Task The_largest_language_model_inference_state_fits_its_budget_on_azure_table()
    {
        await StoreAsync("language-model", 640 * 1024, LargestLanguageModel);
    }

    /// <summary>
    /// On a one-silo Azurite cluster: builds the state (with the parameters in force), measures it with the table
    /// provider's own serializer against <paramref name="budget"/>, writes it through the provider and reads it back.
    /// </summary>
    private async Task<(InferenceState State, InferenceState Read)> StoreAsync(string kind, int budget, Func<ParametersInForce, InferenceState> largest)
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"size-{Guid.NewGuid():N}"[..24];
        var cluster = await AzuriteCluster.StartAsync(serviceId, silos: 1);
        try
        {
            var services = cluster.GetSiloServiceProvider();
            var serializer = services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(StorageNames.GrainState).GrainStorageSerializer;
            var state = largest(await cluster.Client.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync());

            var bytes = serializer.Serialize(state).ToArray().Length;
            output.WriteLine($"largest {kind} inference state: {bytes:N0} bytes stored ({serializer.GetType().Name}), budget {budget:N0}");
            Assert.True(bytes <= budget, $"{bytes:N0} bytes, over the budget of {budget:N0}");

            var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
            var grain = GrainId.Create("inference-size-test", Guid.NewGuid().ToString("N"));
            await storage.WriteStateAsync("inference", grain, new GrainState<InferenceState>(state));
            var read = new GrainState<InferenceState>();
            await storage.ReadStateAsync("inference", grain, read);
            return (state, read.State!);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await AzuriteRows.DeleteServiceAsync(AzuriteCluster.TableName, serviceId);
        }
    }

    private static InferenceState LargestLanguageModel(ParametersInForce governed)
    {
        const int documents = 512, tokens = 8 * 1024, direct = 256, recipients = 4 + 32 + documents;
        var hash = new string('f', 64);
        var spans = Enumerable.Range(0, new SpanQueryOptions().MaxSpans)
            .Select(s => new TextSpan(tokens - s, tokens, tokens * 4, tokens * 4, 10_000_000, [.. Enumerable.Range(s * 16, 16).Select(d => 150_000L - d)], 9_999_999)).ToList();
        var text = new TextAttribution(tokens, spans, [.. Enumerable.Repeat(9_999_999L, tokens)], long.MaxValue, long.MaxValue, long.MaxValue, 4, 100, 32, int.MaxValue, int.MaxValue, hash);
        var influences = Enumerable.Range(0, documents).Select(d => new InfluenceEntry(150_000L - d, Long("contributor", d), hash, -Math.PI * 1e-300, -Math.E * 1e-300)).ToList();
        var postings = Enumerable.Range(0, direct).Select(p => new TransferPosting(Long("escrow", 0), Long("payee", p), long.MaxValue, "fee.contributor")).ToList();
        var settlements = Enumerable.Range(direct, recipients - direct).Select(p => new TransferPosting(Long("pool", 0), Long("payee", p), long.MaxValue, "fee.contributor")).ToList();
        var attribution = new AttributionResult(0, [], 0, 0, "span-match", influences) { Text = text };
        var receipt = new AttributionReceipt(Long("model", 0), Long("datanet", 0), int.MaxValue, "span-match", 0, 0, 16, influences,
            long.MaxValue, postings, Long("transfer", 0), int.MaxValue) { Text = text };
        return new InferenceState
        {
            RequestFingerprint = hash,
            Inputs = Inputs(governed, ModelKinds.LanguageModel),
            Outcome = new InferenceOutcome(attribution, postings, settlements),
            Result = new InferenceResult(Long("session", 0) + "|" + Long("key", 0), Long("session", 0), 0, [], receipt, DateTimeOffset.MaxValue),
            TotalsOwed = true, ExplorerOwed = true, SettlementOwed = true, TransparencyOwed = true, TransparencyIndex = long.MaxValue,
        };
    }

    private static string Long(string prefix, int i) => $"{prefix}-{i:D3}-{new string('x', 120)}"[..128];

    private static InferenceInputs Inputs(ParametersInForce governed, string kind)
    {
        var hash = new string('f', 64);
        var model = new ModelInfo(Long("model", 0), Long("owner", 0), long.MaxValue, new TrainingManifest(Long("datanet", 0), int.MaxValue, int.MaxValue, hash),
            0, 0, 0, 0, 0, 0, 0, hash, Enumerable.Range(0, 32).Select(c => Long("curator", c)).ToList(), DateTimeOffset.MaxValue, kind);
        return new InferenceInputs(new SessionInfo(Long("session", 0), Long("payer", 0), Long("model", 0), 16, DateTimeOffset.MaxValue), model, governed, 16, TimeSpan.MaxValue);
    }

    private static InferenceState Largest(ParametersInForce governed)
    {
        const int documents = RagInferenceRules.MaxDocuments;
        var rows = Enumerable.Range(0, documents).Select(d => 150_000L - d).ToArray();
        var hash = new string('f', 64);
        var spans = Enumerable.Range(0, new SpanQueryOptions().MaxSpans)
            .Select(s => new TextSpan(int.MaxValue - s, int.MaxValue, int.MaxValue, int.MaxValue, long.MaxValue, rows, long.MaxValue)).ToList();
        var rag = new RagAttribution(hash, hash, RagInferenceRules.MaxAnswerTokens, RagRetrievalModes.Hybrid,
            rows.Select((row, d) => new RagDocument(row, d + 1, -Math.PI / 3e5, int.MaxValue, -Math.E * 1e-300, -Math.PI * 1e-300, long.MaxValue, long.MaxValue, int.MaxValue, -Math.PI / 7)).ToList(),
            new string('m', 40), 4, Math.PI / 4, "ffffffffffffffff", 32, 0.5, Math.PI / 100, Math.PI / 1e5, 0.25, -Math.PI * 1e6, -Math.E * 1e7, -Math.PI / 3,
            spans, long.MaxValue, 1_000_000, long.MaxValue, $"all-MiniLM-L6-v2/first-500-chars; passages of 500 characters, 8 per document; best passage; rrf k 60");
        var influences = rows.Select((row, d) => new InfluenceEntry(row, Long("contributor", d), hash, -Math.PI * 1e-300, -Math.E * 1e-300)).ToList();
        var postings = Enumerable.Range(0, 4 + 32 + documents)
            .Select(p => new TransferPosting(Long("escrow", 0), Long("payee", p), long.MaxValue, "fee.contributor")).ToList();
        var attribution = new AttributionResult(0, [], 0, 0, "context-cite/ngram-jm", influences) { Rag = rag };
        var receipt = new AttributionReceipt(Long("model", 0), Long("datanet", 0), int.MaxValue, "context-cite/ngram-jm", 0, 0, 16, influences,
            long.MaxValue, postings, Long("transfer", 0), int.MaxValue) { Rag = rag };
        return new InferenceState
        {
            RequestFingerprint = hash,
            Inputs = Inputs(governed, ModelKinds.Rag),
            Outcome = new InferenceOutcome(attribution, postings),
            Result = new InferenceResult(Long("session", 0) + "|" + Long("key", 0), Long("session", 0), 0, [], receipt, DateTimeOffset.MaxValue),
            TotalsOwed = true, ExplorerOwed = true, SettlementOwed = true, TransparencyOwed = true, TransparencyIndex = long.MaxValue,
        };
    }
}
