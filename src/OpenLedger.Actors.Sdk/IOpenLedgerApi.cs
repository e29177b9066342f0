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

    IAsyncEnumerable<Contribution> ListContributionsAsync(string datanetId, int limit = 100, CancellationToken cancellationToken = default);
    Task<ReviewResult> ReviewContributionsAsync(ReviewContributionsRequest request, CancellationToken cancellationToken = default);

    /// <summary>A Datanet's rejection record, newest first: rejected rows with their contributor, curator, reason and time.</summary>
    IAsyncEnumerable<RejectedRows> ListRejectionsAsync(string datanetId, int limit = 100, CancellationToken cancellationToken = default);
    Task<DatanetVersion> PublishVersionAsync(string datanetId, CancellationToken cancellationToken = default);
    IAsyncEnumerable<DatanetVersion> ListVersionsAsync(string datanetId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>One published version (<c>version.not_found</c>).</summary>
    Task<DatanetVersion> GetVersionAsync(string datanetId, int version, CancellationToken cancellationToken = default);

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
    Task<TrainingJob> RegisterRagModelAsync(RegisterRagModelRequest request, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// The same receipt exactly as the API serves it (every member, for checking it offline: its digest is recomputed from
    /// the server's document — <c>openledger verify receipt --receipt</c> reads it — where <see cref="GetReceiptAsync"/> gives a platform's typed view).
    /// </summary>
    Task<System.Text.Json.JsonElement> GetReceiptDocumentAsync(string inferenceId, CancellationToken cancellationToken = default);

    Task<LedgerWriteResult> RegisterAccountAsync(RegisterAccountRequest request, CancellationToken cancellationToken = default);
    Task<AccountBalance> GetBalanceAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>The account's kind, owner address, credit limit and balance (its own keys and operators; others get <c>account.not_found</c>).</summary>
    Task<AccountDetails> GetAccountAsync(string account, CancellationToken cancellationToken = default);
    IAsyncEnumerable<StatementLine> GetStatementAsync(string account, int limit = 100, CancellationToken cancellationToken = default);
    Task<LedgerWriteResult> DepositAsync(DepositRequest request, CancellationToken cancellationToken = default);
    Task<ClaimDomain> GetClaimDomainAsync(CancellationToken cancellationToken = default);
    Task<LedgerWriteResult> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken = default);

    Task<IssuedApiKey> IssueApiKeyAsync(IssueApiKeyRequest request, CancellationToken cancellationToken = default);
    Task<ApiKeyInfo> RevokeApiKeyAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>A text Datanet's document (normalised text, hash, token count), to check a receipt's spans against.</summary>
    Task<TextDocument> GetDocumentAsync(string datanetId, long rowId, CancellationToken cancellationToken = default);

    /// <summary>Rejects rows as adversarial (the key's account must curate the Datanet); each contributor is penalised (<c>datanet.not_curator</c>, <c>curator.not_accepted</c>).</summary>
    Task<ReviewResult> RejectAdversarialAsync(RejectAdversarialRequest request, CancellationToken cancellationToken = default);

    /// <summary>A contributor's submissions across Datanets (public).</summary>
    IAsyncEnumerable<ContributorSubmission> ListContributorSubmissionsAsync(string account, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Registers an externally trained model with its training rows' representations (model-owner keys; the key's account owns it).</summary>
    Task<Model> RegisterExternalModelAsync(RegisterExternalModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>The row ids a model was trained on, in order (public).</summary>
    IAsyncEnumerable<long> ListTrainingRowsAsync(string modelId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Stakes from the key's own account's balance (<c>auth.not_account_owner</c> for another account's).</summary>
    Task<ContributorStanding> StakeAsync(StakeRequest request, CancellationToken cancellationToken = default);

    /// <summary>An account's stake, penalties and reputation (public).</summary>
    Task<ContributorStanding> GetStandingAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>The parameters in force now (public).</summary>
    Task<ParametersInForce> GetParametersAsync(CancellationToken cancellationToken = default);

    /// <summary>Parameter set <paramref name="version"/> as it was put in force (public; <c>parameters.version_not_found</c>).</summary>
    Task<ParametersInForce> GetParameterVersionAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Proposes a parameter set as the key's account (<c>proposal.no_stake</c> without stake, <c>parameters.*</c> for an invalid set).</summary>
    Task<Proposal> ProposeParametersAsync(ProposeParametersRequest request, CancellationToken cancellationToken = default);

    Task<Proposal> GetProposalAsync(string proposalId, CancellationToken cancellationToken = default);

    /// <summary>Votes with the key's account's stake (<c>vote.not_open</c> outside the voting period; a different second vote is a conflict).</summary>
    Task<Proposal> VoteAsync(VoteRequest request, CancellationToken cancellationToken = default);

    /// <summary>Puts a succeeded proposal in force once its timelock is over (<c>proposal.not_succeeded</c>); again answers the same version.</summary>
    Task<ParametersInForce> ExecuteProposalAsync(string proposalId, CancellationToken cancellationToken = default);

    /// <summary>The ledger's totals (operator keys only).</summary>
    Task<LedgerSummary> GetLedgerSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>Claimable balances with their Merkle proofs, each with the root it proves against (operator keys only).</summary>
    IAsyncEnumerable<ClaimableBalance> ListClaimablesAsync(ListClaimablesRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>A receipt's transparency log entry, a signed head and its inclusion proof (<c>transparency.pending</c>, 503, until the log covers it).</summary>
    Task<ReceiptInclusion> GetReceiptInclusionAsync(string inferenceId, CancellationToken cancellationToken = default);

    /// <summary>The newest signed head of a transparency log (any key).</summary>
    Task<TreeHead> GetTreeHeadAsync(string logId = TransparencyLogs.Receipts, CancellationToken cancellationToken = default);

    /// <summary>The public key that checks a log's heads (any key).</summary>
    Task<TreeHeadKey> GetTreeHeadKeyAsync(string logId = TransparencyLogs.Receipts, CancellationToken cancellationToken = default);

    Task<InclusionProof> GetInclusionProofAsync(InclusionProofRequest request, CancellationToken cancellationToken = default);

    Task<ConsistencyProof> GetConsistencyProofAsync(ConsistencyProofRequest request, CancellationToken cancellationToken = default);

    /// <summary>A log's entries in order, 256 a request, from the request's start to its end (or the log's end).</summary>
    IAsyncEnumerable<LogEntry> ListLogEntriesAsync(LogEntriesRequest request, CancellationToken cancellationToken = default);
}
