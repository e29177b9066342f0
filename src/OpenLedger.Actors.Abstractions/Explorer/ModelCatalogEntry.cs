using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>A model as the explorer shows it, with the inferences it served and the fees they charged.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.model")]
public sealed record ModelCatalogEntry(
    [property: Id(0)] ModelInfo Info,
    [property: Id(1)] long InferenceCount,
    [property: Id(2)] long FeesCharged);
