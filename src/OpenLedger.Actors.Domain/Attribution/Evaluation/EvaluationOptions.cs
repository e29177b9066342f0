namespace OpenLedger.Actors.Domain.Attribution.Evaluation;

/// <summary>Settings of an attribution-quality run (see <see cref="AttributionEvaluator"/>).</summary>
public sealed record EvaluationOptions
{
    /// <summary>L2 strength λ of the trained model and of every retraining.</summary>
    public double Lambda { get; init; } = 0.01;

    /// <summary>Fraction α of the training rows each LDS subset keeps.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Number M of subset retrainings for the linear datamodeling score.</summary>
    public int SubsetCount { get; init; } = 50;

    /// <summary>How many training rows (a seeded sample) get a leave-one-out retraining; 0 skips it.</summary>
    public int LeaveOneOutRows { get; init; } = 40;

    /// <summary>How the exact method's index stores the rows (half measures what reduced precision costs in quality).</summary>
    public Scan.ScanPrecision Storage { get; init; } = Scan.ScanPrecision.Single;

    public RetrainingMode Retraining { get; init; } = RetrainingMode.ZeroWeight;

    /// <summary>Seeds the subsets and the leave-one-out sample; the same seed gives the same report.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Retrainings run in parallel, one per worker.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Measure TracIn (gradient dot products and Newton steps over the training checkpoints) too;
    /// the exact influence functions are always measured.</summary>
    public bool IncludeTracIn { get; init; } = true;

    public bool IncludeRepresentationSimilarity { get; init; } = true;

    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!(Lambda > 0) || !double.IsFinite(Lambda)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "λ must be a positive finite number.");
        if (!(Alpha > 0 && Alpha < 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "α must lie strictly between 0 and 1.");
        if (SubsetCount < 3) throw new ArgumentOutOfRangeException(nameof(SubsetCount), SubsetCount, "At least 3 subsets are needed for a rank correlation.");
        if (LeaveOneOutRows < 0 || LeaveOneOutRows == 1 || LeaveOneOutRows == 2)
            throw new ArgumentOutOfRangeException(nameof(LeaveOneOutRows), LeaveOneOutRows, "Leave-one-out needs 0 (skip) or at least 3 rows.");
        if (MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "At least one worker is needed.");
        if (!Enum.IsDefined(Storage)) throw new ArgumentOutOfRangeException(nameof(Storage), Storage, "Unknown storage precision.");
        if (!Enum.IsDefined(Retraining)) throw new ArgumentOutOfRangeException(nameof(Retraining), Retraining, "Unknown retraining mode.");
    }
}
