namespace OpenLedger.Actors.Domain.Economics;

/// <summary>
/// Splits an inference fee (integer micro-units) between the protocol, the model owner, the Datanet's
/// curators and the contributors. Each level uses <see cref="LargestRemainder"/>, so the parts always sum
/// to the fee exactly. Contributors are paid by their normalised positive influence; curators equally.
/// If no contribution has positive influence, the contributors' share goes to the protocol as
/// <see cref="FeeRecipientRole.UnattributedContributorShare"/>. Zero-amount parts are left out, and
/// recipients within a role are ordered by account (ordinal), so the output is deterministic.
/// </summary>
public static class FeeSplitter
{
    public static IReadOnlyList<FeeAllocation> Split(
        long fee,
        FeeSharePolicy policy,
        string protocolAccount,
        string modelOwnerAccount,
        IReadOnlyList<string> curatorAccounts,
        IReadOnlyDictionary<string, double> contributorInfluence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fee);
        policy.Validated();
        ArgumentException.ThrowIfNullOrEmpty(protocolAccount);
        ArgumentException.ThrowIfNullOrEmpty(modelOwnerAccount);
        var top = RoleParts(fee, policy);
        var allocations = new List<FeeAllocation>();
        Add(allocations, protocolAccount, top[0], FeeRecipientRole.Protocol);
        Add(allocations, modelOwnerAccount, top[1], FeeRecipientRole.ModelOwner);

        var curators = curatorAccounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (curators.Length == 0)
        {
            Add(allocations, protocolAccount, top[2], FeeRecipientRole.Protocol);
        }
        else
        {
            var curatorParts = LargestRemainder.Apportion(top[2], curators.Select(_ => 1L).ToArray());
            for (var i = 0; i < curators.Length; i++) Add(allocations, curators[i], curatorParts[i], FeeRecipientRole.Curator);
        }

        allocations.AddRange(ContributorParts(top[3], contributorInfluence, protocolAccount));
        return allocations;
    }

    /// <summary>The fee's parts for [protocol, model owner, curators, contributors] by the policy's basis points.</summary>
    public static long[] RoleParts(long fee, FeeSharePolicy policy) =>
        LargestRemainder.Apportion(fee, [policy.ProtocolBps, policy.ModelOwnerBps, policy.CuratorsBps, policy.ContributorsBps]);

    /// <summary>
    /// The contributors' share by normalised positive influence (accounts in ordinal order), or all of it to the protocol as
    /// <see cref="FeeRecipientRole.UnattributedContributorShare"/> when no influence is positive. Zero parts are left out.
    /// </summary>
    public static IReadOnlyList<FeeAllocation> ContributorParts(long contributorShare, IReadOnlyDictionary<string, double> contributorInfluence, string protocolAccount)
    {
        var allocations = new List<FeeAllocation>();
        var paid = contributorInfluence
            .Where(pair => pair.Value > 0 && double.IsFinite(pair.Value))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToArray();
        if (paid.Length == 0)
        {
            Add(allocations, protocolAccount, contributorShare, FeeRecipientRole.UnattributedContributorShare);
        }
        else
        {
            var parts = LargestRemainder.Apportion(contributorShare, paid.Select(pair => pair.Value).ToArray());
            for (var i = 0; i < paid.Length; i++) Add(allocations, paid[i].Key, parts[i], FeeRecipientRole.Contributor);
        }
        return allocations;
    }

    private static void Add(List<FeeAllocation> allocations, string account, long amount, FeeRecipientRole role)
    {
        if (amount > 0) allocations.Add(new FeeAllocation(account, amount, role));
    }
}
