using Nethereum.Signer;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Domain.Settlement;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>Statements trace balances back to inference receipts; claims need the owner's signature; the export proves balances.</summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class LedgerClaimsAndStatementsTests(InMemoryClusterFixture fixture)
{
    private static readonly EthECKey OwnerKey = new("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly EthECKey StrangerKey = new("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f");
    private static string OwnerAddress => OwnerKey.GetPublicAddress();

    private static ClaimRequest Signed(ClaimDomain domain, string claimId, string account, long amount, EthECKey key, string destination = "0x00000000000000000000000000000000000000d1")
    {
        var signature = ClaimTypedData.Sign(new ClaimMessage(domain.Ledger, claimId, account, amount, destination), domain.ChainId, key.GetPrivateKey());
        return new ClaimRequest(claimId, account, amount, destination, signature);
    }

    [Fact]
    public async Task Every_statement_line_traces_to_an_inference_receipt_and_sums_to_the_balance()
    {
        var scenario = new Scenario(fixture.Client, "statements");
        await scenario.SetUpAsync(deposit: 1_000_000);
        for (var i = 0; i < 12; i++) await scenario.Session.InferAsync(new InferenceRequest($"k{i}", scenario.QueryFeatures(i)));

        foreach (var account in scenario.Contributors.Append(scenario.ModelOwner).Append(scenario.Payer))
        {
            var statement = await scenario.Ledger.GetStatementAsync(account, 0, 1_000);
            Assert.Equal(statement.Balance, statement.Entries.Sum(e => e.Amount));
            Assert.Equal(statement.TotalLines, statement.Entries.Count);
            foreach (var entry in statement.Entries.Where(e => e.Code.StartsWith("fee.", StringComparison.Ordinal)))
            {
                var result = await fixture.Client.GetGrain<IInferenceGrain>(entry.Reference!).GetResultAsync();
                Assert.NotNull(result);
                Assert.Equal(entry.TransferId, result.Receipt.LedgerTransferId);
                Assert.Contains(result.Receipt.Postings, p => p.Code == entry.Code && p.Amount == Math.Abs(entry.Amount)
                    && (entry.Amount > 0 ? p.CreditAccount : p.DebitAccount) == account);
            }
        }

        // Paging walks the same lines.
        var payerLines = new List<StatementEntry>();
        for (long? after = 0; after is not null;)
        {
            var page = await scenario.Ledger.GetStatementAsync(scenario.Payer, after.Value, 5);
            payerLines.AddRange(page.Entries);
            after = page.NextAfterLine;
        }
        Assert.Equal((await scenario.Ledger.GetStatementAsync(scenario.Payer, 0, 1_000)).Entries, payerLines);
    }

    [Fact]
    public async Task Only_the_owner_signature_claims_and_each_claim_id_pays_once()
    {
        var ledger = fixture.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);
        var domain = await ledger.GetClaimDomainAsync();
        const string account = "claimant-1";
        await ledger.PostAsync(new TransferRequest("claims-seed", [new TransferPosting("external:deposits", account, 10_000, "seed")]));
        Assert.Equal(AccountKind.Implicit, (await ledger.GetAccountAsync(account))!.Kind);

        // Before an owner is registered nobody can claim.
        var early = await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.ClaimAsync(Signed(domain, "c0", account, 1, OwnerKey)));
        Assert.Equal("claim.no_owner", early.ErrorCode);

        Assert.Equal(TransferResultCode.Ok, await ledger.OpenAccountAsync(new AccountRegistration(account, AccountKind.Contributor, OwnerAddress)));
        Assert.Equal(TransferResultCode.Exists, await ledger.OpenAccountAsync(new AccountRegistration(account, AccountKind.Contributor, OwnerAddress)));
        Assert.Equal(TransferResultCode.ExistsWithDifferentAccount,
            await ledger.OpenAccountAsync(new AccountRegistration(account, AccountKind.Contributor, StrangerKey.GetPublicAddress())));

        var claim = Signed(domain, "c1", account, 4_000, OwnerKey);
        Assert.Equal(TransferResultCode.Ok, await ledger.ClaimAsync(claim));
        Assert.Equal(TransferResultCode.Exists, await ledger.ClaimAsync(claim));
        Assert.Equal(6_000, await ledger.GetBalanceAsync(account));

        // Forged, replayed under another id, altered amount: refused, nothing moves.
        var forged = await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.ClaimAsync(Signed(domain, "c2", account, 1_000, StrangerKey)));
        Assert.Equal(ErrorKind.Forbidden, forged.Kind);
        await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.ClaimAsync(claim with { ClaimId = "c3" }));
        await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.ClaimAsync(claim with { Amount = 5_000 }));
        await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.ClaimAsync(claim with { Signature = "0xdeadbeef" }));
        Assert.Equal(6_000, await ledger.GetBalanceAsync(account));

        Assert.Equal(TransferResultCode.InsufficientFunds, await ledger.ClaimAsync(Signed(domain, "c4", account, 6_001, OwnerKey)));
        Assert.Equal(TransferResultCode.AccountNotFound, await ledger.ClaimAsync(Signed(domain, "c5", "never-seen", 1, OwnerKey)));
        // The same id with a different (properly signed) body is a conflict, not a second payment.
        Assert.Equal(TransferResultCode.ExistsWithDifferentPostings, await ledger.ClaimAsync(Signed(domain, "c1", account, 4_001, OwnerKey)));

        var statement = await ledger.GetStatementAsync(account);
        Assert.Equal([10_000L, -4_000L], statement.Entries.Select(e => e.Amount));
        Assert.Equal("0x00000000000000000000000000000000000000d1", statement.Entries[1].Reference);

        // All of it survives a reload from the journal.
        var before = (await ledger.GetAccountAsync(account), await ledger.GetSummaryAsync());
        await fixture.Cluster.DeactivateAsync(ledger);
        Assert.Equal(before, (await ledger.GetAccountAsync(account), await ledger.GetSummaryAsync()));
        Assert.Equal(statement.Entries, (await ledger.GetStatementAsync(account)).Entries);
    }

    [Fact]
    public async Task The_claimable_export_proves_every_registered_balance_against_one_root()
    {
        var ledger = fixture.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);
        var keys = Enumerable.Range(0, 7).Select(_ => EthECKey.GenerateKey()).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            var account = $"export-{i}";
            Assert.Equal(TransferResultCode.Ok, await ledger.OpenAccountAsync(new AccountRegistration(account, AccountKind.Contributor, keys[i].GetPublicAddress())));
            await ledger.PostAsync(new TransferRequest($"export-seed-{i}", [new TransferPosting("external:deposits", account, 100 + i, "seed")]));
        }

        var entries = new List<ClaimableEntry>();
        string? root = null;
        for (string? after = null; ;)
        {
            var page = await ledger.ExportClaimablesAsync(after, 3);
            root ??= page.Root;
            Assert.Equal(root, page.Root);
            entries.AddRange(page.Entries);
            if (page.NextAfterAccount is null) break;
            after = page.NextAfterAccount;
        }
        for (var i = 0; i < keys.Length; i++)
        {
            var entry = Assert.Single(entries, e => e.Account == $"export-{i}");
            Assert.Equal(100 + i, entry.Amount);
            Assert.True(ClaimableMerkleTree.Verify(root!, new ClaimableBalance(entry.Account, entry.OwnerAddress, entry.Amount), entry.Proof));
        }
        Assert.All(entries, e => Assert.True(ClaimableMerkleTree.Verify(root!, new ClaimableBalance(e.Account, e.OwnerAddress, e.Amount), e.Proof)));
    }

    [Fact]
    public async Task Invalid_registrations_and_claims_are_typed_errors()
    {
        var ledger = fixture.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);
        var summary = await ledger.GetSummaryAsync();
        var cases = new Func<Task>[]
        {
            () => ledger.OpenAccountAsync(new AccountRegistration("bad account!", AccountKind.Payer)),
            () => ledger.OpenAccountAsync(new AccountRegistration("protocol:treasury", AccountKind.Payer)),
            () => ledger.OpenAccountAsync(new AccountRegistration("x1", AccountKind.Implicit)),
            () => ledger.OpenAccountAsync(new AccountRegistration("x1", (AccountKind)42)),
            () => ledger.OpenAccountAsync(new AccountRegistration("x1", AccountKind.Payer, CreditLimit: -1)),
            () => ledger.OpenAccountAsync(new AccountRegistration("x1", AccountKind.Contributor, CreditLimit: 10)),
            () => ledger.OpenAccountAsync(new AccountRegistration("x1", AccountKind.Contributor, "0x1234")),
            () => ledger.ClaimAsync(new ClaimRequest("c", "x1", 0, "0x00000000000000000000000000000000000000d1", "00")),
            () => ledger.ClaimAsync(new ClaimRequest("c", "x1", 5, "not-an-address", "00")),
            () => ledger.ClaimAsync(new ClaimRequest("c id", "x1", 5, "0x00000000000000000000000000000000000000d1", "00")),
            () => ledger.GetStatementAsync("x1", -1, 10),
            () => ledger.GetStatementAsync("x1", 0, 0),
            () => ledger.GetStatementAsync("x1", 0, 1_001),
            () => ledger.ExportClaimablesAsync(null, 0),
        };
        foreach (var call in cases) Assert.Equal(ErrorKind.Validation, (await Assert.ThrowsAsync<OpenLedgerException>(call)).Kind);
        Assert.Equal(summary, await ledger.GetSummaryAsync());
        Assert.Null(await ledger.GetAccountAsync("x1"));
    }
}
