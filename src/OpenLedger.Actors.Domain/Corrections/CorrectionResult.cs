namespace OpenLedger.Actors.Domain.Corrections;

/// <summary>The answer to a correction's submission, in precedence order (the first rule broken is the one answered).</summary>
public enum CorrectionResult
{
    Ok = 0,
    /// <summary>The same contributor already sent this correction for this inference (a retry): nothing changes.</summary>
    Exists,
    /// <summary>The inference already has a correction (pending or accepted; or rejected, from this contributor) from another
    /// contributor or with another label: one per inference.</summary>
    ExistsWithDifferentCorrection,
    ContributorInvalid,
    LabelOutOfRange,
    /// <summary>The features are not, bit for bit, the inference's query.</summary>
    FeaturesDiffer,
    /// <summary>The label is the class the model answered: nothing to correct.</summary>
    AgreesWithAnswer,
    /// <summary>A contributor other than the payer must hold the governed minimum stake, which a rejected correction slashes.</summary>
    StakeTooLow,
}

/// <summary>The answer to a reviewer's vote on a correction, in precedence order.</summary>
public enum CorrectionVoteResult
{
    Counted = 0,
    /// <summary>The vote was counted and reached the quorum: the correction is now accepted or rejected.</summary>
    Decided,
    AlreadyDecided,
    /// <summary>The reviewer is the correction's contributor or the inference's payer.</summary>
    NotIndependent,
    AlreadyVoted,
}
