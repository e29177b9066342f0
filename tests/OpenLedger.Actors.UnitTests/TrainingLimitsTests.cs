using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Governance;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The built-in trainer's governed limits and its typed numerical failure.</summary>
public sealed class TrainingLimitsTests
{
    private static readonly TrainingLimits Limits = TrainingLimits.Default;

    [Theory]
    [InlineData(64, 10)]   // digits, P = 650
    [InlineData(30, 2)]    // breast cancer, P = 62
    [InlineData(300, 10)]  // the 58-second Datanet, P = 3,010
    [InlineData(408, 10)]  // P = 4,090: the widest 10-class model
    public void The_bundled_models_and_a_300_by_10_Datanet_are_within_the_default_limits(int dimension, int classes) =>
        Assert.Null(Limits.Check(dimension, classes, 0.01));

    [Theory]
    [InlineData(409, 10)]
    [InlineData(65_536, 2)]        // overflowed an int (P² in the Hessian) before
    [InlineData(65_536, 1_000)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Too_many_parameters_is_refused_without_overflow(int dimension, int classes)
    {
        var problem = Limits.Check(dimension, classes, 0.01);
        Assert.Equal("training.too_many_parameters", problem?.Code);
        Assert.Contains(TrainingLimits.ParameterCount(dimension, classes).ToString("N0"), problem!.Message);
    }

    [Theory]
    [InlineData(1e-20)]
    [InlineData(1e-9)]
    [InlineData(1e5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Lambda_outside_the_range_is_refused(double lambda) =>
        Assert.Equal("training.lambda_out_of_range", Limits.Check(10, 2, lambda)?.Code);

    [Theory]
    [InlineData(1e-8)]
    [InlineData(1e4)]
    public void The_range_is_inclusive(double lambda) => Assert.Null(Limits.CheckLambda(lambda));

    [Fact]
    public void The_limits_are_governed_parameters_with_their_own_bounds()
    {
        Assert.Equal(Limits, ProtocolParameters.Default.Training);
        Assert.Empty(ProtocolParameters.Default.Problems());
        Assert.Contains((ProtocolParameters.Default with { MaxModelParameters = 1 }).Problems(), p => p.Code == "parameters.max_model_parameters");
        Assert.Contains((ProtocolParameters.Default with { MaxModelParameters = 20_000 }).Problems(), p => p.Code == "parameters.max_model_parameters");
        Assert.Contains((ProtocolParameters.Default with { MinLambda = 1e-20 }).Problems(), p => p.Code == "parameters.lambda_range");
        Assert.Contains((ProtocolParameters.Default with { MinLambda = 1, MaxLambda = 0.5 }).Problems(), p => p.Code == "parameters.lambda_range");
    }

    /// <summary>Two identical columns and λ far below rounding: the Hessian's Cholesky pivot is not positive.</summary>
    [Fact]
    public void A_Hessian_that_is_not_positive_definite_is_a_typed_numerical_failure()
    {
        var random = new Random(5);
        var features = new List<double>();
        var labels = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            var x = random.NextDouble() * 2 - 1;
            features.Add(x);
            features.Add(x);
            labels.Add(x > 0 ? 1 : 0);
        }
        var data = new LabeledDataset(features.ToArray(), labels.ToArray(), 2, 2);
        var steps = new List<int>();
        var failure = Assert.Throws<TrainingNumericalFailureException>(() =>
            LogisticRegressionTrainer.Train(data, new TrainerOptions { Lambda = 1e-20, StepTaken = steps.Add }));
        Assert.Contains("not numerically positive definite", failure.Message);
        Assert.Equal(failure.Iteration - 1, steps.Count); // the steps before the failing one were reported
    }
}
