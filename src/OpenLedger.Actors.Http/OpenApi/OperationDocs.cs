using Microsoft.AspNetCore.Http;

namespace OpenLedger.Actors.Http.OpenApi;

/// <summary>
/// What the OpenAPI document says of each operation beyond what the endpoint declares: its one-line summary and the
/// refusals only some operations can give (402 where money is spent). Keyed by endpoint name (<c>WithName</c>), kept in
/// one table so the whole API reads as one vocabulary; an endpoint missing here still gets a summary from its name.
/// </summary>
internal static class OperationDocs
{
    private const int PaymentRequired = StatusCodes.Status402PaymentRequired;

    private static readonly Dictionary<string, (string Summary, int[] Extra)> Table = new(StringComparer.Ordinal)
    {
        ["CreateDatanet"] = ("Create a Datanet owned and curated by the caller's account (same body again: no change).", []),
        ["GetDatanet"] = ("A Datanet: metadata, curators, row counts by status and published versions.", []),
        ["SubmitContributions"] = ("Submit rows to a Datanet as the caller's account; they wait for a curator's review.", []),
        ["ListContributions"] = ("A page of a Datanet's contribution records (status, contributor, reason), oldest first.", []),
        ["ReviewContributions"] = ("Approve or reject pending rows of a Datanet the caller curates; a rejection may carry a reason (≤ 200 characters).", []),
        ["ListRejections"] = ("A page of a Datanet's rejection record, newest first: rows, contributor, curator, reason (or adversarial with its reason), time.", []),
        ["PublishVersion"] = ("Publish the approved rows as a new immutable version (nothing new: the latest version).", []),
        ["ListVersions"] = ("A page of a Datanet's published versions, oldest first.", []),
        ["GetVersion"] = ("One published version of a Datanet.", []),
        ["TrainModel"] = ("Start training the built-in model on a Datanet version (default: the latest): 202 with the job's Location.", []),
        ["GetTrainingJob"] = ("A model's training job: status (queued, running, succeeded, failed), stage, Newton step, failure code.", []),
        ["RegisterExternalModel"] = ("Register an externally trained model: its training manifest rows and their embeddings.", []),
        ["GetModel"] = ("A model: owner, fee, manifest and training figures.", []),
        ["ListModelTrainingRows"] = ("A page of the row ids a model was trained on.", []),
        ["OpenSession"] = ("Open an inference session on a model, paid from the caller's account.", []),
        ["GetSession"] = ("A session: payer, model, top-k and inference count (payer and operators only).", []),
        ["Infer"] = ("Run one inference (Idempotency-Key required, it is the inference's key): output, attribution receipt and fee split.", [PaymentRequired]),
        ["GetInference"] = ("An inference's stored result, by its idempotency key (payer and operators only).", []),
        ["GetReceipt"] = ("An attribution receipt by inference id, for the payer, operators and every account it credits.", []),
        ["GetReceiptInclusion"] = ("A receipt's transparency-log entry with a signed tree head and its inclusion proof (503 until logged).", []),
        ["GetTreeHead"] = ("The transparency log's latest signed tree head (size, root hash, signature).", []),
        ["GetTreeHeadKey"] = ("The public key that verifies the transparency log's tree-head signatures.", []),
        ["GetInclusionProof"] = ("The proof that entry `index` is in the log's tree of `treeSize` entries.", []),
        ["GetConsistencyProof"] = ("The proof that the log's tree of `from` entries is a prefix of its tree of `to` entries.", []),
        ["GetLogEntries"] = ("Log entries from `start` (commitments only: blinded ids and digests, never receipt contents).", []),
        ["GetClaimDomain"] = ("The EIP-712 domain a wallet signs claims under (ledger id, chain id).", []),
        ["ListContributorSubmissions"] = ("A page of a contributor's submissions across Datanets.", []),
        ["GetLedgerSummary"] = ("Ledger totals: accounts, transfers, journal position (operators only).", []),
        ["ExportClaimables"] = ("A page of one ledger partition's claimable balances (?partition=, default 0) with Merkle proofs and the root they prove against (operators only).", []),
        ["RegisterAccount"] = ("Register the caller's account in the ledger (kind, wallet owner address; a credit limit needs an operator).", []),
        ["GetAccount"] = ("An account: kind, owner address, balance and credit limit (owner and operators only).", []),
        ["GetBalance"] = ("An account's balance in micro-units (owner and operators only).", []),
        ["GetStatement"] = ("A page of an account's statement lines with their references (owner and operators only).", []),
        ["Deposit"] = ("Fund an account from outside (operators only); the deposit id makes retries safe.", []),
        ["Claim"] = ("Claim earnings to a destination, signed by the account's registered owner (EIP-712).", [PaymentRequired]),
        ["IssueApiKey"] = ("Issue an API key for an account with roles (operators only); the key is shown once.", []),
        ["RevokeApiKey"] = ("Revoke an API key (operators only).", []),
        ["GetParameters"] = ("The governed parameters in force (fee split, quotas, slashing, thresholds) and their version.", []),
        ["GetParameterVersion"] = ("One past or present version of the governed parameters.", []),
        ["Propose"] = ("Propose new governed parameters as the caller's account (a staker).", []),
        ["GetProposal"] = ("A proposal: parameters, votes, voting period, timelock and state.", []),
        ["Vote"] = ("Vote for or against a proposal, weighted by the caller's stake when it was made.", []),
        ["ExecuteProposal"] = ("Put a passed proposal into force once its timelock is over.", []),
        ["Stake"] = ("Stake micro-units from the caller's balance; the stake id makes retries safe.", [PaymentRequired]),
        ["GetStanding"] = ("A contributor's standing: stake, penalties, reputation.", []),
        ["RejectAdversarial"] = ("Reject rows as adversarial, recording the reason in the contributors' penalties.", []),
        ["AppointCurator"] = ("Invite an account to curate the Datanet (owner or curators).", []),
        ["AcceptCuratorInvitation"] = ("Accept an invitation to curate, as the invited account.", []),
        ["DeclineCuratorInvitation"] = ("Decline an invitation to curate, as the invited account.", []),
    };

    public static string? Summary(string? operationId) => operationId is not null && Table.TryGetValue(operationId, out var docs) ? docs.Summary : null;

    public static IReadOnlyList<int> ExtraStatuses(string? operationId) => operationId is not null && Table.TryGetValue(operationId, out var docs) ? docs.Extra : [];

    /// <summary>"GetTrainingJob" → "Get training job": the fallback for an endpoint not in the table.</summary>
    public static string FromName(string operationId)
    {
        var words = new System.Text.StringBuilder();
        foreach (var ch in operationId)
        {
            if (char.IsUpper(ch) && words.Length > 0) words.Append(' ').Append(char.ToLowerInvariant(ch));
            else words.Append(ch);
        }
        return words.Append('.').ToString();
    }
}
