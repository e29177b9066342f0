using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Grains.Models;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// Span attribution of a language model's output (<see cref="ITextAttributionGrain"/>): the model's span index shards
/// (named by its <see cref="SpanIndexManifest"/>) are read once per activation with the version's row table (row →
/// contributor, content hash); a query normalises and tokenises the output (GPT-2), traces it over the shards
/// (<see cref="SpanTracer"/>: longest match per word start, maximal spans cut at sentence ends, common spans dropped,
/// rarest kept, merged exactly over shards) and weighs the documents with <see cref="TextRewardRule"/> — integer
/// arithmetic in a fixed order, so the receipt re-checks anywhere. The index stays in memory while the grain is
/// active: 6 bytes per corpus token plus 12 per document, and the row table.
/// </summary>
public sealed class TextAttributionGrain(
    IArtifactStore artifacts,
    IOptions<TextAttributionOptions> options,
    ILogger<TextAttributionGrain> logger) : Grain, ITextAttributionGrain
{
    public const string SpanMatchMethod = "span-match";
    private static readonly TimeSpan PrepareWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QueryWait = TimeSpan.FromSeconds(20);

    private LoadedOnce<LoadedSpanIndex>? _index;

    private LoadedOnce<LoadedSpanIndex> Index => _index ??= new(LoadAsync);

    private string ModelId => this.GetPrimaryKeyString();

    public Task<bool> PrepareIndexAsync() => Index.IsLoadedAfterAsync(PrepareWait);

    public async Task<AttributionResult> AttributeTextAsync(string output, string? prompt)
    {
        var settings = options.Value;
        var (text, problem) = TextInferenceRules.Check(output, prompt);
        Guard.Valid(problem);
        var promptHash = prompt is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt)));

        var index = await Index.GetAsync(QueryWait,
            () => OpenLedgerException.NotReady("attribution.index_building", $"The span index of model '{ModelId}' is still loading; retry shortly."));

        var tokenized = Gpt2TextTokenizer.Shared.Tokenize(text!);
        var trace = SpanTracer.Trace(index.Shards, tokenized, settings.Query(), index.Surprisal);
        var weights = TextRewardRule.Weigh(trace, int.MaxValue);
        var influences = TextReceiptParts.Influences(weights, index.Rows);
        var spans = TextReceiptParts.Spans(trace);
        var attribution = new TextAttribution(trace.TokenCount, spans, trace.TokenSurprisalQ16, weights.TotalWeight, weights.UnattributedWeight,
            trace.CorpusTokens, trace.Options.MinTokens, trace.Options.MaxOccurrences, trace.Options.MaxSpans, trace.CandidateSpans, trace.DroppedAsCommon, promptHash);
        return new AttributionResult(0, [], 0, 0, SpanMatchMethod, influences) { Text = attribution };
    }

    private async Task<LoadedSpanIndex> LoadAsync()
    {
        var model = await GrainFactory.GetGrain<IModelTrainingSink>(ModelId).GetTrainedAsync();
        if (model.Kind != ModelKinds.LanguageModel)
            throw OpenLedgerException.Validation("model.not_language_model", $"Model '{ModelId}' is not a language model: it is attributed from features.");
        var manifest = SpanIndexManifest.Decode(await artifacts.GetAsync(model.ArtifactKey));
        var shards = new List<SuffixArrayIndex>(manifest.ShardKeys.Length);
        foreach (var key in manifest.ShardKeys)
        {
            var bytes = await artifacts.GetAsync(key);
            shards.Add(await Task.Run(() => SuffixArrayIndexFormat.Read(new MemoryStream(bytes, writable: false))));
        }
        var corpus = TextVersionCorpus.Decode(await artifacts.GetAsync(manifest.VersionArtifactKey));
        var rows = corpus.RowTable();
        logger.LogInformation("Loaded the span index of language model {ModelId}: {Shards} shards, {Tokens} tokens, {Documents} documents",
            ModelId, shards.Count, manifest.TokenCount, manifest.DocumentCount);
        return new LoadedSpanIndex(shards, UnigramSurprisal.OfShards(shards), rows);
    }

    private sealed record LoadedSpanIndex(IReadOnlyList<SuffixArrayIndex> Shards, UnigramSurprisal Surprisal, IReadOnlyDictionary<long, (string Contributor, string Hash)> Rows);
}
