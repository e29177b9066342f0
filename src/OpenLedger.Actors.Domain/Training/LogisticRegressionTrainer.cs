using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.Domain.Training;

/// <summary>What training produced: the model and how well the solve went.</summary>
public sealed record TrainingResult(
    LogisticRegressionModel Model,
    double Objective,
    double MeanCrossEntropy,
    double Accuracy,
    double GradientNorm,
    int Iterations)
{
    /// <summary>θ before each Newton step and the step length taken (empty unless
    /// <see cref="TrainerOptions.RecordCheckpoints"/> was set).</summary>
    public IReadOnlyList<TrainingCheckpoint> Checkpoints { get; init; } = [];
}

/// <summary>
/// The built-in trainer: L2-regularised multinomial logistic regression on z-scored features with a
/// bias column, minimising (1/N)·Σ wᵢ·CE + (λ/2)·‖θ‖² with Newton's method to ‖∇J‖ ≤ tolerance. Row weights
/// wᵢ default to 1 (a layered manifest gives each Datanet version its weight); the standardisation is fitted
/// on the rows unweighted, so weights change the fit, never the feature scale.
/// </summary>
public static class LogisticRegressionTrainer
{
    /// <param name="rowWeights">One finite weight ≥ 0 per row, or null for 1 everywhere (the same bits as all ones).</param>
    public static TrainingResult Train(LabeledDataset data, TrainerOptions options, double[]? rowWeights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        var standardizer = FeatureStandardizer.Fit(data.Features, data.RowCount, data.Dimension);
        var design = standardizer.DesignMatrix(data.Features, data.RowCount);
        var objective = new LogisticRegressionObjective(design, data.Labels, standardizer.DesignWidth, data.ClassCount, options.Lambda, rowWeights);
        var checkpoints = options.RecordCheckpoints ? new List<TrainingCheckpoint>() : null;
        var solved = NewtonSolver.Minimize(objective, options.GradientTolerance, options.MaxIterations, checkpoints: checkpoints, stepTaken: options.StepTaken);
        if (!solved.Converged)
            throw new TrainingDidNotConvergeException(solved.GradientNorm, options.GradientTolerance, solved.Iterations);
        var model = new LogisticRegressionModel(standardizer, solved.Theta, data.ClassCount, options.Lambda);
        var (meanLoss, accuracy) = Evaluate(model, data);
        return new TrainingResult(model, solved.Objective, meanLoss, accuracy, solved.GradientNorm, solved.Iterations)
        {
            Checkpoints = checkpoints ?? [],
        };
    }

    /// <summary>Mean cross-entropy and accuracy of a model on a labelled set.</summary>
    public static (double MeanCrossEntropy, double Accuracy) Evaluate(LogisticRegressionModel model, LabeledDataset data)
    {
        double loss = 0;
        var correct = 0;
        for (var i = 0; i < data.RowCount; i++)
        {
            var probabilities = model.PredictProbabilities(data.Row(i));
            loss += -Math.Log(Math.Max(probabilities[data.Labels[i]], double.Epsilon));
            if (Softmax.ArgMax(probabilities) == data.Labels[i]) correct++;
        }
        return (loss / data.RowCount, (double)correct / data.RowCount);
    }
}

