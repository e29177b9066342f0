namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>An account's fee earnings over time: <paramref name="Amounts"/>[k] was earned in
/// [<paramref name="Origin"/> + k·<paramref name="BucketSeconds"/>, … + (k+1)·<paramref name="BucketSeconds"/>).</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.earnings-history")]
public sealed record EarningsHistory(
    [property: Id(0)] string Account,
    [property: Id(1)] DateTimeOffset Origin,
    [property: Id(2)] long BucketSeconds,
    [property: Id(3)] IReadOnlyList<long> Amounts);

/// <summary>What one recorded inference (the catalog's <paramref name="Sequence"/> number) earned one account, stamped
/// with the second it completed.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.earnings-delta")]
public sealed record EarningsDelta(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Amount,
    [property: Id(2)] long Sequence);
