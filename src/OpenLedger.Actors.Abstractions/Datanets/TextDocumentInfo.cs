namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>A text Datanet's document as stored: normalised text, content hash (SHA-256 of its UTF-8) and GPT-2 token count.</summary>
[GenerateSerializer, Immutable, Alias("openledger.text-document")]
public sealed record TextDocumentInfo(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] long RowId,
    [property: Id(2)] string Contributor,
    [property: Id(3)] string ContentHash,
    [property: Id(4)] int TokenCount,
    [property: Id(5)] string Text,
    [property: Id(6)] ContributionStatus Status);
