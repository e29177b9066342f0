using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Domain.Curation;

namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>
/// A Datanet's curation rules with no storage, clock or grain calls of its own (time is passed in), over what the
/// Datanet keeps: one status byte and one plausibility byte per row (row n at index n − 1, ids dense in submission
/// order), the submissions as row ranges, each contributor's quota use today, the curators and the accounts invited
/// to curate, the number of published versions and review rounds, and the messages owed to staking.
/// <list type="bullet">
/// <item><b>Row status machine</b>: rows start Pending (or Duplicate); a review sets Approved/Rejected/Adversarial;
/// Duplicate and Adversarial are final.</item>
/// <item><b>Quotas</b>: a submission fits the contributor's daily row and byte quotas entirely or is refused; only
/// today's use is kept, for at most <see cref="DatanetLimits.MaxQuotaContributorsPerDay"/> contributors.</item>
/// <item><b>Duplicates</b> (<see cref="Assess"/>): a row within the cosine cutoff of a live row (or an earlier row of the
/// same submission) is a duplicate — the earlier contributor keeps the credit; the feature scale is re-estimated each
/// time the data doubles; label plausibility is judged against existing rows only.</item>
/// <item><b>Curation messages</b> (an outbox): a review round owes each contributor touched a review count, an
/// adversarial rejection and a submission holding duplicates owe a penalty — at most one per submission per curation
/// round (rounds end when a version is published). They are recorded with the change that causes them and delivered
/// until acknowledged; their ids make delivery idempotent.</item>
/// <item><b>Curators</b>: the owner curates; any other account is invited by the owner and curates only once it
/// accepts (its own call).</item>
/// <item><b>Size</b>: every list is capped by <see cref="DatanetLimits"/>; a write past a cap is a
/// <see cref="DatanetRefusalKind.LimitReached"/> refusal.</item>
/// </list>
/// Every operation checks everything first and then changes the book: a refusal changes nothing.
/// </summary>
public sealed class DatanetBook
{
    private const int PlausibilityNeighbours = 5;
    private const int MaxReasonLength = 200;
    public const byte NotAssessed = 255;

    private byte[] _statuses;
    private byte[] _plausibility;
    private readonly List<SubmissionRange> _submissions;
    private readonly Dictionary<string, SubmissionRange> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _byContributor = new(StringComparer.Ordinal);
    private readonly int[] _totals = new int[RowStatuses.Count];
    private readonly Dictionary<string, QuotaUse> _quotas;
    private readonly List<string> _curators;
    private readonly List<string> _invited;
    private readonly List<OwedCuration> _owed;

    private DatanetBook(string id, string owner, DatanetLimits limits, byte[] statuses, byte[] plausibility, int rowCount,
        IEnumerable<SubmissionRange> submissions, IDictionary<string, QuotaUse> quotas, IEnumerable<string> curators, IEnumerable<string> invited,
        int versions, long reviewRounds, IEnumerable<OwedCuration> owed)
    {
        Id = id;
        Owner = owner;
        Limits = limits;
        _statuses = statuses;
        _plausibility = plausibility;
        RowCount = rowCount;
        _submissions = submissions.OrderBy(s => s.FirstRowId).ToList();
        _quotas = new Dictionary<string, QuotaUse>(quotas, StringComparer.Ordinal);
        _curators = curators.ToList();
        if (!_curators.Contains(owner)) _curators.Insert(0, owner);
        _invited = invited.Where(a => !_curators.Contains(a)).ToList();
        VersionCount = versions;
        ReviewRounds = reviewRounds;
        _owed = owed.ToList();
        foreach (var submission in _submissions) Index(submission);
    }

    public string Id { get; }
    public string Owner { get; }
    public DatanetLimits Limits { get; }
    public int RowCount { get; private set; }
    public int VersionCount { get; private set; }
    /// <summary>Review calls that changed something; numbers the review messages sent for them.</summary>
    public long ReviewRounds { get; private set; }
    /// <summary>The curation round under way: rounds are numbered by the version they lead to.</summary>
    public int CurationRound => VersionCount + 1;
    public long NextRowId => RowCount + 1L;

    public IReadOnlyList<SubmissionRange> Submissions => _submissions;
    public IReadOnlyList<string> Curators => _curators;
    public IReadOnlyList<string> Invitations => _invited;
    public IReadOnlyList<OwedCuration> Owed => _owed;
    public IReadOnlyDictionary<string, QuotaUse> Quotas => _quotas;

    public int PendingCount => _totals[(int)RowStatus.Pending];
    public int ApprovedCount => _totals[(int)RowStatus.Approved];
    public int RejectedCount => _totals[(int)RowStatus.Rejected] + _totals[(int)RowStatus.Duplicate] + _totals[(int)RowStatus.Adversarial];

    public static DatanetBook Create(string id, string owner, DatanetLimits? limits = null) =>
        new(id, owner, limits ?? DatanetLimits.Default, [], [], 0, [], new Dictionary<string, QuotaUse>(), [owner], [], 0, 0, []);

    /// <summary>A book as stored. <paramref name="submissions"/> must cover rows 1 to the length of <paramref name="statuses"/>, in order.</summary>
    public static DatanetBook Restore(string id, string owner, byte[] statuses, byte[] plausibility, IEnumerable<SubmissionRange> submissions,
        IDictionary<string, QuotaUse> quotas, IEnumerable<string> curators, IEnumerable<string> invited, int versions, long reviewRounds,
        IEnumerable<OwedCuration> owed, DatanetLimits? limits = null)
    {
        if (plausibility.Length != statuses.Length) throw new ArgumentException("One plausibility byte per row status is required.", nameof(plausibility));
        var book = new DatanetBook(id, owner, limits ?? DatanetLimits.Default, (byte[])statuses.Clone(), (byte[])plausibility.Clone(), statuses.Length,
            submissions, quotas, curators, invited, versions, reviewRounds, owed);
        var expected = 1L;
        foreach (var submission in book._submissions)
        {
            if (submission.FirstRowId != expected) throw new ArgumentException($"Submission '{submission.Id}' starts at row {submission.FirstRowId}, not {expected}.", nameof(submissions));
            expected = submission.LastRowId + 1;
        }
        if (expected != statuses.Length + 1) throw new ArgumentException($"The submissions cover {expected - 1} rows, the statuses {statuses.Length}.", nameof(submissions));
        return book;
    }

    /// <summary>The row statuses as stored (exactly one byte per row).</summary>
    public byte[] StatusBytes() => _statuses.AsSpan(0, RowCount).ToArray();

    /// <summary>The rows' label plausibility as stored (percent, or <see cref="NotAssessed"/>).</summary>
    public byte[] PlausibilityBytes() => _plausibility.AsSpan(0, RowCount).ToArray();

    public RowStatus Status(long rowId) => (RowStatus)_statuses[RowIndex(rowId)];

    public double? Plausibility(long rowId) => _plausibility[RowIndex(rowId)] is var p && p != NotAssessed ? p / 100.0 : null;

    public SubmissionRange? Find(string submissionId) => _byId.GetValueOrDefault(submissionId);

    public bool IsCurator(string account) => _curators.Contains(account);

    /// <summary>The submission holding <paramref name="rowId"/> (binary search over the ranges).</summary>
    public SubmissionRange SubmissionOf(long rowId)
    {
        RowIndex(rowId);
        int lo = 0, hi = _submissions.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_submissions[mid].FirstRowId <= rowId) lo = mid;
            else hi = mid - 1;
        }
        return _submissions[lo];
    }

    /// <summary>Each contributor's rows by outcome, by account.</summary>
    public IReadOnlyList<AcceptanceCount> Acceptance() => _byContributor
        .Select(c => new AcceptanceCount(c.Key, c.Value.Sum(), c.Value[(int)RowStatus.Approved],
            c.Value[(int)RowStatus.Rejected] + c.Value[(int)RowStatus.Duplicate] + c.Value[(int)RowStatus.Adversarial]))
        .OrderBy(c => c.Contributor, StringComparer.Ordinal)
        .ToList();

    /// <summary>The rows whose status satisfies <paramref name="include"/>, in row order, with their submission and index in it.</summary>
    public IEnumerable<(SubmissionRange Submission, int Index)> Rows(Func<RowStatus, bool> include)
    {
        foreach (var submission in _submissions)
        {
            for (var i = 0; i < submission.RowCount; i++)
            {
                if (include((RowStatus)_statuses[submission.FirstRowId - 1 + i])) yield return (submission, i);
            }
        }
    }

    // ---- submissions ----

    /// <summary>
    /// Whether a new submission of <paramref name="rows"/> rows and <paramref name="bytes"/> bytes from
    /// <paramref name="contributor"/> fits at <paramref name="now"/>: the row limit, today's quotas, and room for the
    /// messages it may owe. Throws the refusal; changes nothing.
    /// </summary>
    public void CheckSubmission(string contributor, int rows, long bytes, DateTimeOffset now, int dailyRowQuota, long dailyByteQuota)
    {
        if ((long)RowCount + rows > Limits.MaxRows)
            throw new DatanetRefusal(DatanetRefusalKind.LimitReached, "datanet.full",
                $"Datanet '{Id}' holds {RowCount} rows; a Datanet holds at most {Limits.MaxRows} (this submission has {rows}). Start a new Datanet.");
        if (_owed.Count >= Limits.MaxOwed) throw Backlogged();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var today = _quotas.TryGetValue(contributor, out var used) && used.Day == day ? used : null;
        if (today is null && _quotas.Values.Count(q => q.Day == day) >= Limits.MaxQuotaContributorsPerDay)
            throw new DatanetRefusal(DatanetRefusalKind.QuotaExceeded, "quota.contributors",
                $"Datanet '{Id}' took submissions from {Limits.MaxQuotaContributorsPerDay} contributors today, its daily limit; try again tomorrow (UTC).");
        var quota = today is null ? new ContributionQuota() : ContributionQuota.Restore(today.Day, today.Rows, today.Bytes);
        if (quota.TryConsume(now, rows, bytes, dailyRowQuota, dailyByteQuota) is { } exceeded)
            throw new DatanetRefusal(DatanetRefusalKind.QuotaExceeded, exceeded.Code, exceeded.Message);
    }

    /// <summary>
    /// Records a submission checked by <see cref="CheckSubmission"/> (at <see cref="NextRowId"/>): its rows Pending, or
    /// Duplicate where <paramref name="duplicateRows"/> names it (it repeats an earlier row), its plausibility bytes, the quota used today
    /// (older days are dropped), and — when it holds duplicates — the penalty it owes its contributor.
    /// </summary>
    public SubmissionRange Record(SubmissionRange submission, IReadOnlyCollection<long> duplicateRows, byte[] plausibility, long bytes, DateTimeOffset now,
        int dailyRowQuota, long dailyByteQuota)
    {
        if (submission.FirstRowId != NextRowId) throw new ArgumentException($"The next submission starts at row {NextRowId}.", nameof(submission));
        if (plausibility.Length != submission.RowCount) throw new ArgumentException("One plausibility byte per row is required.", nameof(plausibility));
        if (_byId.ContainsKey(submission.Id)) throw new ArgumentException($"Submission '{submission.Id}' is already recorded.", nameof(submission));
        CheckSubmission(submission.Contributor, submission.RowCount, bytes, now, dailyRowQuota, dailyByteQuota);

        var day = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var stale in _quotas.Where(q => q.Value.Day != day).Select(q => q.Key).ToList()) _quotas.Remove(stale);
        var used = _quotas.GetValueOrDefault(submission.Contributor);
        _quotas[submission.Contributor] = new QuotaUse(day, (used?.Rows ?? 0) + submission.RowCount, (used?.Bytes ?? 0) + bytes);

        EnsureCapacity(RowCount + submission.RowCount);
        for (var i = 0; i < submission.RowCount; i++)
        {
            _statuses[RowCount + i] = (byte)RowStatus.Pending;
            _plausibility[RowCount + i] = plausibility[i];
        }
        foreach (var rowId in duplicateRows)
        {
            if (!submission.Holds(rowId)) throw new ArgumentException($"Row {rowId} is not in submission '{submission.Id}'.", nameof(duplicateRows));
            _statuses[rowId - 1] = (byte)RowStatus.Duplicate;
        }
        RowCount += submission.RowCount;
        var recorded = submission with { Round = CurationRound };
        _submissions.Add(recorded);
        Index(recorded);
        if (duplicateRows.Count > 0)
            Owe(new OwedCuration(OwedCurationKind.Penalty, PenaltyId(recorded, recorded.Round), recorded.Contributor, 0, 0,
                Reason($"{duplicateRows.Count} near-duplicate rows in submission '{recorded.Id}' to Datanet '{Id}'")));
        return recorded;
    }

    /// <summary>
    /// For each new row (ids from <paramref name="firstRowId"/>): the live row — or earlier row of the same submission —
    /// it nearly duplicates, and its label plausibility against the existing rows only (a submission cannot vouch for its
    /// own labels). Re-estimates <paramref name="existing"/>'s feature scale when the data has doubled since it was last
    /// estimated.
    /// </summary>
    public static (Dictionary<long, long> DuplicateOf, byte[] Plausibility) Assess(NearDuplicateDetector existing,
        IReadOnlyList<(double[] Features, int Label)> rows, long firstRowId, double cutoff)
    {
        var dimension = existing.Scale.Dimension;
        if (existing.Count == 0 || existing.Count >= 2 * existing.ScaledAtCount)
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
            plausibility[i] = agreement is { } a ? (byte)Math.Round(a * 100) : NotAssessed;
        }
        return (duplicateOf, plausibility);
    }

    // ---- reviews ----

    /// <summary>
    /// A curator's review: sets <paramref name="target"/> (Approved, Rejected or Adversarial) on the named rows, leaving
    /// final rows and rows already so; when anything changed it is a new review round, owing each contributor touched a
    /// review count and — for adversarial rows — each submission touched one penalty for the curation round. Returns the
    /// rows changed (none: nothing changes, nothing is owed).
    /// </summary>
    public IReadOnlyList<long> Review(string curator, IReadOnlyList<long> rowIds, RowStatus target, string? reason = null)
    {
        if (target is not (RowStatus.Approved or RowStatus.Rejected or RowStatus.Adversarial))
            throw new ArgumentOutOfRangeException(nameof(target), target, "A review approves, rejects or rejects as adversarial.");
        RequireCurator(curator);
        if (rowIds is null || rowIds.Count == 0) throw new DatanetRefusal(DatanetRefusalKind.Validation, "review.empty", "Name at least one row to review.");
        if (rowIds.Count > Limits.MaxReviewRows)
            throw new DatanetRefusal(DatanetRefusalKind.Validation, "review.too_large", $"Review at most {Limits.MaxReviewRows} rows per call.");
        foreach (var id in rowIds)
        {
            if (id < 1 || id > RowCount) throw new DatanetRefusal(DatanetRefusalKind.NotFound, "row.not_found", $"Datanet '{Id}' has no row {id}.");
        }
        var changed = rowIds.Distinct().Where(id => Status(id) != target && !Status(id).IsFinal()).Order().ToList();
        if (changed.Count == 0) return changed;

        var bySubmission = changed.GroupBy(SubmissionOf).Select(g => (Submission: g.Key, Rows: g.Count())).ToList();
        var byContributor = bySubmission.GroupBy(s => s.Submission.Contributor, StringComparer.Ordinal)
            .Select(g => (Contributor: g.Key, Rows: (long)g.Sum(s => s.Rows))).OrderBy(c => c.Contributor, StringComparer.Ordinal).ToList();
        if (byContributor.Count > Limits.MaxContributorsPerReview)
            throw new DatanetRefusal(DatanetRefusalKind.Validation, "review.too_many_contributors",
                $"These rows come from {byContributor.Count} contributors; review the rows of at most {Limits.MaxContributorsPerReview} contributors per call.");
        var penalties = target == RowStatus.Adversarial ? bySubmission.Count : 0;
        if (penalties > Limits.MaxContributorsPerReview)
            throw new DatanetRefusal(DatanetRefusalKind.Validation, "review.too_many_submissions",
                $"These rows come from {penalties} submissions; reject the rows of at most {Limits.MaxContributorsPerReview} submissions per call.");
        if (_owed.Count + byContributor.Count + penalties > Limits.MaxOwed) throw Backlogged();

        foreach (var id in changed) SetStatus(id, target);
        ReviewRounds++;
        var approve = target == RowStatus.Approved;
        foreach (var (contributor, rows) in byContributor)
            Owe(new OwedCuration(OwedCurationKind.Review, WriteId("review", ReviewRounds.ToString(System.Globalization.CultureInfo.InvariantCulture), contributor),
                contributor, approve ? rows : 0, approve ? 0 : rows, ""));
        if (target == RowStatus.Adversarial)
        {
            foreach (var (submission, rows) in bySubmission)
                Owe(new OwedCuration(OwedCurationKind.Penalty, PenaltyId(submission, CurationRound), submission.Contributor, 0, 0,
                    Reason($"{rows} rows of submission '{submission.Id}' to Datanet '{Id}' rejected as adversarial: {reason}")));
        }
        return changed;
    }

    /// <summary>The receiver applied (or had applied) the owed message <paramref name="id"/>: it is owed no more.</summary>
    public bool Acknowledge(string id) => _owed.RemoveAll(o => o.Id == id) > 0;

    // ---- curators ----

    /// <summary>The owner invites <paramref name="account"/> to curate; it curates once it accepts. Inviting again, or a curator, changes nothing.</summary>
    public bool Invite(string owner, string account)
    {
        RequireOwner(owner, "appoint curators");
        if (_curators.Contains(account) || _invited.Contains(account)) return false;
        if (_curators.Count + _invited.Count >= Limits.MaxCurators)
            throw new DatanetRefusal(DatanetRefusalKind.LimitReached, "datanet.too_many_curators", $"A Datanet has at most {Limits.MaxCurators} curators and invitations.");
        if (_invited.Count >= Limits.MaxInvitations)
            throw new DatanetRefusal(DatanetRefusalKind.LimitReached, "datanet.too_many_invitations", $"A Datanet has at most {Limits.MaxInvitations} open invitations.");
        _invited.Add(account);
        return true;
    }

    /// <summary><paramref name="account"/> accepts its invitation and becomes a curator. Accepting again changes nothing.</summary>
    public bool Accept(string account)
    {
        if (_curators.Contains(account)) return false;
        if (!_invited.Remove(account))
            throw new DatanetRefusal(DatanetRefusalKind.Forbidden, "curator.not_invited", $"'{account}' was not invited to curate Datanet '{Id}'.");
        _curators.Add(account);
        return true;
    }

    /// <summary><paramref name="account"/> declines its invitation. Unknown invitations change nothing.</summary>
    public bool Decline(string account) => _invited.Remove(account);

    public void RequireCurator(string account)
    {
        if (_curators.Contains(account)) return;
        if (_invited.Contains(account))
            throw new DatanetRefusal(DatanetRefusalKind.Forbidden, "curator.not_accepted",
                $"'{account}' was invited to curate Datanet '{Id}' but has not accepted; it curates once it accepts.");
        throw new DatanetRefusal(DatanetRefusalKind.Forbidden, "datanet.not_curator", $"'{account}' is not a curator of Datanet '{Id}'.");
    }

    public void RequireOwner(string account, string action)
    {
        if (account != Owner) throw new DatanetRefusal(DatanetRefusalKind.Forbidden, "datanet.not_owner", $"Only the owner of Datanet '{Id}' may {action}.");
    }

    // ---- versions ----

    /// <summary>Whether the owner may publish a version now: returns the approved row count it will hold.</summary>
    public int CheckPublish(string owner)
    {
        RequireOwner(owner, "publish versions");
        if (ApprovedCount == 0) throw new DatanetRefusal(DatanetRefusalKind.Validation, "version.empty", "There are no approved rows to publish.");
        if (VersionCount >= Limits.MaxVersions)
            throw new DatanetRefusal(DatanetRefusalKind.LimitReached, "datanet.too_many_versions", $"A Datanet publishes at most {Limits.MaxVersions} versions.");
        return ApprovedCount;
    }

    /// <summary>A version was published: the curation round under way ends.</summary>
    public int Published() => ++VersionCount;

    // ---- ids ----

    /// <summary>One penalty id per submission and curation round: a second penalty of the same submission in the same round is the same write.</summary>
    public string PenaltyId(SubmissionRange submission, int round) => WriteId("penalty", $"{submission.Id}|round {round}", submission.Contributor);

    /// <summary>A stable id (within identifier limits) for a write this Datanet asks another grain to make once.</summary>
    public string WriteId(string kind, string part, string account) =>
        $"{kind}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Id}|{part}|{account}")))[..40]}";

    // ---- internals ----

    private int RowIndex(long rowId)
    {
        if (rowId < 1 || rowId > RowCount) throw new DatanetRefusal(DatanetRefusalKind.NotFound, "row.not_found", $"Datanet '{Id}' has no row {rowId}.");
        return (int)(rowId - 1);
    }

    private void SetStatus(long rowId, RowStatus status)
    {
        var counts = _byContributor[SubmissionOf(rowId).Contributor];
        var old = (RowStatus)_statuses[rowId - 1];
        counts[(int)old]--;
        _totals[(int)old]--;
        counts[(int)status]++;
        _totals[(int)status]++;
        _statuses[rowId - 1] = (byte)status;
    }

    private void Index(SubmissionRange submission)
    {
        _byId[submission.Id] = submission;
        if (!_byContributor.TryGetValue(submission.Contributor, out var counts)) _byContributor[submission.Contributor] = counts = new int[RowStatuses.Count];
        for (var i = 0; i < submission.RowCount; i++)
        {
            var status = _statuses[submission.FirstRowId - 1 + i];
            counts[status]++;
            _totals[status]++;
        }
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _statuses.Length) return;
        var capacity = Math.Min(Math.Max(rows, _statuses.Length * 2), Math.Max(rows, Limits.MaxRows));
        Array.Resize(ref _statuses, capacity);
        Array.Resize(ref _plausibility, capacity);
    }

    private void Owe(OwedCuration message)
    {
        if (_owed.Any(o => o.Id == message.Id)) return; // the same write asked twice (one penalty per submission and round)
        _owed.Add(message);
    }

    private static string Reason(string text) => text.Length <= MaxReasonLength ? text : text[..(MaxReasonLength - 1)] + "…";

    private DatanetRefusal Backlogged() => new(DatanetRefusalKind.Backlogged, "curation.backlog",
        $"Datanet '{Id}' has {_owed.Count} curation messages staking has not acknowledged yet; retry later.");
}
