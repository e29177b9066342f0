using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Domain.Datanets;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// The text side of a Datanet (<see cref="ITextDatanetGrain"/>): documents go through the same book as rows (stake,
/// quotas, pages, reviews, curation messages, versions); only their validation, chunk format and version artifact
/// differ. A submission's documents are normalised, hashed, checked against the live documents for (near-)duplicates
/// (a refusal, not a penalised duplicate row: nothing is recorded) and tokenised (GPT-2) once, into one
/// <see cref="TextSubmissionChunk"/>. A version is a <see cref="TextVersionCorpus"/> of the approved documents' tokens.
/// </summary>
public sealed partial class DatanetGrain
{
    private NearDuplicateTextIndex? _textDuplicates;
    private Dictionary<string, long>? _liveHashes;

    private bool IsText => DatanetModalities.IsText(S.Metadata?.Modality);

    public Task<SubmissionReceipt> SubmitTextAsync(string submissionId, string contributorAccount, IReadOnlyList<string> documents) =>
        SubmitLabelledTextAsync(submissionId, contributorAccount, documents, null);

    public async Task<SubmissionReceipt> SubmitLabelledTextAsync(string submissionId, string contributorAccount, IReadOnlyList<string> documents, IReadOnlyList<int>? labels)
    {
        var book = Book;
        if (!IsText) throw OpenLedgerException.Validation("datanet.modality_mismatch", $"Datanet '{Id}' holds {S.Metadata!.Modality} rows, not text: submit rows.");
        Guard.Identifier(submissionId, "submission id");
        Guard.Account(contributorAccount, "contributor account");
        var (normalized, problem) = TextSubmissionRules.Normalize(documents);
        Guard.Valid(problem);
        Guard.Valid(TextSubmissionRules.CheckLabels(S.Metadata!.ClassCount, normalized!.Count, labels));
        var tokenizer = Gpt2TextTokenizer.Shared;
        var chunk = new TextSubmissionChunk(normalized!.Select(d => d.Text).ToArray(), normalized!.Select(d => d.ContentHash).ToArray(),
            normalized!.Select(d => tokenizer.Encode(d.Text)).ToArray(), labels?.ToArray());
        var chunkBytes = chunk.Encode();
        var chunkKey = ArtifactKey.Of(chunkBytes);
        await DeliverOwedAsync();
        if (book.Find(submissionId) is { } existing)
        {
            if (existing.Contributor != contributorAccount || existing.ChunkKey != chunkKey)
                throw OpenLedgerException.Conflict("submission.key_conflict", $"Submission '{submissionId}' was already made with different content.");
            var earlier = await TextRecordsAsync(existing, 0, existing.RowCount);
            await RecordWithContributorAsync(existing);
            return new SubmissionReceipt(Id, submissionId, earlier, null);
        }

        var parameters = await AdmitSubmissionAsync(contributorAccount, chunk.Count, chunkBytes.LongLength);
        var firstRowId = book.NextRowId;
        var (index, hashes) = await TextDuplicateIndexAsync();
        try
        {
            var duplicate = TextSubmissionRules.FindDuplicate(normalized!, firstRowId, index, hashes);
            if (duplicate is not null) throw OpenLedgerException.Conflict(duplicate.Code, duplicate.Message);

            await artifacts.PutAsync(chunkBytes);
            var now = clock.GetUtcNow();
            var range = new SubmissionRange(submissionId, contributorAccount, chunkKey, firstRowId, chunk.Count, now, book.CurationRound, null);
            var slot = S.SubmissionCount;
            await GrainFactory.GetGrain<IDatanetSubmissionPageGrain>(IDatanetSubmissionPageGrain.KeyOf(Id, slot / IDatanetSubmissionPageGrain.Size))
                .PutAsync(slot % IDatanetSubmissionPageGrain.Size, ToStored(range));
            var plausibility = Enumerable.Repeat(DatanetBook.NotAssessed, chunk.Count).ToArray();
            var submission = Rule(() => book.Record(range, [], plausibility, chunkBytes.LongLength, now, parameters.DailyRowQuota, parameters.DailyByteQuota));
            await SaveAsync();
            Remember(chunkKey, chunk);
            var records = await TextRecordsAsync(submission, 0, chunk.Count);
            await DeliverOwedAsync();
            await RecordWithContributorAsync(submission);
            await TellExplorerAsync();
            return new SubmissionReceipt(Id, submissionId, records, null);
        }
        catch
        {
            ForgetTextDuplicates(); // the index may hold documents that were not recorded: rebuilt on the next submission
            throw;
        }
    }

    public async Task<TextDocumentInfo> GetDocumentAsync(long rowId)
    {
        var book = Book;
        if (!IsText) throw OpenLedgerException.Validation("datanet.modality_mismatch", $"Datanet '{Id}' holds rows, not documents.");
        if (rowId < 1 || rowId > book.RowCount) throw OpenLedgerException.NotFound("row.not_found", $"Datanet '{Id}' has no row {rowId}.");
        var submission = book.SubmissionOf(rowId);
        var chunk = await TextChunkAsync(submission.ChunkKey);
        var i = (int)(rowId - submission.FirstRowId);
        return new TextDocumentInfo(Id, rowId, submission.Contributor, chunk.Hashes[i], chunk.Tokens[i].Length, chunk.Texts[i], (ContributionStatus)book.Status(rowId));
    }

    private void ForgetTextDuplicates()
    {
        _textDuplicates = null;
        _liveHashes = null;
    }

    /// <summary>The MinHash index and content hashes of the live (pending and approved) documents, rebuilt from their chunks after a change that removed some.</summary>
    private async Task<(NearDuplicateTextIndex Index, Dictionary<string, long> Hashes)> TextDuplicateIndexAsync()
    {
        if (_textDuplicates is not null && _liveHashes is not null) return (_textDuplicates, _liveHashes);
        var index = new NearDuplicateTextIndex();
        var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (submission, i) in Book.Rows(s => s.IsLive()))
        {
            var chunk = await TextChunkAsync(submission.ChunkKey);
            var rowId = submission.FirstRowId + i;
            index.Add(rowId, MinHashSignature.Of(chunk.Texts[i]));
            hashes.TryAdd(chunk.Hashes[i], rowId);
        }
        _textDuplicates = index;
        _liveHashes = hashes;
        return (index, hashes);
    }

    private async Task<List<ContributionRecord>> TextRecordsAsync(SubmissionRange submission, int from, int count)
    {
        var chunk = await TextChunkAsync(submission.ChunkKey);
        var records = new List<ContributionRecord>(count);
        for (var i = from; i < from + count; i++)
        {
            var rowId = submission.FirstRowId + i;
            var known = rowId <= Book.RowCount;
            records.Add(new ContributionRecord(Id, rowId, submission.Contributor, chunk.Hashes[i], chunk.Labels?[i] ?? 0,
                known ? (ContributionStatus)Book.Status(rowId) : ContributionStatus.Pending, submission.SubmittedAt, submission.Id));
        }
        return records;
    }

    /// <summary>Publishes the approved documents as the next version: a <see cref="TextVersionCorpus"/> (no new version when nothing changed).</summary>
    private async Task<DatanetVersionInfo> PublishTextVersionAsync(string ownerAccount)
    {
        var book = Book;
        var approvedCount = Rule(() => book.CheckPublish(ownerAccount));
        var rowIds = new long[approvedCount];
        var contributors = new string[approvedCount];
        var hashes = new string[approvedCount];
        var tokens = new ushort[approvedCount][];
        var labels = new int[approvedCount];
        var labelled = false;
        var next = 0;
        foreach (var (submission, i) in book.Rows(s => s == RowStatus.Approved))
        {
            var chunk = await TextChunkAsync(submission.ChunkKey);
            rowIds[next] = submission.FirstRowId + i;
            contributors[next] = submission.Contributor;
            hashes[next] = chunk.Hashes[i];
            tokens[next] = chunk.Tokens[i];
            labels[next] = chunk.Labels?[i] ?? TextVersionCorpus.Unlabelled;
            labelled |= chunk.Labels is not null;
            next++;
        }
        if (S.Versions.Count > 0)
        {
            var latest = S.Versions[^1];
            if (latest.RowCount == approvedCount && TextVersionCorpus.Decode(await artifacts.GetAsync(latest.ArtifactKey)).RowIds.AsSpan().SequenceEqual(rowIds))
                return latest; // nothing changed since: no new version
        }
        var corpus = new TextVersionCorpus(Id, S.Versions.Count + 1, rowIds, contributors, hashes, tokens, labelled ? labels : null);
        var key = await artifacts.PutAsync(corpus.Encode());
        var version = new DatanetVersionInfo(Id, corpus.Version, corpus.RowCount, key, clock.GetUtcNow());
        S.Versions.Add(version);
        book.Published();
        await SaveAsync();
        await TellExplorerAsync();
        return version;
    }

    private async Task<TextSubmissionChunk> TextChunkAsync(string key)
    {
        if (_artifactCache.TryGetValue(key, out var cached)) return (TextSubmissionChunk)cached;
        var chunk = TextSubmissionChunk.Decode(await artifacts.GetAsync(key));
        Remember(key, chunk);
        return chunk;
    }
}
