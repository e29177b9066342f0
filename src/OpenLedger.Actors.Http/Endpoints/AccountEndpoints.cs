using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;
using OpenLedger.Actors.Http.Errors;
using OpenLedger.Actors.Http.Paging;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>
/// Ledger accounts: registration, balances, statements, deposits and claims. Balances and statements are private
/// (the account's own keys and operators; others get 404). Registering and claiming act on the caller's own account
/// only; a claim must also carry the registered owner's EIP-712 signature, which the ledger verifies. Deposits bring
/// money in from outside and need the operator role. The claim domain (what a wallet signs under) is public, and so
/// are a contributor's submissions (the Datanets list them anyway).
/// </summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts/{account}").WithTags("Accounts");

        accounts.MapPut("", async Task<Ok<LedgerWriteResult>> (string account, RegisterAccountRequest body, HttpContext http, LedgerRouter ledger) =>
        {
            var caller = Caller.Required(http);
            RouteIds.Account(account);
            if (!caller.IsOperator) caller.RequireSelf(account);
            if (body.CreditLimit != 0 && !caller.IsOperator)
                throw new ApiProblemException(StatusCodes.Status403Forbidden, "account.credit_limit_forbidden", "Only an operator may grant a credit limit.");
            var code = Accepted(await ledger.OpenAccountAsync(new AccountRegistration(account, body.Kind, body.OwnerAddress, body.CreditLimit)));
            return TypedResults.Ok(new LedgerWriteResult(account, code, await ledger.GetBalanceAsync(account)));
        }).Mutating().WithName("RegisterAccount");

        accounts.MapGet("", async Task<Ok<AccountInfo>> (string account, HttpContext http, LedgerRouter ledger) =>
            TypedResults.Ok(await VisibleAccountAsync(ledger, account, Caller.Required(http)))).RequireAuthorization().WithName("GetAccount");

        accounts.MapGet("/balance", async Task<Ok<BalanceResult>> (string account, HttpContext http, LedgerRouter ledger) =>
        {
            var info = await VisibleAccountAsync(ledger, account, Caller.Required(http));
            return TypedResults.Ok(new BalanceResult(info.Account, info.Balance));
        }).RequireAuthorization().WithName("GetBalance");

        accounts.MapGet("/statement", async Task<Ok<StatementPage>> (string account, string? cursor, int? limit, HttpContext http, LedgerRouter ledger) =>
        {
            var page = PageRequest.Parse(cursor, limit);
            await VisibleAccountAsync(ledger, account, Caller.Required(http));
            var statement = await ledger.GetStatementAsync(account, page.Offset, page.Limit);
            return TypedResults.Ok(new StatementPage(statement.Account, statement.Balance, statement.TotalLines, statement.Entries,
                statement.NextAfterLine is { } next ? PageRequest.Encode(next) : null, statement.PendingCredit));
        }).RequireAuthorization().WithName("GetStatement");

        accounts.MapPost("/deposits", async Task<Ok<LedgerWriteResult>> (string account, DepositRequest body, LedgerRouter ledger) =>
        {
            RouteIds.Account(account);
            var code = Accepted(await ledger.DepositAsync(body.DepositId, account, body.Amount));
            return TypedResults.Ok(new LedgerWriteResult(account, code, await ledger.GetBalanceAsync(account)));
        }).Mutating(ApiRoles.Operator).WithName("Deposit");

        accounts.MapPost("/claims", async Task<Ok<LedgerWriteResult>> (string account, ClaimBody body, HttpContext http, LedgerRouter ledger) =>
        {
            var caller = Caller.Required(http);
            RouteIds.Account(account);
            caller.RequireSelf(account);
            var outcome = await ledger.ClaimAsync(new ClaimRequest(body.ClaimId, account, body.Amount, body.Destination, body.Signature));
            if (outcome == TransferResultCode.InsufficientFunds) throw await ClaimExceedsBalanceAsync(ledger, account, body.Amount);
            var code = Accepted(outcome);
            return TypedResults.Ok(new LedgerWriteResult(account, code, await ledger.GetBalanceAsync(account)));
        }).Mutating().WithName("Claim");

        api.MapGet("/claims/domain", async Task<Ok<ClaimDomain>> (LedgerRouter ledger) =>
            TypedResults.Ok(await ledger.GetClaimDomainAsync())).WithTags("Accounts").WithName("GetClaimDomain");

        api.MapGet("/contributors/{account}/contributions", async Task<Ok<Page<ContributedRows>>> (string account, string? cursor, int? limit, IGrainFactory grains) =>
        {
            var page = PageRequest.Parse(cursor, limit);
            var fetched = await grains.GetGrain<IContributorGrain>(RouteIds.Account(account)).ListContributionsAsync(page.IntOffset, page.Limit + 1);
            return TypedResults.Ok(page.FromOverfetch(fetched));
        }).WithTags("Accounts").WithName("ListContributorSubmissions");

        api.MapGet("/ledger/summary", async Task<Ok<LedgerSummary>> (LedgerRouter ledger) =>
            TypedResults.Ok(await ledger.GetSummaryAsync())).RequireAuthorization(ApiPolicies.Role(ApiRoles.Operator)).WithTags("Ledger").WithName("GetLedgerSummary");

        api.MapGet("/ledger/claimables", async Task<Ok<ClaimablesPage>> (string? cursor, int? limit, int? partition, LedgerRouter ledger) =>
        {
            var page = PageRequest.Parse(cursor, limit);
            var export = await ledger.ExportClaimablesAsync(partition ?? 0, page.Position, page.Limit);
            return TypedResults.Ok(new ClaimablesPage(export.Root, export.JournalBatches, export.TotalAccounts, export.TotalAmount, export.Entries,
                export.NextAfterAccount is { } next ? PageRequest.Encode(next) : null, export.Partition, export.Partitions));
        }).RequireAuthorization(ApiPolicies.Role(ApiRoles.Operator)).WithTags("Ledger").WithName("ExportClaimables");
    }

    /// <summary>Ok and Exists are success; every other outcome is a problem.</summary>
    private static TransferResultCode Accepted(TransferResultCode code) =>
        code is TransferResultCode.Ok or TransferResultCode.Exists ? code : throw ApiProblems.FromTransferResult(code);

    /// <summary>A 402 that says how much was asked and how much the account holds, so the caller can claim what is there.</summary>
    private static async Task<ApiProblemException> ClaimExceedsBalanceAsync(LedgerRouter ledger, string account, long amount)
    {
        var balance = await ledger.GetBalanceAsync(account);
        return new ApiProblemException(StatusCodes.Status402PaymentRequired, "ledger.insufficient_funds",
            $"The claim asks for {amount} micro-units but '{account}' holds {balance}; claim at most {Math.Max(0, balance)}.",
            new Dictionary<string, object?> { ["amount"] = amount, ["balance"] = balance });
    }

    private static async Task<AccountInfo> VisibleAccountAsync(LedgerRouter ledger, string account, Caller caller)
    {
        RouteIds.Account(account);
        caller.RequireOwnerOrOperator(account, "account.not_found", "The account");
        return await ledger.GetAccountAsync(account)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "account.not_found", "The account does not exist or is not visible to this API key.");
    }
}

/// <summary>
/// A page of an account's statement, with its durable balance and its number of lines; <c>PendingCredit</c> is what
/// other ledger partitions owe the account and have not applied yet (always 0 with one partition).
/// </summary>
public sealed record StatementPage(string Account, long Balance, long TotalLines, IReadOnlyList<StatementEntry> Items, string? NextCursor, long PendingCredit = 0);

/// <summary>A page of the claimable-balance export of one ledger partition (<c>?partition=</c>, default 0): the Merkle root and the journal position it reflects, with proofs.</summary>
public sealed record ClaimablesPage(string Root, long JournalBatches, int TotalAccounts, long TotalAmount, IReadOnlyList<ClaimableEntry> Items, string? NextCursor,
    int Partition = 0, int Partitions = 1);
