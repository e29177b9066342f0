using OpenLedger.Actors.Sdk.Models;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.Sdk;

/// <summary>
/// The OpenLedger HTTP API for agent platforms, contributors, curators and operators, authenticated by one API key
/// (the key's account is the one that acts: bodies never name it). Refusals throw <see cref="OpenLedgerApiException"/>.
/// Lists are <see cref="IAsyncEnumerable{T}"/> that fetch pages as they are enumerated. Mock this interface in tests of
/// code that uses it; <see cref="OpenLedgerApiClient"/> is the implementation.
/// </summary>
public interface IOpenLedgerApi
{
    Task<Datanet> CreateDatanetAsync(CreateDatanetRequest request, CancellationToken cancellationToken = default);
    Task<Datanet> GetDatanetAsync(string datanetId, CancellationToken cancellationToken = default);
    Task<SubmissionReceipt> SubmitContributionsAsync(SubmitContributionsRequest request, CancellationToken cancellationToken = default);
    /// <summary>Submits documents to a text Datanet (refusals: <c>text.duplicate</c>, <c>text.near_duplicate</c>, <c>text.*</c>).</summary>
    Task<SubmissionReceipt> SubmitDocumentsAsync(SubmitDocumentsRequest request, CancellationToken cancellationToken = default);

    IAsyncEnumerable<Contribution> ListContributionsAsync(string datanetId, int pageSize = 100, CancellationToken cancellationToken = default);
    Task<ReviewResult> ReviewContributionsAsync(ReviewContributionsRequest request, CancellationToken cancellationToken = default);
    Task<DatanetVersion> PublishVersionAsync(string datanetId, CancellationToken cancellationToken = default);
    IAsyncEnumerable<DatanetVersion> ListVersionsAsync(string datanetId, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Invites <paramref name="curator"/> to curate (the key's account must own the Datanet); it curates once it accepts.</summary>
    Task<Datanet> AppointCuratorAsync(string datanetId, string curator, CancellationToken cancellationToken = default);

    /// <summary>Accepts an invitation to curate; <paramref name="account"/> must be the key's own account.</summary>
    Task<Datanet> AcceptCuratorInvitationAsync(string datanetId, string account, CancellationToken cancellationToken = default);

    /// <summary>Declines an invitation to curate; <paramref name="account"/> must be the key's own account.</summary>
    Task<Datanet> DeclineCuratorInvitationAsync(string datanetId, string account, CancellationToken cancellationToken = default);

    /// <summary>Starts training (202 Accepted): answers the training job at once; the model is usable once it has succeeded.</summary>
    Task<TrainingJob> TrainModelAsync(TrainModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>Registers an external language model on a text Datanet version (202 Accepted): answers its span index job, followed like training.</summary>
    Task<TrainingJob> RegisterLanguageModelAsync(RegisterLanguageModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>Registers a RAG model on a text Datanet version (202 Accepted): answers its retrieval index job, followed like training.</summary>
    Task<TrainingJob> RegisterRagModelAsync(RegisterLanguageModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>The model's training job as it stands.</summary>
    Task<TrainingJob> GetTrainingJobAsync(string modelId, CancellationToken cancellationToken = default);

    Task<Model> GetModelAsync(string modelId, CancellationToken cancellationToken = default);

    Task<Session> OpenSessionAsync(OpenSessionRequest request, CancellationToken cancellationToken = default);
    Task<Session> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default);
    Task<InferenceResult> InferAsync(InferRequest request, CancellationToken cancellationToken = default);

    /// <summary>A RAG model's inference: the receipt attributes the answer to its documents (<see cref="Models.AttributionReceipt.Rag"/>).</summary>
    Task<InferenceResult> InferRagAsync(InferRagRequest request, CancellationToken cancellationToken = default);
    Task<InferenceResult> GetInferenceAsync(string sessionId, string key, CancellationToken cancellationToken = default);

    /// <summary>The receipt a statement line's <see cref="StatementLine.Reference"/> names.</summary>
    Task<AttributionReceipt> GetReceiptAsync(string inferenceId, CancellationToken cancellationToken = default);

    Task<LedgerWriteResult> RegisterAccountAsync(RegisterAccountRequest request, CancellationToken cancellationToken = default);
    Task<AccountBalance> GetBalanceAsync(string account, CancellationToken cancellationToken = default);
    IAsyncEnumerable<StatementLine> GetStatementAsync(string account, int pageSize = 100, CancellationToken cancellationToken = default);
    Task<LedgerWriteResult> DepositAsync(DepositRequest request, CancellationToken cancellationToken = default);
    Task<ClaimDomain> GetClaimDomainAsync(CancellationToken cancellationToken = default);
    Task<LedgerWriteResult> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken = default);

    Task<IssuedApiKey> IssueApiKeyAsync(IssueApiKeyRequest request, CancellationToken cancellationToken = default);
    Task<ApiKeyInfo> RevokeApiKeyAsync(string keyId, CancellationToken cancellationToken = default);
}
