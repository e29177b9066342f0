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

    [Fact]
    public async Task Typed_data_is_the_eth_signTypedData_v4_json_a_wallet_signs_to_the_same_signature()
    {
        string[] claim = ["claim", "sign", "--claim-id", "c-1", "--account", "alice", "--amount", "1500", "--destination", Destination, "--ledger", "main", "--chain-id", "31337"];
        var printed = await RunAsync([.. claim, "--typed-data"]);
        Assert.Equal(ExitCodes.Ok, printed.Exit);
        using var typed = JsonDocument.Parse(printed.Out);
        var root = typed.RootElement;
        Assert.Equal(["name:string", "version:string", "chainId:uint256"],
            root.GetProperty("types").GetProperty("EIP712Domain").EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}:{m.GetProperty("type").GetString()}"));
        Assert.Equal(["ledger:string", "claimId:string", "account:string", "amount:uint256", "destination:address"],
            root.GetProperty("types").GetProperty("Claim").EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}:{m.GetProperty("type").GetString()}"));
        Assert.Equal("Claim", root.GetProperty("primaryType").GetString());
        Assert.Equal(("OpenLedger", "1", 31337L), (root.GetProperty("domain").GetProperty("name").GetString(), root.GetProperty("domain").GetProperty("version").GetString(),
            root.GetProperty("domain").GetProperty("chainId").GetInt64()));
        Assert.Equal(("main", "c-1", "alice", "1500", Destination), (root.GetProperty("message").GetProperty("ledger").GetString(),
            root.GetProperty("message").GetProperty("claimId").GetString(), root.GetProperty("message").GetProperty("account").GetString(),
            root.GetProperty("message").GetProperty("amount").GetString(), root.GetProperty("message").GetProperty("destination").GetString()));
        Assert.Equal(printed.Out, (await RunAsync([.. claim, "--typed-data", "--json"])).Out); // the document either way

        // A wallet signing the printed JSON (Nethereum's eth_signTypedData_v4 over the raw JSON) and claim sign agree.
        var keyFile = Path.Combine(_folder, "wallet.key");
        await File.WriteAllTextAsync(keyFile, OwnerKey);
        var signed = await RunAsync([.. claim, "--key-file", keyFile]);
        Assert.Equal(ExitCodes.Ok, signed.Exit);
        var wallet = new Nethereum.Signer.EIP712.Eip712TypedDataSigner().SignTypedDataV4(printed.Out, new EthECKey(OwnerKey));
        Assert.Equal(signed.Out.Trim(), wallet);

        var keyToo = await RunAsync([.. claim, "--typed-data", "--key-file", keyFile, "--json"]);
        Assert.Equal(ExitCodes.BadInput, keyToo.Exit);
        using var problem = JsonDocument.Parse(keyToo.Out);
        Assert.Equal("cli.claim_signer", problem.RootElement.GetProperty("error").GetProperty("code").GetString());
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
