namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>What a Datanet is about, and the shape of its rows.</summary>
[GenerateSerializer, Immutable, Alias("openledger.datanet-metadata")]
public sealed record DatanetMetadata(
    [property: Id(0)] string Name,
    [property: Id(1)] string Summary,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] string Modality,
    [property: Id(5)] int Dimension,
    [property: Id(6)] int ClassCount);
