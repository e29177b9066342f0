namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>An entry at its position in the log.</summary>
[GenerateSerializer, Immutable, Alias("openledger.logged-entry")]
public sealed record LoggedEntry([property: Id(0)] long Index, [property: Id(1)] TransparencyEntry Entry);
