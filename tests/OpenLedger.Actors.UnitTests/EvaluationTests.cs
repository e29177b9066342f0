using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Attribution.Evaluation;
using Xunit.Abstractions;

namespace OpenLedger.Actors.UnitTests;

public sealed class EvaluationTests(ITestOutputHelper output)
{
    /// <summary>
    /// The exact influence functions must predict subset retraining: LDS ≥ 0.90 at λ = 0.01, α = 0.5, M = 50.
    /// The README's full-size figures come from the evaluate command; this runs on a size that takes seconds.
    /// </summary>
    [Theory]
    [InlineData("breast_cancer", 469, 0.90)]
    [InlineData("digits", 500, 0.90)]
    public void Exact_influence_reaches_an_LDS_of_0_90(string dataset, int trainCount, double bound)
    {
        var data = dataset == "digits" ? BundledData.Digits : BundledData.BreastCancer;
        var (train, queries) = BundledData.Split(data, trainCount, testCount: 30, seed: 5);
        var report = AttributionEvaluator.Evaluate(train, queries, new EvaluationOptions { Lambda = 0.01, Alpha = 0.5, SubsetCount = 50, LeaveOneOutRows = 20, Seed = 3 });

        foreach (var m in report.Methods) output.WriteLine($"{dataset} N={train.RowCount}: {m.Method,-26} LDS {m.Lds:F3}  LOO {m.LeaveOneOut:F3}");
        var exact = report.Methods[0];
        Assert.Equal(InfluenceIndex.MethodName, exact.Method);
        Assert.True(exact.Lds >= bound, $"LDS {exact.Lds:F3} < {bound}");
        Assert.True(exact.LeaveOneOut >= 0.9, $"leave-one-out {exact.LeaveOneOut:F3}");
        Assert.Equal(["exact-influence", "tracin", "tracin-newton", "representation-similarity"], report.Methods.Select(m => m.Method));
        // The exact method should beat the methods that never see the Hessian.
        Assert.All(report.Methods.Skip(1), m => Assert.True(m.Lds < exact.Lds, $"{m.Method} {m.Lds:F3} ≥ exact {exact.Lds:F3}"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_report_and_another_seed_other_subsets()
    {
        var (train, queries) = BundledData.Split(BundledData.BreastCancer, 120, 6, seed: 1);
        var options = new EvaluationOptions { SubsetCount = 8, LeaveOneOutRows = 5, Seed = 9, MaxDegreeOfParallelism = 2 };
        var first = AttributionEvaluator.Evaluate(train, queries, options);
        var second = AttributionEvaluator.Evaluate(train, queries, options with { MaxDegreeOfParallelism = 1 });
        var other = AttributionEvaluator.Evaluate(train, queries, options with { Seed = 10 });

        Assert.Equal(first.ActualLossChange, second.ActualLossChange);
        Assert.Equal(first.Methods.Select(m => m.Lds), second.Methods.Select(m => m.Lds));
        Assert.Equal(first.LeaveOneOutRows, second.LeaveOneOutRows);
        Assert.NotEqual(first.ActualLossChange, other.ActualLossChange);
        Assert.Equal(60, first.KeptRowsPerSubset);
    }

    [Fact]
    public void Subsets_keep_exactly_alpha_N_rows_and_differ()
    {
        var masks = RandomSubsets.Draw(101, 0.5, 20, seed: 4);
        Assert.All(masks, m => Assert.Equal(51, m.Count(kept => kept)));
        Assert.Equal(20, masks.Select(m => string.Concat(m.Select(k => k ? '1' : '0'))).Distinct().Count());
        Assert.Equal(RandomSubsets.Draw(101, 0.5, 20, seed: 4), masks);
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomSubsets.Draw(10, 0.99, 3, 1));
    }

    [Fact]
    public void Bad_options_are_refused_before_any_work()
    {
        var (train, queries) = BundledData.Split(BundledData.BreastCancer, 50, 3, seed: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionEvaluator.Evaluate(train, queries, new EvaluationOptions { Alpha = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionEvaluator.Evaluate(train, queries, new EvaluationOptions { SubsetCount = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionEvaluator.Evaluate(train, queries, new EvaluationOptions { Lambda = 0 }));
        Assert.Throws<ArgumentException>(() => AttributionEvaluator.Evaluate(train, BundledData.Digits.Subset([0, 1]), new EvaluationOptions()));
    }
}
