using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenLedger.Actors.Sdk.Models;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.Sdk;

/// <summary>
/// <see cref="IOpenLedgerApi"/> over an <see cref="HttpClient"/> from <c>IHttpClientFactory</c> (registered by
/// <see cref="OpenLedgerApiServiceCollectionExtensions.AddOpenLedgerApiClient"/>, which sets the base address, the key
/// header and the resilience pipeline). Every mutating call sends an <c>Idempotency-Key</c> derived from the request's
/// own id (or, for calls without one, fixed for the call's retries), so a retried call is answered, not applied again.
/// </summary>
public sealed class OpenLedgerApiClient(HttpClient http) : IOpenLedgerApi
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxLogEntriesPerRead = 256;

    internal static readonly JsonSerializerOptions Json = CreateJson();

    public Task<Datanet> CreateDatanetAsync(CreateDatanetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Datanet>(HttpMethod.Put, $"datanets/{Segment(request.DatanetId)}",
            new { request.Name, request.Summary, request.Description, request.Tags, request.Modality, request.Dimension, request.ClassCount },
            $"create-datanet:{request.DatanetId}", cancellationToken);

    public Task<Datanet> GetDatanetAsync(string datanetId, CancellationToken cancellationToken = default) =>
        SendAsync<Datanet>(HttpMethod.Get, $"datanets/{Segment(datanetId)}", null, null, cancellationToken);

    public Task<SubmissionReceipt> SubmitContributionsAsync(SubmitContributionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionReceipt>(HttpMethod.Post, $"datanets/{Segment(request.DatanetId)}/submissions",
            new { request.SubmissionId, request.Rows }, $"submit:{request.DatanetId}:{request.SubmissionId}", cancellationToken);

    public Task<SubmissionReceipt> SubmitDocumentsAsync(SubmitDocumentsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionReceipt>(HttpMethod.Post, $"datanets/{Segment(request.DatanetId)}/documents",
            request.Labels is null ? new { request.SubmissionId, request.Documents } : new { request.SubmissionId, request.Documents, request.Labels },
            $"submit-documents:{request.DatanetId}:{request.SubmissionId}", cancellationToken);

    public Task<TrainingJob> RegisterLanguageModelAsync(RegisterLanguageModelRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TrainingJob>(HttpMethod.Put, $"models/{Segment(request.ModelId)}/language-model",
            new { request.DatanetId, request.DatanetVersion, request.FeePerInference }, $"register-language-model:{request.ModelId}", cancellationToken);

    public Task<TrainingJob> RegisterRagModelAsync(RegisterRagModelRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TrainingJob>(HttpMethod.Put, $"models/{Segment(request.ModelId)}/rag",
            new { request.DatanetId, request.DatanetVersion, request.FeePerInference, request.Retrieval }, $"register-rag-model:{request.ModelId}", cancellationToken);

    public IAsyncEnumerable<Contribution> ListContributionsAsync(string datanetId, int limit = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<Contribution>($"datanets/{Segment(datanetId)}/contributions", limit, cancellationToken);

    public Task<ReviewResult> ReviewContributionsAsync(ReviewContributionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewResult>(HttpMethod.Post, $"datanets/{Segment(request.DatanetId)}/reviews", new { request.RowIds, request.Approve, request.Reason }, NewKey(), cancellationToken);

    public IAsyncEnumerable<RejectedRows> ListRejectionsAsync(string datanetId, int limit = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<RejectedRows>($"datanets/{Segment(datanetId)}/rejections", limit, cancellationToken);

    public Task<DatanetVersion> PublishVersionAsync(string datanetId, CancellationToken cancellationToken = default) =>
        SendAsync<DatanetVersion>(HttpMethod.Post, $"datanets/{Segment(datanetId)}/versions", null, NewKey(), cancellationToken);

    public IAsyncEnumerable<DatanetVersion> ListVersionsAsync(string datanetId, int limit = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<DatanetVersion>($"datanets/{Segment(datanetId)}/versions", limit, cancellationToken);

    public Task<DatanetVersion> GetVersionAsync(string datanetId, int version, CancellationToken cancellationToken = default) =>
        SendAsync<DatanetVersion>(HttpMethod.Get, $"datanets/{Segment(datanetId)}/versions/{version}", null, null, cancellationToken);

    public Task<Datanet> AppointCuratorAsync(string datanetId, string curator, CancellationToken cancellationToken = default) =>
        SendAsync<Datanet>(HttpMethod.Put, $"datanets/{Segment(datanetId)}/curators/{Segment(curator)}", null, NewKey(), cancellationToken);

    public Task<Datanet> AcceptCuratorInvitationAsync(string datanetId, string account, CancellationToken cancellationToken = default) =>
        SendAsync<Datanet>(HttpMethod.Post, $"datanets/{Segment(datanetId)}/curators/{Segment(account)}/acceptance", null, NewKey(), cancellationToken);

    public Task<Datanet> DeclineCuratorInvitationAsync(string datanetId, string account, CancellationToken cancellationToken = default) =>
        SendAsync<Datanet>(HttpMethod.Delete, $"datanets/{Segment(datanetId)}/curators/{Segment(account)}/invitation", null, NewKey(), cancellationToken);

    public Task<TrainingJob> TrainModelAsync(TrainModelRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TrainingJob>(HttpMethod.Post, $"models/{Segment(request.ModelId)}/training",
            new { request.DatanetId, request.DatanetVersion, request.FeePerInference, request.Lambda }, $"train:{request.ModelId}", cancellationToken);

    public Task<TrainingJob> GetTrainingJobAsync(string modelId, CancellationToken cancellationToken = default) =>
        SendAsync<TrainingJob>(HttpMethod.Get, $"models/{Segment(modelId)}/training", null, null, cancellationToken);

    public Task<Model> GetModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        SendAsync<Model>(HttpMethod.Get, $"models/{Segment(modelId)}", null, null, cancellationToken);

    public Task<Session> OpenSessionAsync(OpenSessionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Session>(HttpMethod.Put, $"sessions/{Segment(request.SessionId)}", new { request.ModelId, request.TopK }, $"open-session:{request.SessionId}", cancellationToken);

    public Task<Session> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        SendAsync<Session>(HttpMethod.Get, $"sessions/{Segment(sessionId)}", null, null, cancellationToken);

    public Task<InferenceResult> InferAsync(InferRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<InferenceResult>(HttpMethod.Post, $"sessions/{Segment(request.SessionId)}/inferences",
            new { request.Features, request.Label, request.Representation, request.Text, request.Prompt }, request.Key, cancellationToken);

    public Task<InferenceResult> InferRagAsync(InferRagRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<InferenceResult>(HttpMethod.Post, $"sessions/{Segment(request.SessionId)}/inferences",
            new { request.Question, Text = request.Answer, request.RowIds, request.Retrieve }, request.Key, cancellationToken);

    public Task<InferenceResult> GetInferenceAsync(string sessionId, string key, CancellationToken cancellationToken = default) =>
        SendAsync<InferenceResult>(HttpMethod.Get, $"sessions/{Segment(sessionId)}/inferences/{Segment(key)}", null, null, cancellationToken);

    public Task<AttributionReceipt> GetReceiptAsync(string inferenceId, CancellationToken cancellationToken = default) =>
        SendAsync<AttributionReceipt>(HttpMethod.Get, $"receipts/{Segment(inferenceId)}", null, null, cancellationToken);

    public Task<JsonElement> GetReceiptDocumentAsync(string inferenceId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"receipts/{Segment(inferenceId)}", null, null, cancellationToken);

    public Task<LedgerWriteResult> RegisterAccountAsync(RegisterAccountRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LedgerWriteResult>(HttpMethod.Put, $"accounts/{Segment(request.Account)}", new { request.Kind, request.OwnerAddress, request.CreditLimit },
            $"register:{request.Account}", cancellationToken);

    public Task<AccountBalance> GetBalanceAsync(string account, CancellationToken cancellationToken = default) =>
        SendAsync<AccountBalance>(HttpMethod.Get, $"accounts/{Segment(account)}/balance", null, null, cancellationToken);

    public Task<AccountDetails> GetAccountAsync(string account, CancellationToken cancellationToken = default) =>
        SendAsync<AccountDetails>(HttpMethod.Get, $"accounts/{Segment(account)}", null, null, cancellationToken);

    public IAsyncEnumerable<StatementLine> GetStatementAsync(string account, int limit = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<StatementLine>($"accounts/{Segment(account)}/statement", limit, cancellationToken);

    public Task<LedgerWriteResult> DepositAsync(DepositRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LedgerWriteResult>(HttpMethod.Post, $"accounts/{Segment(request.Account)}/deposits", new { request.DepositId, request.Amount },
            $"deposit:{request.DepositId}", cancellationToken);

    public Task<ClaimDomain> GetClaimDomainAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClaimDomain>(HttpMethod.Get, "claims/domain", null, null, cancellationToken);

    public Task<LedgerWriteResult> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LedgerWriteResult>(HttpMethod.Post, $"accounts/{Segment(request.Account)}/claims",
            new { request.ClaimId, request.Amount, request.Destination, request.Signature }, $"claim:{request.ClaimId}", cancellationToken);

    public Task<IssuedApiKey> IssueApiKeyAsync(IssueApiKeyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<IssuedApiKey>(HttpMethod.Post, "api-keys", new { request.Account, request.Roles }, NewKey(), cancellationToken);

    public Task<ApiKeyInfo> RevokeApiKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendAsync<ApiKeyInfo>(HttpMethod.Delete, $"api-keys/{Segment(keyId)}", null, $"revoke:{keyId}", cancellationToken);

    public Task<TextDocument> GetDocumentAsync(string datanetId, long rowId, CancellationToken cancellationToken = default) =>
        SendAsync<TextDocument>(HttpMethod.Get, $"datanets/{Segment(datanetId)}/documents/{rowId}", null, null, cancellationToken);

    public Task<ReviewResult> RejectAdversarialAsync(RejectAdversarialRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewResult>(HttpMethod.Post, $"datanets/{Segment(request.DatanetId)}/adversarial-rejections", new { request.RowIds, request.Reason }, NewKey(), cancellationToken);

    public IAsyncEnumerable<ContributorSubmission> ListContributorSubmissionsAsync(string account, int limit = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<ContributorSubmission>($"contributors/{Segment(account)}/contributions", limit, cancellationToken);

    public Task<Model> RegisterExternalModelAsync(RegisterExternalModelRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Model>(HttpMethod.Put, $"models/{Segment(request.ModelId)}/external",
            new { request.DatanetId, request.DatanetVersion, request.FeePerInference, request.RowIds, request.EmbeddingSize, request.Embeddings },
            $"register-external-model:{request.ModelId}", cancellationToken);

    public IAsyncEnumerable<long> ListTrainingRowsAsync(string modelId, int limit = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<long>($"models/{Segment(modelId)}/training-rows", limit, cancellationToken);

    public Task<ContributorStanding> StakeAsync(StakeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ContributorStanding>(HttpMethod.Post, $"accounts/{Segment(request.Account)}/stakes", new { request.StakeId, request.Amount },
            $"stake:{request.Account}:{request.StakeId}", cancellationToken);

    public Task<ContributorStanding> GetStandingAsync(string account, CancellationToken cancellationToken = default) =>
        SendAsync<ContributorStanding>(HttpMethod.Get, $"accounts/{Segment(account)}/standing", null, null, cancellationToken);

    public Task<ParametersInForce> GetParametersAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ParametersInForce>(HttpMethod.Get, "governance/parameters", null, null, cancellationToken);

    public Task<ParametersInForce> GetParameterVersionAsync(int version, CancellationToken cancellationToken = default) =>
        SendAsync<ParametersInForce>(HttpMethod.Get, $"governance/parameters/{version}", null, null, cancellationToken);

    public Task<Proposal> ProposeParametersAsync(ProposeParametersRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Proposal>(HttpMethod.Put, $"governance/proposals/{Segment(request.ProposalId)}", request.Parameters, $"propose:{request.ProposalId}", cancellationToken);

    public Task<Proposal> GetProposalAsync(string proposalId, CancellationToken cancellationToken = default) =>
        SendAsync<Proposal>(HttpMethod.Get, $"governance/proposals/{Segment(proposalId)}", null, null, cancellationToken);

    public Task<Proposal> VoteAsync(VoteRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Proposal>(HttpMethod.Post, $"governance/proposals/{Segment(request.ProposalId)}/votes", new { request.Support }, NewKey(), cancellationToken);

    public Task<ParametersInForce> ExecuteProposalAsync(string proposalId, CancellationToken cancellationToken = default) =>
        SendAsync<ParametersInForce>(HttpMethod.Post, $"governance/proposals/{Segment(proposalId)}/execution", null, NewKey(), cancellationToken);

    public Task<LedgerSummary> GetLedgerSummaryAsync(CancellationToken cancellationToken = default) =>
        SendAsync<LedgerSummary>(HttpMethod.Get, "ledger/summary", null, null, cancellationToken);

    public IAsyncEnumerable<ClaimableBalance> ListClaimablesAsync(ListClaimablesRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListClaimablesRequest();
        ArgumentOutOfRangeException.ThrowIfNegative(request.Partition);
        return PagesAsync<ClaimablesPage, ClaimableBalance>($"ledger/claimables?partition={request.Partition}", request.Limit,
            page => page.Items.Select(e => new ClaimableBalance(e.Account, e.OwnerAddress, e.Amount, e.Proof, page.Root, page.JournalBatches, page.Partition)),
            cancellationToken);
    }

    public Task<ReceiptInclusion> GetReceiptInclusionAsync(string inferenceId, CancellationToken cancellationToken = default) =>
        SendAsync<ReceiptInclusion>(HttpMethod.Get, $"receipts/{Segment(inferenceId)}/inclusion", null, null, cancellationToken);

    public Task<TreeHead> GetTreeHeadAsync(string logId = TransparencyLogs.Receipts, CancellationToken cancellationToken = default) =>
        SendAsync<TreeHead>(HttpMethod.Get, $"transparency/logs/{Segment(logId)}/head", null, null, cancellationToken);

    public Task<TreeHeadKey> GetTreeHeadKeyAsync(string logId = TransparencyLogs.Receipts, CancellationToken cancellationToken = default) =>
        SendAsync<TreeHeadKey>(HttpMethod.Get, $"transparency/logs/{Segment(logId)}/key", null, null, cancellationToken);

    public Task<InclusionProof> GetInclusionProofAsync(InclusionProofRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<InclusionProof>(HttpMethod.Get, $"transparency/logs/{Segment(request.LogId)}/inclusion?index={request.Index}&treeSize={request.TreeSize}", null, null, cancellationToken);

    public Task<ConsistencyProof> GetConsistencyProofAsync(ConsistencyProofRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ConsistencyProof>(HttpMethod.Get, $"transparency/logs/{Segment(request.LogId)}/consistency?from={request.FromSize}&to={request.ToSize}", null, null, cancellationToken);

    public async IAsyncEnumerable<LogEntry> ListLogEntriesAsync(LogEntriesRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Start);
        if (request.End is { } last) ArgumentOutOfRangeException.ThrowIfLessThan(last, request.Start);
        for (var next = request.Start; request.End is not { } end || next < end;)
        {
            var count = (int)Math.Min(MaxLogEntriesPerRead, (request.End ?? long.MaxValue) - next);
            var entries = await SendAsync<IReadOnlyList<LogEntry>>(HttpMethod.Get, $"transparency/logs/{Segment(request.LogId)}/entries?start={next}&count={count}",
                null, null, cancellationToken);
            foreach (var entry in entries) yield return entry;
            if (entries.Count < count) yield break; // the log's end
            next += entries.Count;
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, "api/v1/" + path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (idempotencyKey is not null) request.Headers.Add(IdempotencyHeader, idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ProblemAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new OpenLedgerApiException(response.StatusCode, "response.empty", null, "The API answered without a body.", null, null);
    }

    private IAsyncEnumerable<T> PagesAsync<T>(string path, int limit, CancellationToken cancellationToken) =>
        PagesAsync<PageOf<T>, T>(path, limit, page => page.Items, cancellationToken);

    /// <summary>Walks a cursor-paged list (<c>?limit=&amp;cursor=</c>, pages carrying <c>nextCursor</c>) and yields each page's items.</summary>
    private async IAsyncEnumerable<T> PagesAsync<TPage, T>(string path, int limit, Func<TPage, IEnumerable<T>> items,
        [EnumeratorCancellation] CancellationToken cancellationToken) where TPage : ICursorPage
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 200);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var query = $"{path}{separator}limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await SendAsync<TPage>(HttpMethod.Get, query, null, null, cancellationToken);
            foreach (var item in items(page)) yield return item;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private static async Task<OpenLedgerApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta;
        ProblemBody? problem = null;
        try
        {
            if (response.Content.Headers.ContentLength is not 0) problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, cancellationToken);
        }
        catch (JsonException)
        {
        }
        return new OpenLedgerApiException(response.StatusCode, problem?.Code ?? DefaultCode(response.StatusCode), problem?.Title, problem?.Detail, problem?.TraceId, retryAfter);
    }

    private static string DefaultCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "auth.key_missing",
        HttpStatusCode.NotFound => "route.not_found",
        HttpStatusCode.TooManyRequests => "rate.limited",
        >= HttpStatusCode.InternalServerError => "server.error",
        _ => "request.refused",
    };

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        json.Converters.Add(new JsonStringEnumConverter());
        return json;
    }

    private interface ICursorPage
    {
        string? NextCursor { get; }
    }

    private sealed record PageOf<T>(IReadOnlyList<T> Items, string? NextCursor) : ICursorPage;

    private sealed record ClaimablesPage(string Root, long JournalBatches, int Partition, IReadOnlyList<ClaimableEntry> Items, string? NextCursor) : ICursorPage;

    private sealed record ClaimableEntry(string Account, string OwnerAddress, long Amount, IReadOnlyList<string> Proof);

    private sealed record ProblemBody(string? Code, string? Title, string? Detail, string? TraceId);
}
