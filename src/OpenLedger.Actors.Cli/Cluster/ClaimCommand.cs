using System.CommandLine;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Claims;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>claim --claim-id ID --account ACCOUNT --amount MICRO --destination 0x… (--key-file F | --key-env VAR | --signature 0x…)</c>:
/// pays out part of an account's balance. The claim is signed as EIP-712 typed data under the ledger's claim
/// domain — here with the owner's private key (read from a file or an environment variable, never an
/// argument, so it stays out of shell history), or elsewhere by a wallet (or <c>claim sign</c>) and given as <c>--signature</c>.
/// The same claim again answers "already done"; a wrong signature is refused (exit code 5).
/// </summary>
internal static class ClaimCommand
{
    public static Command Create()
    {
        var claim = new ClaimOptions();
        var signature = new Option<string?>("--signature") { Description = "A ready EIP-712 signature (0x + 130 hex digits) made by a wallet or 'claim sign'." };
        var command = new Command("claim", "Claim (pay out) an account's balance with the owner's EIP-712 signature; 'claim sign' signs one offline for the HTTP API.")
        {
            claim.ClaimId, claim.Account, claim.Amount, claim.Destination, claim.KeyFile, claim.KeyEnv, signature, ClaimSignCommand.Create(),
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var sources = new object?[] { parse.GetValue(claim.KeyFile), parse.GetValue(claim.KeyEnv), parse.GetValue(signature) }.Count(v => v is not null);
            if (sources != 1) return console.Fail(ExitCodes.BadInput, "Give exactly one of --key-file, --key-env and --signature.", "cli.claim_signer");
            var message = claim.Message(parse);

            var signed = parse.GetValue(signature);
            if (signed is null)
            {
                string key;
                try
                {
                    key = ClaimOptions.ReadKey(parse.GetValue(claim.KeyFile), parse.GetValue(claim.KeyEnv));
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    return console.Fail(ExitCodes.BadInput, e.Message, "cli.claim_key");
                }
                if (ClaimOptions.Check(message) is { } problem) return console.Fail(ExitCodes.BadInput, problem.Message, problem.Code);
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
}
