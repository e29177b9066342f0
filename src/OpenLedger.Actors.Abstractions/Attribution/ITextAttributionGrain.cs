namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>
/// Span attribution for one language model (keyed by model id): loads the model's span index (content-addressed
/// suffix-array shards) once per activation and traces generated text against it. Reads only, changes nothing.
/// </summary>
[Alias("openledger.ITextAttributionGrain")]
public interface ITextAttributionGrain : IGrainWithStringKey
{
    /// <summary>The spans of <paramref name="output"/> found verbatim in the corpus and the documents' weights
    /// (<see cref="AttributionResult.Text"/> holds the spans). <paramref name="prompt"/> is only hashed into the receipt.</summary>
    [Alias("attribute-text")] Task<AttributionResult> AttributeTextAsync(string output, string? prompt);

    /// <summary>Loads the index if it is not loaded yet, waiting a short while: true once loaded (the index job's last stage).</summary>
    [Alias("prepare-text-index"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<bool> PrepareIndexAsync();
}
