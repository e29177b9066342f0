using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Contributors;

/// <summary>A contributor's profile and contributions; the balance is always read from the ledger.</summary>
public sealed class ContributorGrain(
    [PersistentState("contributor", StorageNames.GrainState)] IPersistentState<ContributorState> state) : Grain, IContributorGrain
{
    private HashSet<(string DatanetId, string SubmissionId)>? _known;

    private string Account => this.GetPrimaryKeyString();

    public async Task<ContributorProfile> GetProfileAsync() =>
        new(Account, state.State.DisplayName ?? Account, state.State.Contributions.Sum(c => c.RowCount), await GetBalanceAsync());

    public async Task<ContributorProfile> SetDisplayNameAsync(string displayName)
    {
        Guard.Account(Account);
        Guard.Text(displayName, "display name", 100);
        state.State.DisplayName = displayName;
        await state.WriteOrReloadAsync(this);
        return await GetProfileAsync();
    }

    /// <summary>
    /// Records a submission the Datanet accepted from this contributor. The Datanet is asked whether it holds the
    /// submission exactly so, so nobody can credit (or pad) a contributor's record with rows they never gave.
    /// </summary>
    public async Task RecordContributionsAsync(ContributedRows rows)
    {
        if (rows is null) throw OpenLedgerException.Validation("contribution.missing", "The contributed rows are required.");
        Guard.Account(Account, "contributor account");
        Guard.Identifier(rows.DatanetId, "Datanet id");
        Guard.Identifier(rows.SubmissionId, "submission id");
        if (rows.FirstRowId < 1 || rows.RowCount < 1)
            throw OpenLedgerException.Validation("contribution.range", "A contribution starts at row 1 or later and holds at least one row.");
        _known ??= state.State.Contributions.Select(c => (c.DatanetId, c.SubmissionId)).ToHashSet();
        if (_known.Contains((rows.DatanetId, rows.SubmissionId))) return;
        if (!await GrainFactory.GetGrain<IDatanetGrain>(rows.DatanetId).HasSubmissionAsync(Account, rows))
            throw OpenLedgerException.NotFound("contribution.not_found", $"Datanet '{rows.DatanetId}' holds no such submission '{rows.SubmissionId}' by '{Account}'.");
        if (!_known.Add((rows.DatanetId, rows.SubmissionId))) return; // recorded by an interleaved call meanwhile
        state.State.Contributions.Add(rows);
        await state.WriteOrReloadAsync(this, () => _known = null);
    }

    public Task<IReadOnlyList<ContributedRows>> ListContributionsAsync(int offset, int limit)
    {
        if (offset < 0 || limit < 1 || limit > 1_000)
            throw OpenLedgerException.Validation("page.invalid", "Offset must be ≥ 0 and limit between 1 and 1000.");
        IReadOnlyList<ContributedRows> page = state.State.Contributions.Skip(offset).Take(limit).ToList();
        return Task.FromResult(page);
    }

    public Task<long> GetBalanceAsync() => GrainFactory.GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalanceAsync(Account);
}
