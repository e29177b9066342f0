namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>One offered training row: features and its class label.</summary>
[GenerateSerializer, Immutable, Alias("openledger.contribution-row")]
public sealed record ContributionRow([property: Id(0)] double[] Features, [property: Id(1)] int Label);
