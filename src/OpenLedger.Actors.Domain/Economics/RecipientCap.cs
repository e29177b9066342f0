using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.Domain.Economics;

/// <summary>A part of a split paid through a pool: the pool account that holds it, and who the pool owes it to.</summary>
public readonly record struct PooledShare(string Pool, string Account, long Amount, FeeRecipientRole Role);

/// <summary>A split under a recipient cap: the parts one transfer pays (pool parts among them) and what each pool owes.</summary>
public sealed record CappedSplit(IReadOnlyList<FeeAllocation> Direct, IReadOnlyList<PooledShare> Pooled);

/// <summary>
/// Fits a fee split into one transfer of at most <c>maxRecipients</c> postings (a governed parameter, itself at most
/// <see cref="LedgerLimits.MaxPostingsPerTransfer"/>, whose worst case is sized to fit one journal record). The fixed parts
/// (protocol, model owner, unattributed and withheld shares: at most four) are always paid directly. When the curators
/// and contributors do not fit beside them:
/// <list type="number">
/// <item>the curators' parts all go to the Datanet's curator pool (<see cref="CuratorPoolAccount"/>), one posting;</item>
/// <item>if the contributors still do not fit, the largest parts (ties: account, ordinal) are paid directly and the rest go
/// to the receipt's contributor pool (<see cref="ContributorPoolAccount"/>), one posting.</item>
/// </list>
/// A layered model's split (<see cref="Layers.LayeredFeeSplit"/>) already pays its curators through one pool per layer
/// (<see cref="FeeRecipientRole.CuratorPool"/> parts): those are paid directly, after the fixed parts, and must leave room
/// for at least the contributor pool (<see cref="Layers.LayeredManifest.RecipientCapProblem"/> checks a manifest against the cap).
/// Each pool posting carries exactly the sum of the shares it owes, so the transfer still pays the fee exactly; the
/// pools are settled by their own transfers (pool → members). Pure and deterministic: the same parts, in any order, give
/// the same split (fixed parts by role, account and amount, curators by account, contributors by amount then account).
/// </summary>
public static class RecipientCap
{
    /// <summary>The smallest cap governance may set: the four fixed parts, the two pools and two direct payees.</summary>
    public const int MinRecipients = 8;

    /// <summary>The default cap.</summary>
    public const int DefaultRecipients = 32;

    public static CappedSplit Apply(IReadOnlyList<FeeAllocation> parts, int maxRecipients, string curatorPool, string contributorPool)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (maxRecipients is < MinRecipients or > LedgerLimits.MaxPostingsPerTransfer)
            throw new ArgumentOutOfRangeException(nameof(maxRecipients), $"The recipient cap must be between {MinRecipients} and {LedgerLimits.MaxPostingsPerTransfer}.");
        if (parts.Count <= maxRecipients) return new CappedSplit(parts, []);

        var fixedParts = parts.Where(p => p.Role is not (FeeRecipientRole.Curator or FeeRecipientRole.Contributor or FeeRecipientRole.CuratorPool))
            .OrderBy(p => p.Role).ThenBy(p => p.Account, StringComparer.Ordinal).ThenBy(p => p.Amount).ToList();
        var layerPools = parts.Where(p => p.Role == FeeRecipientRole.CuratorPool).OrderBy(p => p.Account, StringComparer.Ordinal).ToList();
        var curators = parts.Where(p => p.Role == FeeRecipientRole.Curator).OrderBy(p => p.Account, StringComparer.Ordinal).ToList();
        var contributors = parts.Where(p => p.Role == FeeRecipientRole.Contributor)
            .OrderByDescending(p => p.Amount).ThenBy(p => p.Account, StringComparer.Ordinal).ToList();
        if (fixedParts.Count > 4) throw new ArgumentException("A split holds at most four fixed parts.", nameof(parts));
        if (fixedParts.Count + layerPools.Count + Math.Min(curators.Count, 1) + 1 > maxRecipients)
            throw new ArgumentException($"{layerPools.Count} layer curator pools do not fit under a cap of {maxRecipients} recipients.", nameof(parts));

        var direct = new List<FeeAllocation>(maxRecipients);
        direct.AddRange(fixedParts);
        direct.AddRange(layerPools);
        var pooled = new List<PooledShare>();
        var slots = maxRecipients - fixedParts.Count - layerPools.Count;
        if (curators.Count > 1)
        {
            pooled.AddRange(curators.Select(c => new PooledShare(curatorPool, c.Account, c.Amount, c.Role)));
            direct.Add(new FeeAllocation(curatorPool, curators.Sum(c => c.Amount), FeeRecipientRole.CuratorPool));
        }
        else direct.AddRange(curators);
        slots -= Math.Min(curators.Count, 1);

        if (contributors.Count <= slots) direct.AddRange(contributors);
        else
        {
            direct.AddRange(contributors.Take(slots - 1));
            var rest = contributors.Skip(slots - 1).ToList();
            pooled.AddRange(rest.Select(c => new PooledShare(contributorPool, c.Account, c.Amount, c.Role)));
            direct.Add(new FeeAllocation(contributorPool, rest.Sum(c => c.Amount), FeeRecipientRole.ContributorPool));
        }
        return new CappedSplit(direct, pooled);
    }

    /// <summary>The Datanet's curator pool: a system account (the <c>protocol:</c> prefix is reserved), named by the Datanet
    /// id when it fits the account length, else by the id's hash.</summary>
    public static string CuratorPoolAccount(string datanetId)
    {
        const string prefix = "protocol:curator-pool:";
        return prefix.Length + datanetId.Length <= Validation.AccountId.MaxLength ? prefix + datanetId : prefix + Hash(datanetId);
    }

    /// <summary>The contributor pool of one receipt (named by the inference id's hash: the id may hold '|').</summary>
    public static string ContributorPoolAccount(string inferenceId) => "protocol:contributor-pool:" + Hash(inferenceId);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
