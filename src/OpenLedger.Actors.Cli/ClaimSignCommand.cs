using System.CommandLine;
using System.Text.Json;
using Nethereum.Signer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Cli.Cluster;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Domain.Claims;

namespace OpenLedger.Actors.Cli;

/// <summary>
/// <c>claim sign --claim-id ID --account ACCOUNT --amount MICRO --destination 0x… (--key-file F | --key-env VAR)
/// (--domain DOMAIN.json | --ledger NAME --chain-id N)</c>: signs a claim as EIP-712 typed data, offline, and prints the
/// signature for <c>POST /api/v1/accounts/{account}/claims</c> (with <c>--json</c>, that request's body). The domain is
/// the JSON of <c>GET /api/v1/claims/domain</c> or its ledger and chain id given directly; no cluster is contacted.
/// With <c>--typed-data</c> (and no key) it prints the claim's EIP-712 typed data instead (<see cref="ClaimTypedDataJson"/>)
/// for a wallet tool to sign.
/// </summary>
internal static class ClaimSignCommand
{
    public static Command Create()
    {
        var claim = new ClaimOptions();
        var domainFile = new Option<FileInfo?>("--domain") { Description = "The claim domain as GET /api/v1/claims/domain answers it (JSON)." };
        var ledger = new Option<string?>("--ledger") { Description = "The domain's ledger name (instead of --domain)." };
        var chainId = new Option<long?>("--chain-id") { Description = "The domain's chain id (instead of --domain)." };
        var typedData = new Option<bool>("--typed-data")
        {
            Description = "Print the claim's EIP-712 typed data (eth_signTypedData_v4 JSON) for a wallet to sign, instead of signing it here (no key).",
        };
        var command = new Command("sign", "Sign a claim offline (EIP-712, as a wallet would) and print the signature for the HTTP API.")
        {
            claim.ClaimId, claim.Account, claim.Amount, claim.Destination, claim.KeyFile, claim.KeyEnv, domainFile, ledger, chainId, typedData,
        };
        command.SetAction(parse =>
        {
            var console = CliConsole.For(parse);
            var message = claim.Message(parse);
            if (ClaimOptions.Check(message) is { } problem) return console.Fail(ExitCodes.BadInput, problem.Message, problem.Code);
            var keys = (parse.GetValue(claim.KeyFile) is null ? 0 : 1) + (parse.GetValue(claim.KeyEnv) is null ? 0 : 1);
            var walletSigns = parse.GetValue(typedData);
            if (walletSigns ? keys != 0 : keys != 1)
                return console.Fail(ExitCodes.BadInput, walletSigns ? "--typed-data prints what a wallet signs: give no key." : "Give exactly one of --key-file and --key-env.", "cli.claim_signer");
            string key = "";
            (string Ledger, long ChainId) domain;
            try
            {
                domain = Domain(parse.GetValue(domainFile), parse.GetValue(ledger), parse.GetValue(chainId));
                if (!walletSigns) key = ClaimOptions.ReadKey(parse.GetValue(claim.KeyFile), parse.GetValue(claim.KeyEnv));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or JsonException)
            {
                return console.Fail(ExitCodes.BadInput, e.Message, "cli.claim_sign");
            }
            if (walletSigns)
            {
                console.WriteJson(ClaimTypedDataJson.Of(new ClaimMessage(domain.Ledger, message.Id, message.Account, message.Amount, message.Destination), domain.ChainId));
                return ExitCodes.Ok;
            }
            var signature = ClaimTypedData.Sign(new ClaimMessage(domain.Ledger, message.Id, message.Account, message.Amount, message.Destination), domain.ChainId, key);
            var signer = EthereumAddress.Normalize(new EthECKey(key).GetPublicAddress());
            if (console.Json)
            {
                console.WriteJson(new
                {
                    claimId = message.Id, amount = message.Amount, destination = message.Destination, signature,
                    account = message.Account, signer, ledger = domain.Ledger, chainId = domain.ChainId,
                });
            }
            else
            {
                console.Out.WriteLine(signature);
                console.Info($"Signed by {signer} (must be {message.Account}'s registered owner address) under ledger '{domain.Ledger}', chain id {domain.ChainId}: POST /api/v1/accounts/{message.Account}/claims with claimId, amount, destination and this signature.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (string Ledger, long ChainId) Domain(FileInfo? file, string? ledger, long? chainId)
    {
        if (file is not null)
        {
            if (ledger is not null || chainId is not null) throw new FormatException("Give either --domain, or --ledger and --chain-id.");
            var domain = JsonFile.Read<ClaimDomain>(file);
            if (string.IsNullOrEmpty(domain.Ledger)) throw new FormatException($"{file.Name} names no ledger (expected the JSON of GET /api/v1/claims/domain).");
            return (domain.Ledger, domain.ChainId);
        }
        if (ledger is null || chainId is null) throw new FormatException("Give --domain, or both --ledger and --chain-id (GET /api/v1/claims/domain answers them).");
        return (ledger, chainId.Value);
    }
}
