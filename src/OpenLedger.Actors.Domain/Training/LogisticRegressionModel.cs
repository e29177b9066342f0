namespace OpenLedger.Actors.Domain.Training;

/// <summary>
/// A trained multinomial logistic-regression model: the standardiser fitted on its training rows and θ
/// (C×D row-major, bias last). Immutable once trained.
/// </summary>
public sealed class LogisticRegressionModel
{
    public LogisticRegressionModel(FeatureStandardizer standardizer, double[] theta, int classCount, double lambda)
    {
        if (theta.Length != classCount * standardizer.DesignWidth)
            throw new ArgumentException($"θ must hold {classCount}×{standardizer.DesignWidth} values.", nameof(theta));
        Standardizer = standardizer;
        Theta = theta;
        ClassCount = classCount;
        Lambda = lambda;
    }

    public FeatureStandardizer Standardizer { get; }
    public double[] Theta { get; }
    public int ClassCount { get; }
    public double Lambda { get; }
    public int Dimension => Standardizer.Dimension;
    public int DesignWidth => Standardizer.DesignWidth;

    /// <summary>Class probabilities of one raw feature row.</summary>
    public double[] PredictProbabilities(ReadOnlySpan<double> features)
    {
        Span<double> x = stackalloc double[DesignWidth];
        Standardizer.Transform(features, x);
        var probabilities = new double[ClassCount];
        Softmax.Probabilities(Theta, x, probabilities);
        return probabilities;
    }

    /// <summary>Cross-entropy of one raw feature row against <paramref name="label"/>.</summary>
    public double Loss(ReadOnlySpan<double> features, int label)
    {
        Span<double> x = stackalloc double[DesignWidth];
        Standardizer.Transform(features, x);
        Span<double> p = stackalloc double[ClassCount];
        return Softmax.CrossEntropy(Theta, x, label, p);
    }
}
