using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// A Datanet. A submission is validated, stored as one content-addressed chunk artifact (features and
/// labels), and recorded as a row-id range; each row keeps only its review status in grain state. The
/// owner (its only curator for now) reviews rows and publishes versions — each an immutable matrix
/// artifact of the approved rows in row-id order.
/// </summary>
public sealed class DatanetGrain(
    [PersistentState("datanet", StorageNames.GrainState)] IPersistentState<DatanetState> state,
    IArtifactStore artifacts,
    ExplorerFeed explorer,
    TimeProvider clock) : Grain, IDatanetGrain
{
    private const int MaxTags = 16;
    private const int MaxPageSize = 1_000;
    private const int MaxReviewRows = 20_000;
    private const int ChunkCacheSize = 64;

    private readonly Dictionary<string, SubmissionChunk> _chunkCache = new(StringComparer.Ordinal);
    private Dictionary<string, DatanetSubmission>? _submissionsById;

    private DatanetState S => state.State;
    private string Id => this.GetPrimaryKeyString();

    private Dictionary<string, DatanetSubmission> SubmissionsById =>
        _submissionsById ??= S.Submissions.ToDictionary(s => s.Id, StringComparer.Ordinal);

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
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = new DatanetState();
            throw;
        }
        await TellExplorerAsync();
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
        if (SubmissionsById.TryGetValue(submissionId, out var existing))
        {
            if (existing.Contributor != contributorAccount || existing.ChunkKey != chunkKey)
                throw OpenLedgerException.Conflict("submission.key_conflict", $"Submission '{submissionId}' was already made with different content.");
            var earlier = Records(existing, chunk, 0, existing.RowCount);
            await RecordWithContributorAsync(existing);
            return new SubmissionReceipt(Id, submissionId, earlier);
        }

        await artifacts.PutAsync(chunkBytes); // durable before the state points at it
        var submission = new DatanetSubmission
        {
            Id = submissionId,
            Contributor = contributorAccount,
            ChunkKey = chunkKey,
            FirstRowId = S.RowCount + 1,
            RowCount = rows.Count,
            SubmittedAt = clock.GetUtcNow(),
        };
        var previousStatuses = S.RowStatuses;
        var statuses = new byte[previousStatuses.Length + rows.Count]; // new rows start Pending (0)
        previousStatuses.CopyTo(statuses, 0);
        S.RowStatuses = statuses;
        S.Submissions.Add(submission);
        SubmissionsById[submissionId] = submission;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            S.RowStatuses = previousStatuses;
            S.Submissions.RemoveAt(S.Submissions.Count - 1);
            SubmissionsById.Remove(submissionId);
            throw;
        }
        Remember(chunkKey, chunk);
        var records = Records(submission, chunk, 0, rows.Count);
        await RecordWithContributorAsync(submission);
        await TellExplorerAsync();
        return new SubmissionReceipt(Id, submissionId, records);
    }

    public async Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve)
    {
        RequireCreated();
        RequireCurator(curatorAccount);
        if (rowIds is null || rowIds.Count == 0) throw OpenLedgerException.Validation("review.empty", "Name at least one row to review.");
        if (rowIds.Count > MaxReviewRows) throw OpenLedgerException.Validation("review.too_large", $"Review at most {MaxReviewRows} rows per call.");
        foreach (var id in rowIds)
        {
            if (id < 1 || id > S.RowCount) throw OpenLedgerException.NotFound("row.not_found", $"Datanet '{Id}' has no row {id}.");
        }
        var target = (byte)(approve ? ContributionStatus.Approved : ContributionStatus.Rejected);
        var updated = (byte[])S.RowStatuses.Clone();
        var changed = 0;
        foreach (var id in rowIds.Distinct())
        {
            if (updated[id - 1] == target) continue;
            updated[id - 1] = target;
            changed++;
        }
        if (changed == 0) return 0;
        var previous = S.RowStatuses;
        S.RowStatuses = updated;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            S.RowStatuses = previous;
            throw;
        }
        await TellExplorerAsync();
        return changed;
    }

    public async Task<DatanetVersionInfo> PublishVersionAsync(string ownerAccount)
    {
        RequireCreated();
        if (ownerAccount != S.Owner) throw OpenLedgerException.Forbidden("datanet.not_owner", $"Only the owner of Datanet '{Id}' may publish versions.");
        var approvedCount = S.RowStatuses.Count(s => s == (byte)ContributionStatus.Approved);
        if (approvedCount == 0) throw OpenLedgerException.Validation("version.empty", "There are no approved rows to publish.");

        var matrix = await BuildMatrixAsync(approvedCount, S.Versions.Count + 1);
        if (S.Versions.Count > 0)
        {
            var latest = S.Versions[^1];
            var latestMatrix = VersionMatrix.Decode(await artifacts.GetAsync(latest.ArtifactKey));
            if (latestMatrix.RowIds.AsSpan().SequenceEqual(matrix.RowIds)) return latest; // nothing changed since: no new version
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
        await TellExplorerAsync();
        return version;
    }

    public Task<DatanetVersionInfo> GetVersionAsync(int version)
    {
        RequireCreated();
        if (version < 1 || version > S.Versions.Count)
            throw OpenLedgerException.NotFound("version.not_found", $"Datanet '{Id}' has no version {version}.");
        return Task.FromResult(S.Versions[version - 1]);
    }

    public async Task<IReadOnlyList<ContributionRecord>> ListContributionsAsync(int offset, int limit)
    {
        RequireCreated();
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            throw OpenLedgerException.Validation("page.invalid", $"Offset must be ≥ 0 and limit between 1 and {MaxPageSize}.");
        var page = new List<ContributionRecord>();
        var firstRowId = (long)offset + 1;
        var lastRowId = Math.Min(S.RowCount, (long)offset + limit);
        foreach (var submission in S.Submissions.Where(s => s.FirstRowId <= lastRowId && s.FirstRowId + s.RowCount > firstRowId))
        {
            var chunk = await ChunkAsync(submission.ChunkKey);
            var from = (int)Math.Max(0, firstRowId - submission.FirstRowId);
            var to = (int)Math.Min(submission.RowCount, lastRowId - submission.FirstRowId + 1);
            page.AddRange(Records(submission, chunk, from, to - from));
        }
        return page;
    }

    private async Task<VersionMatrix> BuildMatrixAsync(int approvedCount, int version)
    {
        var dimension = S.Metadata!.Dimension;
        var features = new double[approvedCount * dimension];
        var rowIds = new long[approvedCount];
        var contributors = new string[approvedCount];
        var hashes = new string[approvedCount];
        var labels = new int[approvedCount];
        var next = 0;
        foreach (var submission in S.Submissions)
        {
            SubmissionChunk? chunk = null;
            for (var i = 0; i < submission.RowCount; i++)
            {
                var rowId = submission.FirstRowId + i;
                if (S.Status(rowId) != ContributionStatus.Approved) continue;
                chunk ??= await ChunkAsync(submission.ChunkKey);
                chunk.Row(i).CopyTo(features.AsSpan(next * dimension, dimension));
                rowIds[next] = rowId;
                contributors[next] = submission.Contributor;
                labels[next] = chunk.Labels[i];
                hashes[next] = ContentHash.Compute(chunk.Row(i).ToArray(), chunk.Labels[i]);
                next++;
            }
        }
        return new VersionMatrix(Id, version, dimension, S.Metadata.ClassCount, rowIds, contributors, hashes, labels, features);
    }

    private List<ContributionRecord> Records(DatanetSubmission submission, SubmissionChunk chunk, int from, int count)
    {
        var records = new List<ContributionRecord>(count);
        for (var i = from; i < from + count; i++)
        {
            var rowId = submission.FirstRowId + i;
            var status = rowId <= S.RowCount ? S.Status(rowId) : ContributionStatus.Pending;
            records.Add(new ContributionRecord(Id, rowId, submission.Contributor, ContentHash.Compute(chunk.Row(i).ToArray(), chunk.Labels[i]),
                chunk.Labels[i], status, submission.SubmittedAt, submission.Id));
        }
        return records;
    }

    private async Task<SubmissionChunk> ChunkAsync(string key)
    {
        if (_chunkCache.TryGetValue(key, out var cached)) return cached;
        var chunk = SubmissionChunk.Decode(await artifacts.GetAsync(key));
        Remember(key, chunk);
        return chunk;
    }

    private void Remember(string key, SubmissionChunk chunk)
    {
        if (_chunkCache.Count >= ChunkCacheSize) _chunkCache.Clear(); // bounded memory; chunks are re-read on demand
        _chunkCache[key] = chunk;
    }

    private Task RecordWithContributorAsync(DatanetSubmission submission) =>
        GrainFactory.GetGrain<IContributorGrain>(submission.Contributor)
            .RecordContributionsAsync(new ContributedRows(Id, submission.Id, submission.FirstRowId, submission.RowCount));

    /// <summary>Gives the explorer the Datanet's public info and each contributor's rows by review outcome.</summary>
    private Task TellExplorerAsync()
    {
        var byContributor = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var submission in S.Submissions)
        {
            if (!byContributor.TryGetValue(submission.Contributor, out var counts)) byContributor[submission.Contributor] = counts = new int[3];
            for (var rowId = submission.FirstRowId; rowId < submission.FirstRowId + submission.RowCount; rowId++)
                counts[(int)S.Status(rowId)]++;
        }
        var contributors = byContributor
            .Select(c => new ContributorAcceptance(c.Key, c.Value.Sum(), c.Value[(int)ContributionStatus.Approved], c.Value[(int)ContributionStatus.Rejected]))
            .OrderBy(c => c.Account, StringComparer.Ordinal)
            .ToList();
        return explorer.DatanetChangedAsync(new DatanetCatalogEntry(Info(), contributors));
    }

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
        Guard.Text(metadata.Description, "description", 10_000, required: false, multiline: true);
        Guard.Text(metadata.Modality, "modality", 50);
        if (metadata.Tags is null || metadata.Tags.Count > MaxTags)
            throw OpenLedgerException.Validation("metadata.tags", $"Give between 0 and {MaxTags} tags.");
        foreach (var tag in metadata.Tags) Guard.Text(tag, "tag", 50);
        Guard.Valid(ContributionValidator.ValidateSchema(new FeatureSchema(metadata.Dimension, metadata.ClassCount)));
    }

    private static bool SameMetadata(DatanetMetadata a, DatanetMetadata b) =>
        a.Name == b.Name && a.Summary == b.Summary && a.Description == b.Description && a.Modality == b.Modality
        && a.Dimension == b.Dimension && a.ClassCount == b.ClassCount && a.Tags.SequenceEqual(b.Tags);

    private DatanetInfo Info()
    {
        RequireCreated();
        int pending = 0, approved = 0, rejected = 0;
        foreach (var status in S.RowStatuses)
        {
            switch ((ContributionStatus)status)
            {
                case ContributionStatus.Pending: pending++; break;
                case ContributionStatus.Approved: approved++; break;
                default: rejected++; break;
            }
        }
        return new DatanetInfo(Id, S.Owner!, S.Metadata!, S.Curators.ToArray(), pending, approved, rejected, S.Versions.ToArray(), S.CreatedAt);
    }
}
