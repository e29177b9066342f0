using System.CommandLine;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Domain.Claims;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>claim --claim-id ID --account ACCOUNT --amount MICRO --destination 0x… (--key-file F | --key-env VAR | --signature 0x…)</c>:
/// pays out part of an account's balance. The claim is signed as EIP-712 typed data under the ledger's claim
/// domain — here with the owner's private key (read from a file or an environment variable, never an
/// argument, so it stays out of shell history), or elsewhere by a wallet and given as <c>--signature</c>.
/// The same claim again answers "already done"; a wrong signature is refused (exit code 5).
/// </summary>
internal static class ClaimCommand
{
    public static Command Create()
    {
        var claimId = new Option<string>("--claim-id") { Description = "Client-chosen id of this claim: repeating it never pays twice.", Required = true };
        var account = new Option<string>("--account") { Description = "The ledger account to claim from.", Required = true };
        var amount = new Option<long>("--amount") { Description = "Micro-units to claim (> 0).", Required = true };
        var destination = new Option<string>("--destination") { Description = "The Ethereum address to pay (0x + 40 hex digits).", Required = true };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "File holding the account owner's secp256k1 private key (hex)." };
        var keyEnv = new Option<string?>("--key-env") { Description = "Name of an environment variable holding the private key (hex)." };
        var signature = new Option<string?>("--signature") { Description = "A ready EIP-712 signature (0x + 130 hex digits) made by a wallet." };
        var command = new Command("claim", "Claim (pay out) an account's balance with the owner's EIP-712 signature.")
        {
            claimId, account, amount, destination, keyFile, keyEnv, signature,
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var sources = new object?[] { parse.GetValue(keyFile), parse.GetValue(keyEnv), parse.GetValue(signature) }.Count(v => v is not null);
            if (sources != 1) return console.Fail(ExitCodes.BadInput, "Give exactly one of --key-file, --key-env and --signature.", "cli.claim_signer");
            var message = (Id: parse.GetValue(claimId)!, Account: parse.GetValue(account)!, Amount: parse.GetValue(amount), Destination: parse.GetValue(destination)!);

            var signed = parse.GetValue(signature);
            if (signed is null)
            {
                string key;
                try
                {
                    key = ReadKey(parse.GetValue(keyFile), parse.GetValue(keyEnv));
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    return console.Fail(ExitCodes.BadInput, e.Message, "cli.claim_key");
                }
                if (message.Amount <= 0) return console.Fail(ExitCodes.BadInput, "--amount must be a positive number of micro-units.", "claim.amount");
                if (EthereumAddress.Validate(message.Destination, "destination") is { } problem) return console.Fail(ExitCodes.BadInput, problem.Message, problem.Code);
                var domain = await client.GetClaimDomainAsync(cancellationToken);
                signed = ClaimTypedData.Sign(new ClaimMessage(domain.Ledger, message.Id, message.Account, message.Amount, message.Destination), domain.ChainId, key);
            }

            var code = await client.ClaimAsync(new ClaimRequest(message.Id, message.Account, message.Amount, message.Destination, signed), cancellationToken);
            var balance = await client.GetBalanceAsync(message.Account, cancellationToken);
            return LedgerOutcome.Report(console, code,
                new { claimId = message.Id, account = message.Account, amount = message.Amount, destination = message.Destination, result = LedgerOutcome.Name(code), balance },
                $"Claim {message.Id} of {message.Amount:N0} micro-units from {message.Account} to {message.Destination} (balance now {balance:N0})");
        });
    }

    /// <summary>The private key as 64 hex digits (an optional 0x and surrounding whitespace are accepted).</summary>
    private static string ReadKey(FileInfo? file, string? variable)
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
