using System.CommandLine;
using OpenLedger.Actors.Domain.Claims;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// What <c>claim</c> and <c>claim sign</c> both take: the claim (id, account, amount, destination) and where the owner's
/// private key comes from — a file or an environment variable, never an argument, so it stays out of shell history.
/// </summary>
internal sealed class ClaimOptions
{
    public Option<string> ClaimId { get; } = new("--claim-id") { Description = "Client-chosen id of this claim: repeating it never pays twice.", Required = true };
    public Option<string> Account { get; } = new("--account") { Description = "The ledger account to claim from.", Required = true };
    public Option<long> Amount { get; } = new("--amount") { Description = "Micro-units to claim (> 0).", Required = true };
    public Option<string> Destination { get; } = new("--destination") { Description = "The Ethereum address to pay (0x + 40 hex digits).", Required = true };
    public Option<FileInfo?> KeyFile { get; } = new("--key-file") { Description = "File holding the account owner's secp256k1 private key (hex)." };
    public Option<string?> KeyEnv { get; } = new("--key-env") { Description = "Name of an environment variable holding the private key (hex)." };

    public (string Id, string Account, long Amount, string Destination) Message(ParseResult parse) =>
        (parse.GetValue(ClaimId)!, parse.GetValue(Account)!, parse.GetValue(Amount), parse.GetValue(Destination)!);

    /// <summary>What the ledger would refuse anyway, caught before signing: a non-positive amount, a malformed destination.</summary>
    public static (string Code, string Message)? Check((string Id, string Account, long Amount, string Destination) message)
    {
        if (message.Amount <= 0) return ("claim.amount", "--amount must be a positive number of micro-units.");
        return EthereumAddress.Validate(message.Destination, "destination") is { } problem ? (problem.Code, problem.Message) : null;
    }

    /// <summary>The private key as 64 hex digits (an optional 0x and surrounding whitespace are accepted).</summary>
    public static string ReadKey(FileInfo? file, string? variable)
    {
        var text = file is not null
            ? File.ReadAllText(file.FullName)
            : Environment.GetEnvironmentVariable(variable!) ?? throw new FormatException($"The environment variable '{variable}' is not set.");
        var hex = text.Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit) || hex.All(c => c == '0'))
            throw new FormatException("The private key must be 32 bytes written as 64 hex digits.");
        return hex;
    }
}
