using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Abstractions.Sessions;
using Polly;

namespace OpenLedger.Actors.Client;

/// <summary>
/// Typed operations for agent platforms, operators and data scientists. Every call goes through the resilience
/// pipeline. Calls that are idempotent — sessions by id, inferences by idempotency key, deposits by deposit id,
/// claims by claim id, account registrations by account, Datanets by id, submissions by submission id, reviews
/// (they set a status), training by model id, and every read — are retried on transient failures, so a retried
/// call never charges or pays twice. Publishing a version is not retried (see <see cref="PublishVersionAsync"/>).
/// Refusals surface as <c>OpenLedgerException</c> with a stable code and are never retried.
/// </summary>
public sealed class OpenLedgerClient(IGrainFactory grains, ResiliencePipeline pipeline)
{
    public OpenLedgerClient(IGrainFactory grains, OpenLedgerClientOptions options) : this(grains, OpenLedgerResilience.Build(options)) { }

    public Task<SessionInfo> OpenSessionAsync(string sessionId, string payerAccount, string modelId, int topK = 10, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceSessionGrain>(sessionId).OpenAsync(payerAccount, modelId, topK), cancellationToken);

    public Task<InferenceResult> InferAsync(string sessionId, InferenceRequest request, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceSessionGrain>(sessionId).InferAsync(request), cancellationToken);

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount, CancellationToken cancellationToken = default) =>
        Run(() => Operator.DepositAsync(depositId, account, amount), cancellationToken);

    public Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration, CancellationToken cancellationToken = default) =>
        Run(() => Operator.OpenAccountAsync(registration), cancellationToken);

    public Task<AccountInfo?> GetAccountAsync(string account, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetAccountAsync(account), cancellationToken);

    /// <summary>The EIP-712 domain to build and sign a <see cref="ClaimRequest"/> under.</summary>
    public Task<ClaimDomain> GetClaimDomainAsync(CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetClaimDomainAsync(), cancellationToken);

    public Task<TransferResultCode> ClaimAsync(ClaimRequest claim, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.ClaimAsync(claim), cancellationToken);

    public Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetStatementAsync(account, afterLine, limit), cancellationToken);

    /// <summary>The claimables of ledger partition <paramref name="partition"/> (each partition has its own Merkle root; <see cref="LedgerSummary.Partitions"/> says how many).</summary>
    public Task<ClaimableExport> ExportClaimablesAsync(string? afterAccount = null, int limit = 100, int partition = 0, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.ExportClaimablesAsync(partition, afterAccount, limit), cancellationToken);

    /// <summary>The stored result of an inference (with its attribution receipt), e.g. the one a statement line references.</summary>
    public Task<InferenceResult?> GetInferenceAsync(string inferenceId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceGrain>(inferenceId).GetResultAsync(), cancellationToken);

    public Task<long> GetBalanceAsync(string account, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetBalanceAsync(account), cancellationToken);

    public Task<LedgerSummary> GetLedgerSummaryAsync(CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetSummaryAsync(), cancellationToken);

    public Task<ModelInfo> GetModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IModelGrain>(modelId).GetInfoAsync(), cancellationToken);

    public Task<DatanetInfo> CreateDatanetAsync(string datanetId, string ownerAccount, DatanetMetadata metadata, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).CreateAsync(ownerAccount, metadata), cancellationToken);

    public Task<DatanetInfo> GetDatanetAsync(string datanetId, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).GetInfoAsync(), cancellationToken);

    /// <summary>Contributes rows under a client-chosen submission id: the same submission again returns the same receipt.</summary>
    public Task<SubmissionReceipt> SubmitAsync(string datanetId, string submissionId, string contributorAccount, IReadOnlyList<ContributionRow> rows, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).SubmitAsync(submissionId, contributorAccount, rows), cancellationToken);

    /// <summary>Approves or rejects rows (a curator's call); returns how many changed status, so a repeat returns 0.</summary>
    public Task<int> ReviewAsync(string datanetId, string curatorAccount, IReadOnlyList<long> rowIds, bool approve, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).ReviewAsync(curatorAccount, rowIds, approve), cancellationToken);

    /// <summary>Invites an account to curate (the owner's call); it curates once it accepts. Idempotent.</summary>
    public Task<DatanetInfo> AppointCuratorAsync(string datanetId, string ownerAccount, string curatorAccount, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).AppointCuratorAsync(ownerAccount, curatorAccount), cancellationToken);

    /// <summary>The invited account accepts and becomes a curator. Idempotent.</summary>
    public Task<DatanetInfo> AcceptCuratorAsync(string datanetId, string curatorAccount, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).AcceptCuratorAsync(curatorAccount), cancellationToken);

    public Task<IReadOnlyList<ContributionRecord>> ListContributionsAsync(string datanetId, int offset, int limit, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).ListContributionsAsync(offset, limit), cancellationToken);

    /// <summary>
    /// Publishes the approved rows as a new version. One attempt only: a repeat after the approved set changed
    /// (another curator reviewing in between) would publish a further version, so a transient failure is
    /// reported and the caller decides (<see cref="GetDatanetAsync"/> shows whether the version exists).
    /// </summary>
    public Task<DatanetVersionInfo> PublishVersionAsync(string datanetId, string ownerAccount, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).PublishVersionAsync(ownerAccount), cancellationToken, retryable: false);

    public Task<DatanetVersionInfo> GetVersionAsync(string datanetId, int version, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).GetVersionAsync(version), cancellationToken);

    /// <summary>Starts training the built-in model under a client-chosen id and answers its job at once; the same request
    /// again answers the same job. Refused (limits, unknown version) before anything is recorded.</summary>
    public Task<TrainingJobInfo> StartTrainingAsync(string modelId, TrainModelRequest request, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IModelGrain>(modelId).StartTrainingAsync(request), cancellationToken);

    public Task<TrainingJobInfo> GetTrainingJobAsync(string modelId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IModelGrain>(modelId).GetTrainingJobAsync(), cancellationToken);

    /// <summary>
    /// Starts training and polls the job until it ends, reporting each status to <paramref name="progress"/>; answers the
    /// trained model. A failed job throws an <c>OpenLedgerException</c> with the job's failure code.
    /// </summary>
    public async Task<ModelInfo> TrainModelAsync(string modelId, TrainModelRequest request, IProgress<TrainingJobInfo>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var model = grains.GetGrain<IModelGrain>(modelId);
        var job = await StartTrainingAsync(modelId, request, cancellationToken);
        progress?.Report(job);
        await model.WaitForTrainingAsync(job, status => progress?.Report(status), cancellationToken: cancellationToken);
        return await GetModelAsync(modelId, cancellationToken);
    }

    public Task<SessionInfo> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceSessionGrain>(sessionId).GetInfoAsync(), cancellationToken);

    public Task<IReadOnlyList<DatanetVersionInfo>> ListVersionsAsync(string datanetId, int offset, int limit, CancellationToken cancellationToken = default) =>
        Run(() => Datanet(datanetId).ListVersionsAsync(offset, limit), cancellationToken);

    /// <summary>A contributor's submissions across Datanets, in the order made.</summary>
    public Task<IReadOnlyList<ContributedRows>> ListContributorSubmissionsAsync(string contributorAccount, int offset, int limit, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IContributorGrain>(contributorAccount).ListContributionsAsync(offset, limit), cancellationToken);

    public Task<ParametersInForce> GetParametersAsync(CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync(), cancellationToken);

    /// <summary>Proposes a full parameter set as <paramref name="proposer"/> (who must hold stake); the same proposal again answers it unchanged.</summary>
    public Task<ProposalInfo> ProposeAsync(string proposalId, string proposer, GovernanceParameters proposed, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IProposalGrain>(proposalId).ProposeAsync(proposer, proposed), cancellationToken);

    /// <summary>Casts <paramref name="voter"/>'s stake-weighted vote; the same vote again changes nothing (so it is retried), a different one is a conflict.</summary>
    public Task<ProposalInfo> VoteAsync(string proposalId, string voter, bool support, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IProposalGrain>(proposalId).VoteAsync(voter, support), cancellationToken);

    /// <summary>Puts a succeeded proposal in force once its timelock is over; executing it again answers the same version (so it is retried).</summary>
    public Task<ParametersInForce> ExecuteProposalAsync(string proposalId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IProposalGrain>(proposalId).ExecuteAsync(), cancellationToken);

    public Task<ProposalInfo> GetProposalAsync(string proposalId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IProposalGrain>(proposalId).GetAsync(), cancellationToken);

    private IDatanetGrain Datanet(string datanetId) => grains.GetGrain<IDatanetGrain>(datanetId);

    /// <summary>The ledger router: sends each call to the partition holding the account, or merges over all partitions.</summary>
    private ILedgerRouterGrain Ledger => grains.GetGrain<ILedgerRouterGrain>(LedgerIds.Main);

    /// <summary>Deposits and registrations go through the operator interface: the ledger's write methods are internal to the cluster.</summary>
    private IOperatorGrain Operator => grains.GetGrain<IOperatorGrain>(OperatorIds.Main);

    /// <summary>
    /// Runs one call through the pipeline. The per-attempt timeout stops waiting (the grain call itself is not
    /// cancelled); a retry repeats the same call, so only idempotent calls are <paramref name="retryable"/>.
    /// </summary>
    private async Task<T> Run<T>(Func<Task<T>> call, CancellationToken cancellationToken, bool retryable = true)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            if (!retryable) context.Properties.Set(OpenLedgerResilience.NotRetryable, true);
            return await pipeline.ExecuteAsync(static async (ctx, state) => await state().WaitAsync(ctx.CancellationToken), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
