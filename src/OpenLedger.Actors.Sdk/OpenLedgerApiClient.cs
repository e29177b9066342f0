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

    public Task<TrainingJob> RegisterRagModelAsync(RegisterLanguageModelRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TrainingJob>(HttpMethod.Put, $"models/{Segment(request.ModelId)}/rag",
            new { request.DatanetId, request.DatanetVersion, request.FeePerInference }, $"register-rag-model:{request.ModelId}", cancellationToken);

    public IAsyncEnumerable<Contribution> ListContributionsAsync(string datanetId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<Contribution>($"datanets/{Segment(datanetId)}/contributions", pageSize, cancellationToken);

    public Task<ReviewResult> ReviewContributionsAsync(ReviewContributionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewResult>(HttpMethod.Post, $"datanets/{Segment(request.DatanetId)}/reviews", new { request.RowIds, request.Approve }, NewKey(), cancellationToken);

    public Task<DatanetVersion> PublishVersionAsync(string datanetId, CancellationToken cancellationToken = default) =>
        SendAsync<DatanetVersion>(HttpMethod.Post, $"datanets/{Segment(datanetId)}/versions", null, NewKey(), cancellationToken);

    public IAsyncEnumerable<DatanetVersion> ListVersionsAsync(string datanetId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<DatanetVersion>($"datanets/{Segment(datanetId)}/versions", pageSize, cancellationToken);

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

    public Task<LedgerWriteResult> RegisterAccountAsync(RegisterAccountRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LedgerWriteResult>(HttpMethod.Put, $"accounts/{Segment(request.Account)}", new { request.Kind, request.OwnerAddress, request.CreditLimit },
            $"register:{request.Account}", cancellationToken);

    public Task<AccountBalance> GetBalanceAsync(string account, CancellationToken cancellationToken = default) =>
        SendAsync<AccountBalance>(HttpMethod.Get, $"accounts/{Segment(account)}/balance", null, null, cancellationToken);

    public IAsyncEnumerable<StatementLine> GetStatementAsync(string account, int pageSize = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<StatementLine>($"accounts/{Segment(account)}/statement", pageSize, cancellationToken);

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

    private async IAsyncEnumerable<T> PagesAsync<T>(string path, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 200);
        string? cursor = null;
        do
        {
            var query = $"{path}?limit={pageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await SendAsync<PageOf<T>>(HttpMethod.Get, query, null, null, cancellationToken);
            foreach (var item in page.Items) yield return item;
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

    private sealed record PageOf<T>(IReadOnlyList<T> Items, string? NextCursor);

    private sealed record ProblemBody(string? Code, string? Title, string? Detail, string? TraceId);
}
