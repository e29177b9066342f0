namespace OpenLedger.Actors.Domain.Economics;

/// <summary>
/// The fee split of a language model's inference: protocol, model owner and curators exactly as
/// <see cref="FeeSplitter"/> splits them; the contributors' share C is then apportioned (largest remainder, integer)
/// over the contributors' span weights (their documents' weights summed, accounts in ordinal order) and the
/// unattributed weight — the output tokens no kept span covers, and what the rarity taper removed. The unattributed
/// part goes to the protocol as <see cref="FeeRecipientRole.UnattributedContributorShare"/> (<c>fee.unattributed</c>),
/// as the contributors' share does today when no contribution has positive influence: it is not forced onto
/// contributors, and the model owner earns only its governed share. With no weight at all (empty output) all of C is
/// unattributed. Parts sum to the fee exactly.
/// </summary>
public static class TextFeeSplit
{
    public static IReadOnlyList<FeeAllocation> Split(
        long fee,
        FeeSharePolicy policy,
        string protocolAccount,
        string modelOwnerAccount,
        IReadOnlyList<string> curatorAccounts,
        IReadOnlyDictionary<string, long> contributorWeights,
        long unattributedWeight)
    {
        ArgumentNullException.ThrowIfNull(contributorWeights);
        ArgumentOutOfRangeException.ThrowIfNegative(unattributedWeight);
        var parts = FeeSplitter.Split(fee, policy, protocolAccount, modelOwnerAccount, curatorAccounts, new Dictionary<string, double>()).ToList();
        var share = parts.Where(p => p.Role == FeeRecipientRole.UnattributedContributorShare).Sum(p => p.Amount);
        parts.RemoveAll(p => p.Role == FeeRecipientRole.UnattributedContributorShare);

        var paid = contributorWeights.Where(w => w.Value > 0).OrderBy(w => w.Key, StringComparer.Ordinal).ToArray();
        var total = paid.Sum(w => w.Value) + unattributedWeight;
        if (total == 0)
        {
            if (share > 0) parts.Add(new FeeAllocation(protocolAccount, share, FeeRecipientRole.UnattributedContributorShare));
            return parts;
        }
        long[] weights = [.. paid.Select(w => w.Value), unattributedWeight];
        var amounts = LargestRemainder.Apportion(share, weights);
        for (var i = 0; i < paid.Length; i++)
        {
            if (amounts[i] > 0) parts.Add(new FeeAllocation(paid[i].Key, amounts[i], FeeRecipientRole.Contributor));
        }
        if (amounts[^1] > 0) parts.Add(new FeeAllocation(protocolAccount, amounts[^1], FeeRecipientRole.UnattributedContributorShare));
        return parts;
    }

    /// <summary>The contributors' weights: each document's weight added to its contributor's.</summary>
    public static IReadOnlyDictionary<string, long> ContributorWeights(IEnumerable<(string Contributor, long Weight)> documents)
    {
        var weights = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (contributor, weight) in documents)
        {
            weights.TryGetValue(contributor, out var sum);
            weights[contributor] = checked(sum + weight);
        }
        return weights;
    }
}
