using System.Text.Json;
using Nethereum.Signer;
using OpenLedger.Actors.Cli;
using OpenLedger.Actors.Domain.Claims;

namespace OpenLedger.Actors.UnitTests;

/// <summary><c>claim sign</c>, offline: the signature the ledger recovers the owner from, for the HTTP API.</summary>
public sealed class ClaimSignCommandTests : IDisposable
{
    private const string OwnerKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string Destination = "0x00000000000000000000000000000000000000d1";
    private readonly string _folder = Directory.CreateTempSubdirectory("openledger-claim-sign-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Prints_a_signature_the_ledger_recovers_the_owner_from()
    {
        var keyFile = Path.Combine(_folder, "owner.key");
        await File.WriteAllTextAsync(keyFile, OwnerKey);
        var owner = EthereumAddress.Normalize(new EthECKey(OwnerKey).GetPublicAddress());

        var plain = await RunAsync("claim", "sign", "--claim-id", "c-1", "--account", "alice", "--amount", "1500", "--destination", Destination,
            "--key-file", keyFile, "--ledger", "main", "--chain-id", "31337");
        Assert.Equal(ExitCodes.Ok, plain.Exit);
        var signature = plain.Out.Trim();
        Assert.Matches("^0x[0-9a-f]{130}$", signature); // only the signature on standard output, for $(…)
        Assert.Equal(owner, ClaimTypedData.RecoverSigner(new ClaimMessage("main", "c-1", "alice", 1500, Destination), 31337, signature));
        Assert.Contains(owner, plain.Error);

        // The domain as GET /api/v1/claims/domain answers it; --json gives the body of POST /accounts/{account}/claims.
        var domain = Path.Combine(_folder, "domain.json");
        await File.WriteAllTextAsync(domain, """{"name":"OpenLedger","version":"1","chainId":31337,"ledger":"main","claimType":"Claim"}""");
        Environment.SetEnvironmentVariable("CLAIM_SIGN_TEST_KEY", OwnerKey);
        var json = await RunAsync("claim", "sign", "--claim-id", "c-1", "--account", "alice", "--amount", "1500", "--destination", Destination,
            "--key-env", "CLAIM_SIGN_TEST_KEY", "--domain", domain, "--json");
        Assert.Equal(ExitCodes.Ok, json.Exit);
        using var body = JsonDocument.Parse(json.Out);
        Assert.Equal(signature, body.RootElement.GetProperty("signature").GetString());
        Assert.Equal("c-1", body.RootElement.GetProperty("claimId").GetString());
        Assert.Equal(1500, body.RootElement.GetProperty("amount").GetInt64());
        Assert.Equal(owner, body.RootElement.GetProperty("signer").GetString());
    }

    [Theory]
    [InlineData("--ledger", "main")] // no chain id
    [InlineData("--chain-id", "1")] // no ledger
    public async Task An_incomplete_domain_or_claim_is_a_JSON_error_with_exit_code_2(string option, string value)
    {
        Environment.SetEnvironmentVariable("CLAIM_SIGN_TEST_KEY", OwnerKey);
        var run = await RunAsync("claim", "sign", "--claim-id", "c-2", "--account", "alice", "--amount", "5", "--destination", Destination,
            "--key-env", "CLAIM_SIGN_TEST_KEY", option, value, "--json");
        Assert.Equal(ExitCodes.BadInput, run.Exit);
        using var problem = JsonDocument.Parse(run.Out);
        Assert.Equal("cli.claim_sign", problem.RootElement.GetProperty("error").GetProperty("code").GetString());

        var zero = await RunAsync("claim", "sign", "--claim-id", "c-2", "--account", "alice", "--amount", "0", "--destination", Destination,
            "--key-env", "CLAIM_SIGN_TEST_KEY", "--ledger", "main", "--chain-id", "1", "--json");
        Assert.Equal(ExitCodes.BadInput, zero.Exit);
        using var amount = JsonDocument.Parse(zero.Out);
        Assert.Equal("claim.amount", amount.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_connection_profile_with_a_typo_or_two_clusters_is_refused_before_connecting()
    {
        var typo = Path.Combine(_folder, "typo.json");
        await File.WriteAllTextAsync(typo, """{"gatway": "localhost:30000"}""");
        var run = await RunAsync("balance", "anyone", "--profile", typo, "--json");
        Assert.Equal(ExitCodes.BadInput, run.Exit);
        using (var problem = JsonDocument.Parse(run.Out))
        {
            Assert.Equal("cli.connection_options", problem.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("gatway", problem.RootElement.GetProperty("error").GetProperty("message").GetString());
        }

        var both = Path.Combine(_folder, "both.json");
        await File.WriteAllTextAsync(both, """{"gateway": "localhost:30000", "azureStorage": "UseDevelopmentStorage=true"}""");
        Assert.Equal(ExitCodes.BadInput, (await RunAsync("balance", "anyone", "--profile", both)).Exit);
        Assert.Equal(ExitCodes.BadInput, (await RunAsync("balance", "anyone", "--profile", Path.Combine(_folder, "missing.json"))).Exit);
    }
}
