namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// Standings by account, and the ids of the writes already applied (so each is applied once). A penalty is
/// recorded here before its slash is posted to the ledger; <see cref="UnpostedSlashes"/> holds the ones the ledger
/// has not yet confirmed, and they are posted again (same transfer id) until it does.
/// </summary>
[GenerateSerializer]
public sealed class StakingState
{
    [Id(0)] public Dictionary<string, StoredStanding> Standings { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, StakeRecord> Stakes { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, PenaltyRecord> Penalties { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public HashSet<string> Reviews { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public List<string> UnpostedSlashes { get; set; } = [];
}

[GenerateSerializer]
public sealed record StoredStanding(
    [property: Id(0)] long Stake,
    [property: Id(1)] int Penalties,
    [property: Id(2)] long AcceptedRows,
    [property: Id(3)] long RejectedRows,
    [property: Id(4)] long Slashed);

[GenerateSerializer]
public sealed record StakeRecord([property: Id(0)] string Account, [property: Id(1)] long Amount);

[GenerateSerializer]
public sealed record PenaltyRecord([property: Id(0)] string Account, [property: Id(1)] long Slashed, [property: Id(2)] string Reason);
