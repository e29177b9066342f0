namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// The durable marker of one applied staking write (key <see cref="KeyOf"/>: account, kind and id), written by the
/// account's staking grain once the write is applied and before its id leaves the account's recent window. It is how
/// a repeat of an old stake, penalty or review id is recognised without keeping every id in the account's state.
/// Set once: a different operation under the same key is refused. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IStakingRecordGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IStakingRecordGrain : IGrainWithStringKey
{
    [Alias("get")] Task<StakingOperation?> GetAsync();

    [Alias("record")] Task RecordAsync(StakingOperation operation);

    /// <summary>Account ids and operation ids cannot hold '|', so the key is unambiguous.</summary>
    public static string KeyOf(string account, StakingOperationKind kind, string id) => $"{account}|{kind}|{id}";
}

[GenerateSerializer]
public sealed class StakingRecordState
{
    [Id(0)] public StakingOperation? Operation { get; set; }
}
