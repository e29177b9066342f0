namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>
/// A span of a language model's output found verbatim in its training corpus: output tokens [<see cref="TokenStart"/>,
/// + <see cref="TokenLength"/>), characters [<see cref="CharStart"/>, <see cref="CharEnd"/>) of the output text, its
/// count in the corpus, every row (document) holding it, and its surprisal (Q16 bits).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.text-span")]
public sealed record TextSpan(
    [property: Id(0)] int TokenStart,
    [property: Id(1)] int TokenLength,
    [property: Id(2)] int CharStart,
    [property: Id(3)] int CharEnd,
    [property: Id(4)] long Count,
    [property: Id(5)] long[] RowIds,
    [property: Id(6)] long SurprisalQ16);

/// <summary>
/// The span part of a language model's receipt — everything needed to re-check its weights with the README's reward
/// rule: the output's token count and each token's weight (unigram surprisal, Q16 bits), the spans kept, the query's
/// parameters, the total weight and the part no span covers or the rarity taper removed
/// (<see cref="UnattributedWeight"/>; its share of the contributors' fee goes to the protocol). The receipt's influences
/// are the documents' weights (score = weight in Q16 units, weight = score / <see cref="TotalWeight"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.text-attribution")]
public sealed record TextAttribution(
    [property: Id(0)] int OutputTokens,
    [property: Id(1)] IReadOnlyList<TextSpan> Spans,
    [property: Id(2)] long[] TokenWeightsQ16,
    [property: Id(3)] long TotalWeight,
    [property: Id(4)] long UnattributedWeight,
    [property: Id(5)] long CorpusTokens,
    [property: Id(6)] int MinTokens,
    [property: Id(7)] int MaxOccurrences,
    [property: Id(8)] int MaxSpans,
    [property: Id(9)] int CandidateSpans,
    [property: Id(10)] int DroppedAsCommon,
    [property: Id(11)] string? PromptHash);
