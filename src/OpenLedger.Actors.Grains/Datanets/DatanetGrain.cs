using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Explorer;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Staking;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// A Datanet. A submission is validated, stored as one content-addressed chunk artifact (features and
/// labels), and recorded as a row-id range; each row keeps only its review status in grain state. The
/// owner and the validators it appoints (its curators) review rows; the owner publishes versions — each an immutable
/// matrix artifact of the approved rows in row-id order.
/// Curation rules, with the parameters in force (the silo's parameter snapshot): a contributor must hold the
/// minimum stake and stay within the daily quotas (<see cref="ContributionQuota"/>); a row within the cosine cutoff of a
/// pending or approved row (<see cref="NearDuplicateDetector"/>, rebuilt from the chunks on activation) is recorded as
/// a duplicate — the earlier contributor keeps the credit — and its contributor is penalised through the staking grain;
/// rows a curator rejects as adversarial penalise their contributors too — at most one penalty per submission per curation
/// round (a round ends when a version is published), whatever the number of rows or calls. Reviews feed reputation.
/// </summary>
public sealed class DatanetGrain(
    [PersistentState("datanet", StorageNames.GrainState)] IPersistentState<DatanetState> state,
    IArtifactStore artifacts,
    ExplorerFeed explorer,
    IParameterSnapshots parameterSnapshots,
    TimeProvider clock) : Grain, IDatanetGrain
{
    private const int MaxTags = 16;
    private const int MaxPageSize = 1_000;
    private const int MaxReviewRows = 20_000;
    private const int ChunkCacheSize = 64;
    private const int MaxCurators = 32;
    private const int PlausibilityNeighbours = 5;

    private readonly Dictionary<string, SubmissionChunk> _chunkCache = new(StringComparer.Ordinal);
    private Dictionary<string, DatanetSubmission>? _submissionsById;
    private NearDuplicateDetector? _duplicates;

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
        await state.WriteOrReloadAsync(this, Reloaded);
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
            await PenaliseDuplicatesAsync(existing); // idempotent: completes a penalty a crash may have cut off
            return new SubmissionReceipt(Id, submissionId, earlier, ValidationScore(earlier));
        }

        var parameters = (await parameterSnapshots.CurrentAsync()).Parameters;
        await RequireStakeAsync(contributorAccount, parameters.MinimumStake);
        var quota = Quota(contributorAccount);
        if (quota.TryConsume(clock.GetUtcNow(), rows.Count, chunkBytes.LongLength, parameters.DailyRowQuota, parameters.DailyByteQuota) is { } exceeded)
        {
            OpenLedgerTelemetry.SubmissionsRefused.Add(1);
            throw OpenLedgerException.QuotaExceeded(exceeded.Code, exceeded.Message);
        }
        var (duplicateOf, plausibility) = await AssessAsync(rows, S.RowCount + 1, parameters.DuplicateCosineCutoff);

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
        var statuses = new byte[S.RowStatuses.Length + rows.Count]; // new rows start Pending (0), or Duplicate
        S.RowStatuses.CopyTo(statuses, 0);
        foreach (var (rowId, original) in duplicateOf)
        {
            statuses[rowId - 1] = (byte)ContributionStatus.Duplicate;
            S.DuplicateOf[rowId] = original;
        }
        S.RowPlausibility = [.. S.RowPlausibility, .. plausibility];
        S.Quotas[contributorAccount] = new QuotaUsage(quota.Day, quota.RowsUsed, quota.BytesUsed);
        S.RowStatuses = statuses;
        S.Submissions.Add(submission);
        SubmissionsById[submissionId] = submission;
        await state.WriteOrReloadAsync(this, Reloaded);
        Remember(chunkKey, chunk);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!duplicateOf.ContainsKey(submission.FirstRowId + i)) _duplicates?.Add(submission.FirstRowId + i, contributorAccount, rows[i].Features, rows[i].Label);
        }
        OpenLedgerTelemetry.DuplicateRows.Add(duplicateOf.Count);
        var records = Records(submission, chunk, 0, rows.Count);
        await RecordWithContributorAsync(submission);
        await PenaliseDuplicatesAsync(submission);
        await TellExplorerAsync();
        return new SubmissionReceipt(Id, submissionId, records, ValidationScore(records));
    }

    public async Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve)
    {
        RequireCreated();
        RequireCurator(curatorAccount);
        ValidateReviewRows(rowIds);
        var target = approve ? ContributionStatus.Approved : ContributionStatus.Rejected;
        var changed = await ChangeStatusesAsync(rowIds, target);
        if (changed.Count == 0) return 0;
        if (!approve) _duplicates = null; // rejected rows no longer count as originals: rebuild on the next submission
        foreach (var (contributor, count) in CountByContributor(changed))
        {
            await GrainFactory.GetGrain<IStakingCurationGrain>(contributor).RecordReviewAsync(
                WriteId("review", S.ReviewRounds.ToString(), contributor), approve ? count : 0, approve ? 0 : count);
        }
        return changed.Count;
    }

    public async Task<int> RejectAdversarialAsync(string curatorAccount, IReadOnlyList<long> rowIds, string reason)
    {
        RequireCreated();
        RequireCurator(curatorAccount);
        Guard.Text(reason, "reason", 200);
        ValidateReviewRows(rowIds);
        var changed = await ChangeStatusesAsync(rowIds, ContributionStatus.Adversarial);
        if (changed.Count == 0) return 0;
        _duplicates = null;
        foreach (var (contributor, count) in CountByContributor(changed))
            await GrainFactory.GetGrain<IStakingCurationGrain>(contributor).RecordReviewAsync(WriteId("review", S.ReviewRounds.ToString(), contributor), 0, count);
        foreach (var (submission, count) in changed.GroupBy(SubmissionOf).Select(g => (g.Key, g.Count())))
        {
            await GrainFactory.GetGrain<IStakingCurationGrain>(submission.Contributor).PenaliseAsync(PenaltyId(submission, CurationRound),
                $"{count} rows of submission '{submission.Id}' to Datanet '{Id}' rejected as adversarial: {reason}");
        }
        return changed.Count;
    }

    public async Task<DatanetInfo> AppointCuratorAsync(string ownerAccount, string curatorAccount)
    {
        RequireCreated();
        if (ownerAccount != S.Owner) throw OpenLedgerException.Forbidden("datanet.not_owner", $"Only the owner of Datanet '{Id}' may appoint curators.");
        Guard.Account(curatorAccount, "curator account");
        if (S.Curators.Contains(curatorAccount)) return Info();
        if (S.Curators.Count >= MaxCurators) throw OpenLedgerException.Validation("datanet.too_many_curators", $"A Datanet has at most {MaxCurators} curators.");
        S.Curators.Add(curatorAccount);
        await state.WriteOrReloadAsync(this, Reloaded);
        await TellExplorerAsync();
        return Info();
    }

    /// <summary>Sets the status of the named rows (final Duplicate and Adversarial rows are left alone) in one durable write; returns the rows changed.</summary>
    private async Task<List<long>> ChangeStatusesAsync(IReadOnlyList<long> rowIds, ContributionStatus target)
    {
        var updated = (byte[])S.RowStatuses.Clone();
        var changed = new List<long>();
        foreach (var id in rowIds.Distinct())
        {
            var current = (ContributionStatus)updated[id - 1];
            if (current == target || current is ContributionStatus.Duplicate or ContributionStatus.Adversarial) continue;
            updated[id - 1] = (byte)target;
            changed.Add(id);
        }
        if (changed.Count == 0) return changed;
        S.RowStatuses = updated;
        S.ReviewRounds++;
        await state.WriteOrReloadAsync(this, Reloaded);
        await TellExplorerAsync();
        return changed;
    }

    private Dictionary<string, long> CountByContributor(IEnumerable<long> rowIds)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var rowId in rowIds)
        {
            var contributor = SubmissionOf(rowId).Contributor;
            counts[contributor] = counts.GetValueOrDefault(contributor) + 1;
        }
        return counts;
    }

    private DatanetSubmission SubmissionOf(long rowId)
    {
        int lo = 0, hi = S.Submissions.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (S.Submissions[mid].FirstRowId <= rowId) lo = mid;
            else hi = mid - 1;
        }
        return S.Submissions[lo];
    }

    private async Task RequireStakeAsync(string contributor, long minimumStake)
    {
        if (minimumStake <= 0) return;
        var standing = await GrainFactory.GetGrain<IStakingGrain>(contributor).GetStandingAsync();
        if (standing.Stake >= minimumStake) return;
        OpenLedgerTelemetry.SubmissionsRefused.Add(1);
        throw OpenLedgerException.Forbidden("stake.required",
            $"'{contributor}' holds a stake of {standing.Stake} micro-units; contributing needs at least {minimumStake}.");
    }

    private ContributionQuota Quota(string contributor) =>
        S.Quotas.TryGetValue(contributor, out var used) ? ContributionQuota.Restore(used.Day, used.Rows, used.Bytes) : new ContributionQuota();

    /// <summary>
    /// For each new row: the existing pending/approved row (or earlier row of the same submission) it nearly duplicates,
    /// and its label plausibility against the existing rows only (a submission cannot vouch for its own labels).
    /// </summary>
    private async Task<(Dictionary<long, long> DuplicateOf, byte[] Plausibility)> AssessAsync(IReadOnlyList<ContributionRow> rows, long firstRowId, double cutoff)
    {
        var existing = await DuplicateDetectorAsync();
        var dimension = S.Metadata!.Dimension;
        if (existing.Count == 0 || existing.Count >= 2 * existing.ScaledAtCount) // re-estimate the feature scale as the data doubles
        {
            float[] sample = [.. existing.RawRows, .. rows.SelectMany(r => r.Features).Select(v => (float)v)];
            existing.Rescale(FeatureScale.Estimate(sample, dimension));
        }
        var withinSubmission = new NearDuplicateDetector(dimension, existing.Scale);
        var duplicateOf = new Dictionary<long, long>();
        var plausibility = new byte[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var match = existing.FindDuplicate(rows[i].Features, cutoff) ?? withinSubmission.FindDuplicate(rows[i].Features, cutoff);
            if (match is not null) duplicateOf[firstRowId + i] = match.RowId;
            else withinSubmission.Add(firstRowId + i, "", rows[i].Features);
            var agreement = existing.LabelAgreement(rows[i].Features, rows[i].Label, PlausibilityNeighbours);
            plausibility[i] = agreement is { } a ? (byte)Math.Round(a * 100) : DatanetState.NotAssessed;
        }
        return (duplicateOf, plausibility);
    }

    private static double? ValidationScore(IReadOnlyList<ContributionRecord> records)
    {
        var judged = records.Where(r => r.LabelPlausibility is not null).Select(r => r.LabelPlausibility!.Value).ToArray();
        return judged.Length == 0 ? null : judged.Average();
    }

    private async Task<NearDuplicateDetector> DuplicateDetectorAsync()
    {
        if (_duplicates is not null) return _duplicates;
        var detector = new NearDuplicateDetector(S.Metadata!.Dimension);
        foreach (var submission in S.Submissions)
        {
            SubmissionChunk? chunk = null;
            for (var i = 0; i < submission.RowCount; i++)
            {
                var status = S.Status(submission.FirstRowId + i);
                if (status is not (ContributionStatus.Pending or ContributionStatus.Approved)) continue;
                chunk ??= await ChunkAsync(submission.ChunkKey);
                detector.Add(submission.FirstRowId + i, submission.Contributor, chunk.Row(i), chunk.Labels[i]);
            }
        }
        if (detector.Count > 0) detector.Rescale(FeatureScale.Estimate(detector.RawRows, detector.Scale.Dimension));
        return _duplicates = detector;
    }

    private async Task PenaliseDuplicatesAsync(DatanetSubmission submission)
    {
        var duplicates = 0;
        for (var rowId = submission.FirstRowId; rowId < submission.FirstRowId + submission.RowCount; rowId++)
        {
            if (S.Status(rowId) == ContributionStatus.Duplicate) duplicates++;
        }
        if (duplicates == 0) return;
        var round = S.Versions.Count(v => v.PublishedAt <= submission.SubmittedAt) + 1; // the round it was submitted in, the same on every retry
        await GrainFactory.GetGrain<IStakingCurationGrain>(submission.Contributor).PenaliseAsync(PenaltyId(submission, round),
            $"{duplicates} near-duplicate rows in submission '{submission.Id}' to Datanet '{Id}'");
    }

    /// <summary>The curation round under way: rounds are numbered by the version they lead to.</summary>
    private int CurationRound => S.Versions.Count + 1;

    /// <summary>One penalty id per submission and curation round: a second penalty of the same submission in the same round is the same write.</summary>
    private string PenaltyId(DatanetSubmission submission, int round) => WriteId("penalty", $"{submission.Id}|round {round}", submission.Contributor);

    /// <summary>A stable id (within identifier limits) for a write this grain asks another grain to make once.</summary>
    private string WriteId(string kind, string part, string account) =>
        $"{kind}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Id}|{part}|{account}")))[..40]}";

    private void ValidateReviewRows(IReadOnlyList<long> rowIds)
    {
        if (rowIds is null || rowIds.Count == 0) throw OpenLedgerException.Validation("review.empty", "Name at least one row to review.");
        if (rowIds.Count > MaxReviewRows) throw OpenLedgerException.Validation("review.too_large", $"Review at most {MaxReviewRows} rows per call.");
        foreach (var id in rowIds)
        {
            if (id < 1 || id > S.RowCount) throw OpenLedgerException.NotFound("row.not_found", $"Datanet '{Id}' has no row {id}.");
        }
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
        await state.WriteOrReloadAsync(this, Reloaded);
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

    public Task<bool> HasSubmissionAsync(string contributorAccount, ContributedRows rows) =>
        Task.FromResult(S.IsCreated && rows is not null && rows.DatanetId == Id && rows.SubmissionId is not null
            && SubmissionsById.TryGetValue(rows.SubmissionId, out var submission)
            && submission.Contributor == contributorAccount && submission.FirstRowId == rows.FirstRowId && submission.RowCount == rows.RowCount);

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
                chunk.Labels[i], status, submission.SubmittedAt, submission.Id, S.DuplicateOf.TryGetValue(rowId, out var original) ? original : null,
                S.Plausibility(rowId)));
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

    /// <summary>Gives the explorer the Datanet's public info and each contributor's rows by review outcome (duplicates and adversarial rows count as rejected).</summary>
    private Task TellExplorerAsync()
    {
        var byContributor = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var submission in S.Submissions)
        {
            if (!byContributor.TryGetValue(submission.Contributor, out var counts)) byContributor[submission.Contributor] = counts = new int[Enum.GetValues<ContributionStatus>().Length];
            for (var rowId = submission.FirstRowId; rowId < submission.FirstRowId + submission.RowCount; rowId++)
                counts[(int)S.Status(rowId)]++;
        }
        var contributors = byContributor
            .Select(c => new ContributorAcceptance(c.Key, c.Value.Sum(), c.Value[(int)ContributionStatus.Approved],
                c.Value[(int)ContributionStatus.Rejected] + c.Value[(int)ContributionStatus.Duplicate] + c.Value[(int)ContributionStatus.Adversarial]))
            .OrderBy(c => c.Account, StringComparer.Ordinal)
            .ToList();
        return explorer.DatanetChangedAsync(new DatanetCatalogEntry(Info(), contributors));
    }

    /// <summary>After a read-back of the state (a failed write): what memory derives from it is rebuilt on demand.</summary>
    private void Reloaded()
    {
        _submissionsById = null;
        _duplicates = null;
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
