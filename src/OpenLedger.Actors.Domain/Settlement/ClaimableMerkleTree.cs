using System.Numerics;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace OpenLedger.Actors.Domain.Settlement;

/// <summary>
/// A Merkle tree over claimable balances, so a settlement contract can check any one claim against a single
/// stored root.
/// <list type="bullet">
/// <item>Leaf: <c>keccak256(keccak256(abi.encode(keccak256(bytes(account)), address owner, uint256 amount)))</c>
/// (double hashing keeps a leaf from ever equalling an inner node).</item>
/// <item>Inner node: <c>keccak256(min(a,b) ‖ max(a,b))</c> (sorted pairs, so a proof is just the sibling hashes:
/// the verification OpenZeppelin's <c>MerkleProof.verify</c> performs).</item>
/// <item>Leaves are ordered by account id; a node without a sibling moves up a level unchanged.</item>
/// </list>
/// </summary>
public sealed class ClaimableMerkleTree
{
    private readonly List<byte[][]> _levels;
    private readonly Dictionary<string, int> _leafIndex;

    public ClaimableMerkleTree(IEnumerable<ClaimableBalance> balances)
    {
        Balances = balances.OrderBy(b => b.Account, StringComparer.Ordinal).ToList();
        _leafIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Balances.Count; i++)
        {
            if (Balances[i].Amount <= 0) throw new ArgumentException($"Claimable amount of {Balances[i].Account} must be positive.", nameof(balances));
            if (!_leafIndex.TryAdd(Balances[i].Account, i)) throw new ArgumentException($"Account {Balances[i].Account} appears twice.", nameof(balances));
        }
        _levels = [Balances.Select(Leaf).ToArray()];
        while (_levels[^1].Length > 1)
        {
            var below = _levels[^1];
            var level = new byte[(below.Length + 1) / 2][];
            for (var i = 0; i < level.Length; i++)
                level[i] = 2 * i + 1 < below.Length ? HashPair(below[2 * i], below[2 * i + 1]) : below[2 * i];
            _levels.Add(level);
        }
    }

    public IReadOnlyList<ClaimableBalance> Balances { get; }

    /// <summary>The root (32 bytes, hex with 0x); all zeros for an empty tree.</summary>
    public string Root => (_levels[^1].Length == 0 ? new byte[32] : _levels[^1][0]).ToHex(prefix: true);

    /// <summary>The sibling hashes from the account's leaf up to the root, or null if the account has nothing claimable.</summary>
    public IReadOnlyList<string>? ProofFor(string account)
    {
        if (!_leafIndex.TryGetValue(account, out var index)) return null;
        var proof = new List<string>();
        for (var level = 0; level < _levels.Count - 1; level++)
        {
            var sibling = index ^ 1;
            if (sibling < _levels[level].Length) proof.Add(_levels[level][sibling].ToHex(prefix: true));
            index /= 2;
        }
        return proof;
    }

    /// <summary>What a settlement contract does: recompute the root from one balance and its proof.</summary>
    public static bool Verify(string root, ClaimableBalance balance, IReadOnlyList<string> proof)
    {
        var computed = Leaf(balance);
        foreach (var sibling in proof) computed = HashPair(computed, sibling.HexToByteArray());
        return string.Equals(computed.ToHex(prefix: true), root, StringComparison.OrdinalIgnoreCase);
    }

    public static byte[] Leaf(ClaimableBalance balance)
    {
        var encoded = new byte[96]; // abi.encode(bytes32, address, uint256): three 32-byte words
        Keccak(Encoding.UTF8.GetBytes(balance.Account)).CopyTo(encoded, 0);
        var owner = balance.OwnerAddress.HexToByteArray();
        if (owner.Length != 20) throw new ArgumentException($"Owner address of {balance.Account} is not 20 bytes.", nameof(balance));
        owner.CopyTo(encoded, 32 + 12);
        var amount = new BigInteger(balance.Amount).ToByteArray(isUnsigned: true, isBigEndian: true);
        amount.CopyTo(encoded, 96 - amount.Length);
        return Keccak(Keccak(encoded));
    }

    private static byte[] HashPair(byte[] a, byte[] b)
    {
        var (first, second) = a.AsSpan().SequenceCompareTo(b) <= 0 ? (a, b) : (b, a);
        return Keccak([.. first, .. second]);
    }

    private static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);
}
