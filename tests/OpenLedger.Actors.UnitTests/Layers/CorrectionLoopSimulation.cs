using System.Diagnostics;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Corrections;
using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Governance;
using OpenLedger.Actors.Domain.Layers;
using OpenLedger.Actors.Domain.Lineage;
using OpenLedger.Actors.Domain.Training;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.UnitTests.Layers;

/// <summary>Settings of <see cref="CorrectionLoopSimulation"/>; the defaults are the measured run.</summary>
internal sealed record LoopSettings
{
    public int Seed { get; init; } = 20261203;
    public int BaseRows { get; init; } = 700;
    public int FirstStreamRows { get; init; } = 600;
    /// <summary>Share of the base Datanet's labels flipped to another class (the noise v1 learns).</summary>
    public double FlippedFraction { get; init; } = 0.3;
    /// <summary>Share of wrong answers an honest reviewer flags with the right label.</summary>
    public double HonestFlagRate { get; init; } = 0.7;
    /// <summary>Share of wrong answers the paying agent flags itself (accepted, never paid).</summary>
    public double PayerFlagRate { get; init; } = 0.1;
    /// <summary>Share of all inferences the attacker flags, with a label that is neither the truth nor the answer.</summary>
    public double AttackRate { get; init; } = 0.1;
    public double CorrectionsWeight { get; init; } = 2;
    public int Quorum { get; init; } = 2;
    public long Fee { get; init; } = 1_000_000;
    public long Stake { get; init; } = 1_000_000;
    public ProtocolParameters Parameters { get; init; } = ProtocolParameters.Default with { MinimumStake = 100_000, LayerFloorBps = 1_000 };
}

/// <summary>What one contributor of corrections did and got.</summary>
internal sealed record CorrectorOutcome(string Account, int Submitted, int Accepted, int Rejected, double PaidInfluence, long Earned, long Slashed)
{
    public long Net => Earned - Slashed;
}

/// <summary>One layer's part of the second stream's fees.</summary>
internal sealed record LayerOutcome(LayerId Layer, double Weight, int Rows, double MeanShare, long CuratorPool, long Contributors, long UnpaidKeptByProtocol);

internal sealed record LoopOutcome(
    ModelVersion V1,
    ModelVersion V2,
    PromotionResult Promotion,
    int FirstStreamWrong,
    IReadOnlyList<LayerOutcome> Layers,
    IReadOnlyList<CorrectorOutcome> Correctors,
    int Inferences,
    int ConservedInferences,
    long FeesCharged,
    long FeesPaidOut,
    IReadOnlyDictionary<string, long> EarnedByAccount,
    TimeSpan Elapsed);

/// <summary>
/// The feedback loop of issue 17 on the bundled digits, from the domain classes alone: v1 trained on a noisy base
/// Datanet; a first stream of inferences on unseen queries, wrong answers flagged with the right label by honest
/// reviewers (some by the paying agent itself) and some inferences flagged with wrong labels by an attacker; each
/// correction decided by a quorum of honest curators, rejected ones slashing their contributor's stake; v2 trained on
/// the base layer plus the accepted corrections as a second, heavier layer, promoted only if not worse on the held-out
/// set; then a second stream of inferences on the held-out queries, each fee split by influence across both layers.
/// Deterministic for a seed.
/// </summary>
internal static class CorrectionLoopSimulation
{
    public const string Family = "digits";
    public static readonly string[] Reviewers = ["reviewer-1", "reviewer-2", "reviewer-3", "reviewer-4", "reviewer-5"];
    public const string Attacker = "attacker";
    public static readonly string[] Payers = ["agent:platform-a", "agent:platform-b", "agent:platform-c"];
    private static readonly string[] Curators = ["curator-1", "curator-2", "curator-3", "curator-4"];
    private const string ModelOwner = "model-owner";
    private static readonly TrainerOptions Trainer = new() { Lambda = 0.01 };

    public static LoopOutcome Run(LoopSettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        var rng = new Random(settings.Seed);
        var data = BundledData.Digits;
        var order = Enumerable.Range(0, data.RowCount).ToArray();
        rng.Shuffle(order);
        var baseRows = NoisyLabels(data.Subset(order[..settings.BaseRows]), settings.FlippedFraction, rng);
        var firstStream = data.Subset(order[settings.BaseRows..(settings.BaseRows + settings.FirstStreamRows)]);
        var heldOut = data.Subset(order[(settings.BaseRows + settings.FirstStreamRows)..]);
        var heldOutKey = $"digits-held-out-{settings.Seed}-{heldOut.RowCount}";
        var parameters = settings.Parameters;

        // v1: the base Datanet alone
        var baseLayer = new LayerRows(new LayerId("digits-base", 1), Enumerable.Range(1, baseRows.RowCount).Select(r => (long)r).ToArray(),
            Enumerable.Range(0, baseRows.RowCount).Select(r => $"base-contributor-{r % 5 + 1}").ToArray(), baseRows);
        var manifest1 = LayeredManifest.Single(baseLayer.Id.DatanetId, baseLayer.Id.Version);
        var v1Model = LayeredTrainingSet.Build(manifest1, [baseLayer]).Train(Trainer).Model;
        var family = ModelFamily.Create(Family);
        var v1 = new ModelVersion(Family, 1, null, manifest1, Trainer.Lambda, Measure(v1Model, heldOut, heldOutKey), "artifact-v1", DateTimeOffset.UnixEpoch);
        Check(family.Register(v1) == RegisterResult.Ok, "v1 registers");

        // the first stream: answers, flags, curation
        var standings = Reviewers.Append(Attacker).ToDictionary(a => a, _ => new ContributorStanding());
        foreach (var standing in standings.Values) standing.AddStake(settings.Stake);
        var submitted = new Dictionary<string, (int Submitted, int Accepted, int Rejected)>();
        var corrections = new Dictionary<string, CorrectionRecord>(StringComparer.Ordinal);
        var wrong = 0;
        for (var q = 0; q < firstStream.RowCount; q++)
        {
            var features = firstStream.Row(q).ToArray();
            var truth = firstStream.Labels[q];
            var answer = Softmax.ArgMax(v1Model.PredictProbabilities(features));
            var inference = new AnsweredInference($"stream-1|{q}", Family, 1, Payers[q % Payers.Length], features, answer);
            if (answer != truth) wrong++;
            var flags = new List<(string Contributor, int Label)>();
            if (rng.NextDouble() < settings.AttackRate) flags.Add((Attacker, WrongLabel(truth, answer, data.ClassCount, rng)));
            var draw = rng.NextDouble();
            if (answer != truth && draw < settings.HonestFlagRate) flags.Add((PickReviewer(rng), truth));
            else if (answer != truth && draw < settings.HonestFlagRate + settings.PayerFlagRate) flags.Add((inference.Payer, truth));
            foreach (var (contributor, label) in flags)
            {
                var stake = standings.TryGetValue(contributor, out var s) ? s.Stake : 0;
                var (result, record) = CorrectionRules.Submit(corrections.GetValueOrDefault(inference.InferenceId), inference, contributor, features, label,
                    data.ClassCount, stake, parameters.MinimumStake, DateTimeOffset.UnixEpoch.AddSeconds(q));
                if (result != CorrectionResult.Ok) continue;
                var decided = Curate(record!, truth, settings.Quorum, rng);
                corrections[inference.InferenceId] = decided;
                var counts = submitted.GetValueOrDefault(contributor);
                var accepted = decided.Status == CorrectionStatus.Accepted;
                submitted[contributor] = (counts.Submitted + 1, counts.Accepted + (accepted ? 1 : 0), counts.Rejected + (accepted ? 0 : 1));
                if (standings.TryGetValue(contributor, out var standing))
                {
                    standing.RecordReview(accepted ? 1 : 0, accepted ? 0 : 1);
                    if (decided.OwesPenalty) standing.Penalise(parameters.SlashingFractionBps);
                }
            }
        }

        // v2: base + accepted corrections as a heavier second layer; promoted only if not worse on the held-out set
        var correctionsLayer = CorrectionsLayer.Rows(new LayerId("digits-corrections", 1),
            corrections.Values.Where(c => c.Status == CorrectionStatus.Accepted), data.Dimension, data.ClassCount);
        var manifest2 = new LayeredManifest([new(baseLayer.Id.DatanetId, 1, 1), new(correctionsLayer.Id.DatanetId, 1, settings.CorrectionsWeight)]);
        var training2 = LayeredTrainingSet.Build(manifest2, [baseLayer, correctionsLayer]);
        var v2Model = training2.Train(Trainer).Model;
        var v2 = new ModelVersion(Family, 2, 1, manifest2, Trainer.Lambda, Measure(v2Model, heldOut, heldOutKey), "artifact-v2", DateTimeOffset.UnixEpoch);
        Check(family.Register(v2) == RegisterResult.Ok, "v2 registers");
        var promotion = family.Promote(2);

        // the second stream: the current version answers the held-out queries, each fee split across the layers
        var serving = family.Resolve(null)!;
        var index = serving.Version == 2 ? training2.BuildIndex(v2Model) : null;
        Check(index is not null, "v2 serves the second stream");
        var pools = manifest2.Layers.Select(l => RecipientCap.CuratorPoolAccount(l.DatanetId)).ToArray();
        var prepared = Enumerable.Range(0, heldOut.RowCount).Select(q => index!.Prepare(heldOut.Row(q))).ToArray();
        var attributions = index!.AttributePrepared(prepared, parameters.TopK);
        var earned = new Dictionary<string, long>(StringComparer.Ordinal);
        var paidInfluence = new Dictionary<string, double>(StringComparer.Ordinal);
        var shareSums = new double[manifest2.Count];
        var poolEarnings = new long[manifest2.Count];
        long charged = 0, paidOut = 0;
        var conserved = 0;
        foreach (var attribution in attributions)
        {
            var paid = attribution.TopInfluences.Where(i => i.Score >= parameters.InfluenceFloor).ToList();
            var payable = ContributorRewards.PayableInfluence(paid.Select(i => (training2.Origin(i.RowIndex).Contributor, i.Score)), parameters.InfluenceFloor);
            var shares = LayerShares.Of(paid, training2);
            IReadOnlyList<FeeAllocation> parts = LayeredFeeSplit.Split(settings.Fee, parameters.FeeShares, AccountId.Protocol, ModelOwner, pools, shares,
                parameters.LayerFloorBps, payable);
            var reduced = payable.Keys.Where(standings.ContainsKey)
                .Select(a => (a, Rate: standings[a].RewardRateBps(parameters.PenaltyThreshold, parameters.PenalizedRewardBps)))
                .Where(r => r.Rate < 10_000).ToDictionary(r => r.a, r => r.Rate);
            if (reduced.Count > 0) parts = ContributorRewards.ApplyRewardRates(parts, reduced, AccountId.Protocol);

            charged += settings.Fee;
            var sum = parts.Sum(p => p.Amount);
            paidOut += sum;
            if (sum == settings.Fee && parts.All(p => p.Amount > 0)) conserved++;
            for (var l = 0; l < shareSums.Length; l++) shareSums[l] += shares.PartsPerBillion[l] / (double)LayerShares.Scale;
            foreach (var part in parts)
            {
                if (part.Role == FeeRecipientRole.CuratorPool) poolEarnings[Array.IndexOf(pools, part.Account)] += part.Amount;
                if (part.Role == FeeRecipientRole.Contributor) earned[part.Account] = earned.GetValueOrDefault(part.Account) + part.Amount;
            }
            foreach (var (account, influence) in payable) paidInfluence[account] = paidInfluence.GetValueOrDefault(account) + influence;
        }

        var layers = new[] { baseLayer, correctionsLayer }.Select((rows, l) =>
        {
            var accounts = rows.Contributors.ToHashSet(StringComparer.Ordinal);
            var paidToContributors = accounts.Where(a => a != CorrectionsLayer.UnpaidContributor).Sum(a => earned.GetValueOrDefault(a));
            var unpaid = accounts.Contains(CorrectionsLayer.UnpaidContributor) ? earned.GetValueOrDefault(CorrectionsLayer.UnpaidContributor) : 0;
            return new LayerOutcome(rows.Id, manifest2[l].Weight, rows.RowCount, shareSums[l] / attributions.Count, poolEarnings[l], paidToContributors, unpaid);
        }).ToList();
        var correctors = Reviewers.Append(Attacker).Concat(Payers).Select(account =>
        {
            var counts = submitted.GetValueOrDefault(account);
            return new CorrectorOutcome(account, counts.Submitted, counts.Accepted, counts.Rejected, paidInfluence.GetValueOrDefault(account),
                earned.GetValueOrDefault(account), standings.TryGetValue(account, out var s) ? s.Slashed : 0);
        }).ToList();
        return new LoopOutcome(v1, v2, promotion, wrong, layers, correctors, attributions.Count, conserved, charged, paidOut, earned,
            Stopwatch.GetElapsedTime(started));
    }

    private static HeldOutEvaluation Measure(LogisticRegressionModel model, LabeledDataset heldOut, string key)
    {
        var (loss, accuracy) = LogisticRegressionTrainer.Evaluate(model, heldOut);
        return new HeldOutEvaluation(key, heldOut.RowCount, accuracy, loss);
    }

    /// <summary>Honest curators, in a random order, vote until the quorum decides: approve exactly when the label is the truth.</summary>
    private static CorrectionRecord Curate(CorrectionRecord record, int truth, int quorum, Random rng)
    {
        var curators = Curators.ToArray();
        rng.Shuffle(curators);
        foreach (var curator in curators)
        {
            var (result, next) = CorrectionRules.Vote(record, curator, record.Label == truth, quorum);
            record = next;
            if (result == CorrectionVoteResult.Decided) break;
        }
        Check(record.Status != CorrectionStatus.Pending, "the quorum decides every correction");
        return record;
    }

    /// <summary>Reviewer k is k times as active as reviewer 1, so their corrections' counts (and influence) differ.</summary>
    private static string PickReviewer(Random rng)
    {
        var total = Reviewers.Length * (Reviewers.Length + 1) / 2;
        var draw = rng.Next(total);
        for (var k = 0; k < Reviewers.Length; k++)
        {
            draw -= k + 1;
            if (draw < 0) return Reviewers[k];
        }
        return Reviewers[^1];
    }

    private static int WrongLabel(int truth, int answer, int classes, Random rng)
    {
        while (true)
        {
            var label = rng.Next(classes);
            if (label != truth && label != answer) return label;
        }
    }

    private static LabeledDataset NoisyLabels(LabeledDataset data, double fraction, Random rng)
    {
        var labels = data.Labels.ToArray();
        var flipped = new HashSet<int>();
        while (flipped.Count < (int)(data.RowCount * fraction))
        {
            var i = rng.Next(data.RowCount);
            if (flipped.Add(i)) labels[i] = (labels[i] + 1 + rng.Next(data.ClassCount - 1)) % data.ClassCount;
        }
        return new LabeledDataset(data.Features, labels, data.Dimension, data.ClassCount, data.FeatureNames);
    }

    private static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"The simulation went off its path: {what}.");
    }
}
