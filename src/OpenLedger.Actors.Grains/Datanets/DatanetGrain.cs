using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// A Datanet. Submissions are validated, stored as one content-addressed chunk each, and indexed row by
/// row in grain state; the owner (its only curator for now) reviews rows and publishes versions — each an
/// immutable matrix artifact of the approved rows in row-id order.
/// </summary>
public sealed class DatanetGrain(
    [PersistentState("datanet", StorageNames.GrainState)] IPersistentState<DatanetState> state,
    IArtifactStore artifacts,
    TimeProvider clock) : Grain, IDatanetGrain
{
    private const int MaxTags = 16;
    private const int MaxPageSize = 1_000;

    private DatanetState S => state.State;
    private string Id => this.GetPrimaryKeyString();

    public async Task<DatanetInfo> CreateAsync(string ownerAccount, DatanetMetadata metadata)
    {
        Guard.Identifier(Id, "Datanet id");
        Guard.Account(ownerAccount, "owner account");
        ValidateMetadata(metadata);
        if (S.IsCreated)
        {
            if (S.Owner == ownerAccount && SameMetadata(S.Metadata!, metadata)) return Info();
            throw OpenLedgerException.Conflict("datanet.exists", $"Datanet '{Id}' already exists with a different owner or metadata.");
        }
        S.Owner = ownerAccount;
        S.Metadata = metadata with { Tags = metadata.Tags.ToArray() };
        S.Curators = [ownerAccount];
        S.CreatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Info();
    }

    public Task<DatanetInfo> GetInfoAsync() => Task.FromResult(Info());

    public async Task<SubmissionReceipt> SubmitAsync(string submissionId, string contributorAccount, IReadOnlyList<ContributionRow> rows)
    {
        RequireCreated();
        Guard.Identifier(submissionId, "submission id");
        Guard.Account(contributorAccount, "contributor account");
        Guard.Valid(ContributionValidator.ValidateSubmissionSize(rows?.Count ?? 0));
        var schema = new FeatureSchema(S.Metadata!.Dimension, S.Metadata.ClassCount);
        for (var i = 0; i < rows!.Count; i++)
            Guard.Valid(ContributionValidator.ValidateRow(schema, rows[i]?.Features, rows[i]?.Label ?? -1, i));

        var chunk = new SubmissionChunk(schema.Dimension, rows.SelectMany(r => r.Features).ToArray(), rows.Select(r => r.Label).ToArray());
        var chunkBytes = chunk.Encode();
        var chunkKey = ArtifactKey.Of(chunkBytes);
        if (S.Submissions.TryGetValue(submissionId, out var existing))
        {
            if (existing.Contributor != contributorAccount || existing.ChunkKey != chunkKey)
                throw OpenLedgerException.Conflict("submission.key_conflict", $"Submission '{submissionId}' was already made with different content.");
            var earlier = S.Rows.Skip((int)existing.FirstRowId - 1).Take(existing.RowCount).ToList();
            await RecordWithContributorAsync(contributorAccount, earlier);
            return new SubmissionReceipt(Id, submissionId, earlier.Select(ToRecord).ToList());
        }

        await artifacts.PutAsync(chunkBytes); // durable before the index points at it
        var now = clock.GetUtcNow();
        var firstRowId = S.Rows.Count + 1L;
        var added = new List<DatanetRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            added.Add(new DatanetRow
            {
                RowId = firstRowId + i,
                Contributor = contributorAccount,
                ContentHash = ContentHash.Compute(rows[i].Features, rows[i].Label),
                Label = rows[i].Label,
                Status = ContributionStatus.Pending,
                SubmittedAt = now,
                SubmissionId = submissionId,
                IndexInChunk = i,
            });
        }
        S.Rows.AddRange(added);
        S.Submissions[submissionId] = new DatanetSubmission { Contributor = contributorAccount, ChunkKey = chunkKey, FirstRowId = firstRowId, RowCount = rows.Count };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            S.Rows.RemoveRange(S.Rows.Count - added.Count, added.Count);
            S.Submissions.Remove(submissionId);
            throw;
        }
        await RecordWithContributorAsync(contributorAccount, added);
        return new SubmissionReceipt(Id, submissionId, added.Select(ToRecord).ToList());
    }

    public async Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve)
    {
        RequireCreated();
        RequireCurator(curatorAccount);
        if (rowIds is null || rowIds.Count == 0) throw OpenLedgerException.Validation("review.empty", "Name at least one row to review.");
        if (rowIds.Count > ContributionValidator.MaxRowsPerSubmission * 4)
            throw OpenLedgerException.Validation("review.too_large", "Too many rows in one review call.");
        foreach (var id in rowIds)
        {
            if (id < 1 || id > S.Rows.Count) throw OpenLedgerException.NotFound("row.not_found", $"Datanet '{Id}' has no row {id}.");
        }
        var target = approve ? ContributionStatus.Approved : ContributionStatus.Rejected;
        var changed = new List<(DatanetRow Row, ContributionStatus Before)>();
        foreach (var id in rowIds.Distinct())
        {
            var row = S.Rows[(int)id - 1];
            if (row.Status == target) continue;
            changed.Add((row, row.Status));
            row.Status = target;
        }
        if (changed.Count == 0) return 0;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            foreach (var (row, before) in changed) row.Status = before;
            throw;
        }
        return changed.Count;
    }

    public async Task<DatanetVersionInfo> PublishVersionAsync(string ownerAccount)
    {
        RequireCreated();
        if (ownerAccount != S.Owner) throw OpenLedgerException.Forbidden("datanet.not_owner", $"Only the owner of Datanet '{Id}' may publish versions.");
        var approved = S.Rows.Where(r => r.Status == ContributionStatus.Approved).ToList(); // already in row-id order
        if (approved.Count == 0) throw OpenLedgerException.Validation("version.empty", "There are no approved rows to publish.");

        var matrix = await BuildMatrixAsync(approved, S.Versions.Count + 1);
        if (S.Versions.Count > 0)
        {
            var latest = S.Versions[^1];
            var latestMatrix = VersionMatrix.Decode(await artifacts.GetAsync(latest.ArtifactKey));
            if (latestMatrix.RowIds.SequenceEqual(matrix.RowIds)) return latest; // nothing changed since: no new version
        }
        var key = await artifacts.PutAsync(matrix.Encode());
        var version = new DatanetVersionInfo(Id, matrix.Version, matrix.RowCount, key, clock.GetUtcNow());
        S.Versions.Add(version);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            S.Versions.RemoveAt(S.Versions.Count - 1);
            throw;
        }
        return version;
    }

    public Task<DatanetVersionInfo> GetVersionAsync(int version)
    {
        RequireCreated();
        if (version < 1 || version > S.Versions.Count)
            throw OpenLedgerException.NotFound("version.not_found", $"Datanet '{Id}' has no version {version}.");
        return Task.FromResult(S.Versions[version - 1]);
    }

    public Task<IReadOnlyList<ContributionRecord>> ListContributionsAsync(int offset, int limit)
    {
        RequireCreated();
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"Offset must be ≥ 0 and limit between 1 and {MaxPageSize}.");
        IReadOnlyList<ContributionRecord> page = S.Rows.Skip(offset).Take(limit).Select(ToRecord).ToList();
        return Task.FromResult(page);
    }

    private async Task<VersionMatrix> BuildMatrixAsync(List<DatanetRow> rows, int version)
    {
        var dimension = S.Metadata!.Dimension;
        var features = new double[rows.Count * dimension];
        var chunks = new Dictionary<string, SubmissionChunk>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var chunkKey = S.Submissions[rows[i].SubmissionId].ChunkKey;
            if (!chunks.TryGetValue(chunkKey, out var chunk))
                chunks[chunkKey] = chunk = SubmissionChunk.Decode(await artifacts.GetAsync(chunkKey));
            chunk.Row(rows[i].IndexInChunk).CopyTo(features.AsSpan(i * dimension, dimension));
        }
        return new VersionMatrix(Id, version, dimension, S.Metadata.ClassCount,
            rows.Select(r => r.RowId).ToArray(), rows.Select(r => r.Contributor).ToArray(),
            rows.Select(r => r.ContentHash).ToArray(), rows.Select(r => r.Label).ToArray(), features);
    }

    private Task RecordWithContributorAsync(string contributor, IEnumerable<DatanetRow> rows) =>
        GrainFactory.GetGrain<IContributorGrain>(contributor)
            .RecordContributionsAsync(rows.Select(r => new ContributionRef(Id, r.RowId, r.ContentHash)).ToList());

    private void RequireCreated()
    {
        if (!S.IsCreated) throw OpenLedgerException.NotFound("datanet.not_found", $"Datanet '{Id}' does not exist.");
    }

    private void RequireCurator(string account)
    {
        if (!S.Curators.Contains(account))
            throw OpenLedgerException.Forbidden("datanet.not_curator", $"'{account}' is not a curator of Datanet '{Id}'.");
    }

    private static void ValidateMetadata(DatanetMetadata? metadata)
    {
        if (metadata is null) throw OpenLedgerException.Validation("metadata.missing", "Datanet metadata is required.");
        Guard.Text(metadata.Name, "name", 200);
        Guard.Text(metadata.Summary, "summary", 500, required: false);
        Guard.Text(metadata.Description, "description", 10_000, required: false);
        Guard.Text(metadata.Modality, "modality", 50);
        if (metadata.Tags is null || metadata.Tags.Count > MaxTags)
            throw OpenLedgerException.Validation("metadata.tags", $"Give between 0 and {MaxTags} tags.");
        foreach (var tag in metadata.Tags) Guard.Text(tag, "tag", 50);
        Guard.Valid(ContributionValidator.ValidateSchema(new FeatureSchema(metadata.Dimension, metadata.ClassCount)));
    }

    private static bool SameMetadata(DatanetMetadata a, DatanetMetadata b) =>
        a.Name == b.Name && a.Summary == b.Summary && a.Description == b.Description && a.Modality == b.Modality
        && a.Dimension == b.Dimension && a.ClassCount == b.ClassCount && a.Tags.SequenceEqual(b.Tags);

    private ContributionRecord ToRecord(DatanetRow r) =>
        new(Id, r.RowId, r.Contributor, r.ContentHash, r.Label, r.Status, r.SubmittedAt, r.SubmissionId);

    private DatanetInfo Info()
    {
        RequireCreated();
        return new DatanetInfo(Id, S.Owner!, S.Metadata!, S.Curators.ToArray(),
            S.Rows.Count(r => r.Status == ContributionStatus.Pending),
            S.Rows.Count(r => r.Status == ContributionStatus.Approved),
            S.Rows.Count(r => r.Status == ContributionStatus.Rejected),
            S.Versions.ToArray(), S.CreatedAt);
    }
}
