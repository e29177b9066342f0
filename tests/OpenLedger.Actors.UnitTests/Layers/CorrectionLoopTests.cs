using System.Globalization;
using OpenLedger.Actors.Domain.Lineage;
using OpenLedger.Actors.Domain.Numerics;
using Xunit.Abstractions;

namespace OpenLedger.Actors.UnitTests.Layers;

/// <summary>The loop of issue 17, measured (see <see cref="CorrectionLoopSimulation"/>): v2 beats v1 on the held-out set,
/// honest correctors earn in step with their corrections' influence, the attacker loses money, every fee is conserved.</summary>
public sealed class CorrectionLoopTests(ITestOutputHelper output)
{
    [Fact]
    public void Corrections_improve_the_model_pay_honest_correctors_and_cost_the_attacker()
    {
        var loop = CorrectionLoopSimulation.Run(new LoopSettings());
        foreach (var line in Table(loop)) output.WriteLine(line);

        Assert.True(loop.V2.HeldOut.Accuracy > loop.V1.HeldOut.Accuracy, $"v2 {loop.V2.HeldOut.Accuracy:P2} is not above v1 {loop.V1.HeldOut.Accuracy:P2}");
        Assert.Equal(PromotionResult.Promoted, loop.Promotion);

        Assert.Equal(loop.Inferences, loop.ConservedInferences);
        Assert.Equal(loop.FeesCharged, loop.FeesPaidOut);

        var honest = loop.Correctors.Where(c => CorrectionLoopSimulation.Reviewers.Contains(c.Account)).ToList();
        Assert.All(honest, c => Assert.True(c.Earned > 0, $"{c.Account} earned nothing"));
        var byInfluence = RankCorrelation.Spearman(honest.Select(c => c.PaidInfluence).ToArray(), honest.Select(c => (double)c.Earned).ToArray());
        var byCount = RankCorrelation.Spearman(honest.Select(c => (double)c.Accepted).ToArray(), honest.Select(c => (double)c.Earned).ToArray());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Honest correctors, Spearman of earnings against their corrections' paid influence: {byInfluence:F2}; against their accepted corrections: {byCount:F2}."));
        Assert.True(byInfluence >= 0.9, $"earnings follow influence with Spearman {byInfluence:F2}");

        var attacker = loop.Correctors.Single(c => c.Account == CorrectionLoopSimulation.Attacker);
        Assert.True(attacker.Submitted > 0 && attacker.Slashed > 0);
        Assert.True(attacker.Net <= 0, $"the attacker made {attacker.Net}");
        Assert.All(loop.Correctors.Where(c => CorrectionLoopSimulation.Payers.Contains(c.Account)), c => Assert.Equal(0, c.Earned));
        Assert.All(loop.Layers, l => Assert.True(l.CuratorPool > 0 && l.Contributors > 0, $"layer {l.Layer} earned nothing"));
        Assert.True(loop.Elapsed < TimeSpan.FromSeconds(60), $"the loop took {loop.Elapsed}");
    }

    private static IEnumerable<string> Table(LoopOutcome loop)
    {
        var c = CultureInfo.InvariantCulture;
        yield return $"Held-out accuracy ({loop.V1.HeldOut.Rows} queries; v1 answered {loop.FirstStreamWrong} of the first stream wrong):";
        yield return "| version | parent | layers (weight) | held-out accuracy | mean cross-entropy |";
        yield return "| --- | --- | --- | --- | --- |";
        foreach (var v in new[] { loop.V1, loop.V2 })
            yield return string.Create(c, $"| v{v.Version} | {(v.Parent is { } p ? $"v{p}" : "—")} | {string.Join(" + ", v.Manifest.Layers.Select(l => $"{l.DatanetId}@v{l.Version} ({l.Weight:G})"))} | {v.HeldOut.Accuracy:P2} | {v.HeldOut.MeanCrossEntropy:F3} |");
        yield return $"Promotion of v2: {loop.Promotion}.";
        yield return "";
        yield return string.Create(c, $"Second stream: {loop.Inferences} inferences at {loop.FeesCharged / loop.Inferences:N0} micro-units; {loop.ConservedInferences} of {loop.Inferences} splits sum exactly to the fee; {loop.FeesPaidOut:N0} of {loop.FeesCharged:N0} paid out.");
        yield return "| layer | weight | rows | mean influence share | curator pool | contributors | payer flags (kept by protocol) |";
        yield return "| --- | --- | --- | --- | --- | --- | --- |";
        foreach (var l in loop.Layers)
            yield return string.Create(c, $"| {l.Layer} | {l.Weight:G} | {l.Rows} | {l.MeanShare:P1} | {l.CuratorPool:N0} | {l.Contributors:N0} | {l.UnpaidKeptByProtocol:N0} |");
        yield return "";
        yield return "| corrector | submitted | accepted | rejected | paid influence | earned | slashed | net |";
        yield return "| --- | --- | --- | --- | --- | --- | --- | --- |";
        foreach (var k in loop.Correctors)
            yield return string.Create(c, $"| {k.Account} | {k.Submitted} | {k.Accepted} | {k.Rejected} | {k.PaidInfluence:E3} | {k.Earned:N0} | {k.Slashed:N0} | {k.Net:N0} |");
        yield return string.Create(c, $"Loop time: {loop.Elapsed.TotalSeconds:F1} s.");
    }
}
