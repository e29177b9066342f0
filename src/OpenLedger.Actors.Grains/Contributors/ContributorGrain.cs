using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Contributors;

/// <summary>
/// A contributor's profile and contributions; the balance is always read from the ledger. The head state stays small:
/// each submission goes to an append-only page (<see cref="IContributorSubmissionPageGrain"/>) and is then committed by
/// counting it in the head (a crash between the two leaves an uncommitted slot the next record writes again).
/// </summary>
public sealed class ContributorGrain(
    [PersistentState("contributor", StorageNames.GrainState)] IPersistentState<ContributorState> state,
    LedgerRouter ledger) : Grain, IContributorGrain
{
    private const int MaxPageSize = 1_000;
    private const int PageSize = IContributorSubmissionPageGrain.Size;

    /// <summary>The (Datanet, submission) pairs recorded, read from the pages on the first record of an activation.</summary>
    private HashSet<(string DatanetId, string SubmissionId)>? _known;

    private string Account => this.GetPrimaryKeyString();
    private ContributorState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Contributions.Count == 0) return;
        foreach (var legacy in S.Contributions) // written before pages: moved once
        {
            await Page(S.SubmissionCount).PutAsync(S.SubmissionCount % PageSize, legacy);
            S.SubmissionCount++;
            S.RowCount += legacy.RowCount;
        }
        S.Contributions = [];
        await state.WriteStateAsync();
    }

    public async Task<ContributorProfile> GetProfileAsync() =>
        new(Account, S.DisplayName ?? Account, (int)Math.Min(int.MaxValue, S.RowCount), await GetBalanceAsync());

    public async Task<ContributorProfile> SetDisplayNameAsync(string displayName)
    {
        Guard.Account(Account);
        Guard.Text(displayName, "display name", 100);
        S.DisplayName = displayName;
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
        var known = await KnownAsync();
        if (known.Contains((rows.DatanetId, rows.SubmissionId))) return;
        if (!await GrainFactory.GetGrain<IDatanetGrain>(rows.DatanetId).HasSubmissionAsync(Account, rows))
            throw OpenLedgerException.NotFound("contribution.not_found", $"Datanet '{rows.DatanetId}' holds no such submission '{rows.SubmissionId}' by '{Account}'.");
        var slot = S.SubmissionCount;
        await Page(slot).PutAsync(slot % PageSize, rows);
        S.SubmissionCount = slot + 1;
        S.RowCount += rows.RowCount;
        await state.WriteOrReloadAsync(this, () => _known = null);
        known.Add((rows.DatanetId, rows.SubmissionId));
    }

    public async Task<IReadOnlyList<ContributedRows>> ListContributionsAsync(int offset, int limit)
    {
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"Offset must be ≥ 0 and limit between 1 and {MaxPageSize}.");
        var end = (int)Math.Min(S.SubmissionCount, (long)offset + limit);
        var page = new List<ContributedRows>();
        for (var p = offset / PageSize; offset < end && p <= (end - 1) / PageSize; p++)
        {
            var items = await Page(p * PageSize).GetAsync();
            var from = Math.Max(offset, p * PageSize);
            var to = Math.Min(end, p * PageSize + items.Count);
            for (var i = from; i < to; i++) page.Add(items[i - p * PageSize]);
        }
        return page;
    }

    public Task<long> GetBalanceAsync() => ledger.GetBalanceAsync(Account);

    private IContributorSubmissionPageGrain Page(int slot) => GrainFactory.GetGrain<IContributorSubmissionPageGrain>(IContributorSubmissionPageGrain.KeyOf(Account, slot / PageSize));

    private async Task<HashSet<(string DatanetId, string SubmissionId)>> KnownAsync()
    {
        if (_known is not null) return _known;
        var pages = await Task.WhenAll(Enumerable.Range(0, (S.SubmissionCount + PageSize - 1) / PageSize).Select(p => Page(p * PageSize).GetAsync()));
        return _known = pages.SelectMany(p => p).Take(S.SubmissionCount).Select(c => (c.DatanetId, c.SubmissionId)).ToHashSet();
    }
}
