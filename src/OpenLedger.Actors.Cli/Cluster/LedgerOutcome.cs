using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>The ledger answers expected outcomes with result codes; this maps them to exit codes and words.</summary>
internal static class LedgerOutcome
{
    public static int ExitCode(TransferResultCode code) => code switch
    {
        TransferResultCode.Ok or TransferResultCode.Exists => ExitCodes.Ok,
        TransferResultCode.InsufficientFunds => ExitCodes.InsufficientFunds,
        TransferResultCode.AccountNotFound => ExitCodes.NotFound,
        TransferResultCode.ExistsWithDifferentPostings or TransferResultCode.ExistsWithDifferentAccount => ExitCodes.Conflict,
        TransferResultCode.PendingNotFound => ExitCodes.NotFound,
        TransferResultCode.PendingAlreadyPosted or TransferResultCode.PendingAlreadyVoided or TransferResultCode.PendingExpired => ExitCodes.Conflict,
        _ => ExitCodes.BadInput,
    };

    public static string Describe(TransferResultCode code) => code switch
    {
        TransferResultCode.Ok => "done",
        TransferResultCode.Exists => "already done earlier under this id (nothing changed)",
        TransferResultCode.InsufficientFunds => "refused: the balance does not cover the amount",
        TransferResultCode.AccountNotFound => "refused: the ledger has no such account",
        TransferResultCode.ExistsWithDifferentPostings => "refused: this id was already used for a different amount or accounts",
        TransferResultCode.ExistsWithDifferentAccount => "refused: this account was already registered differently",
        TransferResultCode.BalanceOverflow => "refused: the balance would overflow",
        TransferResultCode.TooManyPostings or TransferResultCode.TooLarge => "refused: the transfer is larger than the ledger accepts in one write",
        TransferResultCode.PendingExpired => "refused: the pending transfer timed out and was voided (nothing was charged)",
        _ => $"refused: {code}",
    };

    /// <summary>The result code as scripts see it in <c>--json</c> output, e.g. <c>insufficient_funds</c>.</summary>
    public static string Name(TransferResultCode code) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());

    /// <summary>
    /// Prints a ledger command's outcome and returns its exit code: when it went through (or was already done), the
    /// <paramref name="result"/> with <c>--json</c> or "<paramref name="subject"/>: done." on standard output; when refused,
    /// the error (<c>ledger.insufficient_funds</c>, <c>ledger.exists_with_different_account</c>, …) as every command reports one.
    /// </summary>
    public static int Report(CliConsole console, TransferResultCode code, object result, string subject)
    {
        var exit = ExitCode(code);
        if (exit != ExitCodes.Ok) return console.Fail(exit, $"{subject}: {Describe(code)}.", $"ledger.{Name(code)}");
        if (console.Json) console.WriteJson(result);
        else console.Out.WriteLine($"{subject}: {Describe(code)}.");
        return exit;
    }
}
