namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The reward ledger (keyed by ledger id; <see cref="LedgerIds.Main"/> by default). Writes (transfers, deposits,
/// registrations, claims, pending transfers and their posts and voids) are group-committed: a call returns only after
/// the batch holding it is durable, and every answer — rejections included — is consistent with durable state.
/// Reads answer from durable state only. Expected outcomes are <see cref="TransferResultCode"/>s; malformed input
/// and refused authorisations are <c>OpenLedgerException</c>s and change nothing. A write whose outcome could not be
/// confirmed throws <see cref="LedgerUnavailableException"/> (retry with the same id); a journal that fails
/// verification makes every call throw <see cref="LedgerIntegrityException"/>.
/// </summary>
[Alias("openledger.ILedgerGrain")]
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>A single-phase transfer: all its postings apply at once; idempotent per transfer id.</summary>
    [Alias("post"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<TransferResultCode> PostAsync(TransferRequest transfer);

    /// <summary>Reserves a transfer's amounts on the debited accounts until it is posted, voided or times out (phase one).</summary>
    [Alias("create-pending"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<TransferResultCode> CreatePendingAsync(PendingTransferRequest request);

    /// <summary>Posts a pending transfer, as reserved or with final postings that fit the reservation (phase two).</summary>
    [Alias("post-pending"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<TransferResultCode> PostPendingAsync(PostPendingRequest request);

    /// <summary>Releases a pending transfer's reservation (phase two, cancelled).</summary>
    [Alias("void-pending"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<TransferResultCode> VoidPendingAsync(VoidPendingRequest request);

    /// <summary>A pending transfer's durable state; null when the ledger holds no pending transfer with this id.</summary>
    [Alias("pending"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<PendingTransferInfo?> GetPendingAsync(string pendingId);

    /// <summary>Funds an account from outside (e.g. an agent platform's pre-payment); idempotent per deposit id.</summary>
    [Alias("deposit"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<TransferResultCode> DepositAsync(string depositId, string account, long amount);

    /// <summary>Registers an account (kind, owner address, credit limit); the same registration again answers <c>Exists</c>.</summary>
    [Alias("open-account"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration);

    /// <summary>Null when the ledger has never seen the account.</summary>
    [Alias("account")] Task<AccountInfo?> GetAccountAsync(string account);

    /// <summary>Pays out a balance to its owner, authorised by the owner's signature; idempotent per claim id.</summary>
    [Alias("claim")] Task<TransferResultCode> ClaimAsync(ClaimRequest claim);

    [Alias("claim-domain")] Task<ClaimDomain> GetClaimDomainAsync();

    /// <summary>The account's postings after line <paramref name="afterLine"/> (0 = from the first), at most <paramref name="limit"/> (1–1000).</summary>
    [Alias("statement")] Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100);

    /// <summary>The Merkle root of all claimable balances, and entries with proofs after <paramref name="afterAccount"/>.</summary>
    [Alias("export-claimables")] Task<ClaimableExport> ExportClaimablesAsync(string? afterAccount = null, int limit = 100);

    [Alias("balance")] Task<long> GetBalanceAsync(string account);

    [Alias("balances")] Task<IReadOnlyDictionary<string, long>> GetBalancesAsync(IReadOnlyList<string> accounts);

    [Alias("summary")] Task<LedgerSummary> GetSummaryAsync();

    /// <summary>
    /// Ledger partitions only: applies credits another partition owes to accounts this one holds, exactly once
    /// (<c>Ok</c> the first time, <c>Exists</c> after). The sending partition delivers until it gets one of the two.
    /// </summary>
    [Alias("apply-owed-credit"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<TransferResultCode> ApplyOwedCreditAsync(OwedCreditDelivery delivery);

    /// <summary>
    /// Ledger partitions only: applies many owed credits at once, each exactly once under its own delivery id (one answer
    /// per credit, in order, as <see cref="ApplyOwedCreditAsync"/> gives it). They join the receiving partition's open
    /// batch together, so a delivery costs one journal record (or as few as their size allows), not one per credit.
    /// At most <see cref="OwedCreditDelivery.MaxPerCall"/> credits per call.
    /// </summary>
    [Alias("apply-owed-credits"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<IReadOnlyList<TransferResultCode>> ApplyOwedCreditsAsync(IReadOnlyList<OwedCreditDelivery> deliveries);

    /// <summary>Ledger partitions only: the credits this partition owes to other partitions and has not delivered yet (count, micro-units).</summary>
    [Alias("owed-credits")] Task<(int Count, long Amount)> GetOwedCreditsAsync();

    /// <summary>Ledger partitions only: what this partition owes <paramref name="account"/> (held by another partition) and has not applied there yet.</summary>
    [Alias("pending-credit")] Task<long> GetPendingCreditAsync(string account);
}
