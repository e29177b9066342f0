using OpenLedger.Actors.Domain.Numerics;

namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// How well one answer's surrogate (<see cref="ContextSurrogate"/>) agrees with the exact values of its language model.
/// </summary>
/// <param name="Lds">Linear datamodeling score on held-out subsets: Spearman correlation, over every subset of the documents not
/// among the training masks, between the surrogate's predicted and the model's actual log-probability.</param>
/// <param name="LdsAllSubsets">The same over all 2ⁿ subsets.</param>
/// <param name="LeaveOneOutLds">The LDS (held-out subsets) of leave-one-out used as a linear model
/// (ln P(all) − Σ of the left-out documents' drops): the baseline the surrogate should beat or match.</param>
/// <param name="Top1">1 when the surrogate's heaviest document is the one whose removal costs most (exact leave-one-out).</param>
/// <param name="Top3Overlap">|top 3 by surrogate ∩ top 3 by leave-one-out| / 3.</param>
/// <param name="Top1Shapley">1 when the surrogate's heaviest document is the one with the largest exact Shapley value.</param>
/// <param name="LeaveOneOutDrops">ln P(all) − ln P(all but d), per document.</param>
public sealed record ContextAttributionAgreement(
    double Lds,
    double LdsAllSubsets,
    double LeaveOneOutLds,
    double Top1,
    double Top3Overlap,
    double Top1Shapley,
    double[] LeaveOneOutDrops,
    double[] ShapleyValues);

/// <summary>
/// Measures a context-attribution surrogate against the exact answers of its model on few documents (n ≤ 16): every
/// subset's log-probability is computed, so leave-one-out, Shapley values and the LDS are exact, not sampled. Ties in the
/// top-k comparisons go to the lower document index.
/// </summary>
public static class ContextAttributionQuality
{
    public static ContextAttributionAgreement Measure(IAnswerLikelihood likelihood, ContextSurrogate surrogate, IReadOnlyList<bool[]> trainingMasks)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        ArgumentNullException.ThrowIfNull(surrogate);
        ArgumentNullException.ThrowIfNull(trainingMasks);
        var n = likelihood.DocumentCount;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 16);
        if (surrogate.Weights.Length != n) throw new ArgumentException("The surrogate covers other documents.", nameof(surrogate));
        var subsets = ContextAblationMasks.All(n);
        var actual = subsets.Select(s => likelihood.LogProbability(s)).ToArray();
        var full = actual[^1];

        var drops = new double[n];
        for (var d = 0; d < n; d++) drops[d] = full - actual[(subsets.Length - 1) & ~(1 << d)];
        var shapley = Shapley(actual, n);

        var trained = new HashSet<int>(trainingMasks.Select(Bits));
        var heldOut = Enumerable.Range(0, subsets.Length).Where(s => !trained.Contains(s)).ToArray();
        double Lds(Func<bool[], double> predict, int[] among) =>
            among.Length < 2 ? double.NaN : RankCorrelation.Spearman(among.Select(s => predict(subsets[s])).ToList(), among.Select(s => actual[s]).ToList());
        var all = Enumerable.Range(0, subsets.Length).ToArray();
        double PredictByLeaveOneOut(bool[] kept) => full - Enumerable.Range(0, n).Where(d => !kept[d]).Sum(d => drops[d]);

        var bySurrogate = TopIndices(surrogate.Weights, 3);
        var byDrop = TopIndices(drops, 3);
        return new ContextAttributionAgreement(
            Lds(kept => surrogate.Predict(kept), heldOut),
            Lds(kept => surrogate.Predict(kept), all),
            Lds(PredictByLeaveOneOut, heldOut),
            bySurrogate[0] == byDrop[0] ? 1 : 0,
            bySurrogate.Intersect(byDrop).Count() / (double)Math.Min(3, n),
            bySurrogate[0] == TopIndices(shapley, 1)[0] ? 1 : 0,
            drops,
            shapley);
    }

    /// <summary>Exact Shapley values from the log-probabilities of all 2ⁿ subsets (subset s keeps document d when bit d is set).</summary>
    public static double[] Shapley(IReadOnlyList<double> subsetValues, int n)
    {
        if (subsetValues.Count != 1 << n) throw new ArgumentException("One value per subset.", nameof(subsetValues));
        var factorial = new double[n + 1];
        factorial[0] = 1;
        for (var k = 1; k <= n; k++) factorial[k] = factorial[k - 1] * k;
        var values = new double[n];
        for (var d = 0; d < n; d++)
        {
            for (var s = 0; s < subsetValues.Count; s++)
            {
                if ((s >> d & 1) == 1) continue;
                var size = System.Numerics.BitOperations.PopCount((uint)s);
                values[d] += factorial[size] * factorial[n - size - 1] / factorial[n] * (subsetValues[s | 1 << d] - subsetValues[s]);
            }
        }
        return values;
    }

    private static int Bits(bool[] mask)
    {
        var bits = 0;
        for (var d = 0; d < mask.Length; d++) if (mask[d]) bits |= 1 << d;
        return bits;
    }

    private static int[] TopIndices(double[] values, int k) =>
        Enumerable.Range(0, values.Length).OrderByDescending(d => values[d]).ThenBy(d => d).Take(k).ToArray();
}
