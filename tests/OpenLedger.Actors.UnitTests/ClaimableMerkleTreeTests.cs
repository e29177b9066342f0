using OpenLedger.Actors.Domain.Settlement;

namespace OpenLedger.Actors.UnitTests;

public sealed class ClaimableMerkleTreeTests
{
    private static ClaimableBalance Balance(int i, long amount) => new($"contributor-{i:D3}", $"0x{i:x40}", amount);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(101)]
    public void Every_balance_verifies_against_the_root_with_its_proof(int count)
    {
        var balances = Enumerable.Range(1, count).Select(i => Balance(i, 1_000 + i)).Reverse().ToList();
        var tree = new ClaimableMerkleTree(balances);
        foreach (var balance in balances)
        {
            var proof = tree.ProofFor(balance.Account)!;
            Assert.True(ClaimableMerkleTree.Verify(tree.Root, balance, proof));
            Assert.True(proof.Count <= Math.Ceiling(Math.Log2(count)));
        }
    }

    [Fact]
    public void A_changed_amount_owner_or_account_does_not_verify()
    {
        var balances = Enumerable.Range(1, 10).Select(i => Balance(i, 500)).ToList();
        var tree = new ClaimableMerkleTree(balances);
        var proof = tree.ProofFor(balances[3].Account)!;
        Assert.False(ClaimableMerkleTree.Verify(tree.Root, balances[3] with { Amount = 501 }, proof));
        Assert.False(ClaimableMerkleTree.Verify(tree.Root, balances[3] with { OwnerAddress = balances[4].OwnerAddress }, proof));
        Assert.False(ClaimableMerkleTree.Verify(tree.Root, balances[3] with { Account = "contributor-999" }, proof));
        Assert.False(ClaimableMerkleTree.Verify(tree.Root, balances[4], proof));
    }

    [Fact]
    public void The_root_depends_on_the_balances_not_on_their_order()
    {
        var balances = Enumerable.Range(1, 9).Select(i => Balance(i, 10 * i)).ToList();
        var root = new ClaimableMerkleTree(balances).Root;
        Assert.Equal(root, new ClaimableMerkleTree(Enumerable.Reverse(balances)).Root);
        Assert.NotEqual(root, new ClaimableMerkleTree(balances.Select(b => b.Account == "contributor-005" ? b with { Amount = 51 } : b)).Root);
        Assert.Null(new ClaimableMerkleTree(balances).ProofFor("nobody"));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ClaimableMerkleTree([Balance(1, 0)]));
        Assert.Throws<ArgumentException>(() => new ClaimableMerkleTree([Balance(1, 5), Balance(1, 6)]));
        Assert.Equal("0x" + new string('0', 64), new ClaimableMerkleTree([]).Root);
    }
}
