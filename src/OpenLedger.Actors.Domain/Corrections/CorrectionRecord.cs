namespace OpenLedger.Actors.Domain.Corrections;

/// <summary>
/// Feedback on one inference: the class it should have answered, from <paramref name="Contributor"/>, linked to the
/// inference (one correction per inference, keyed by its id) and to the model version that answered; reviewed by a
/// quorum of independent reviewers. A correction from the inference's payer may be accepted (it improves the model) but
/// is never paid (<see cref="IsPaid"/>): paying for an inference and flagging it must not earn.
/// <para>Size budget (grain state, one per corrected inference): the features 8·D bytes (the built-in trainer's parameter
/// cap keeps D ≤ 8,191, so ≤ 64 KB), five identifiers of ≤ 128 characters, and at most 2·<see cref="CorrectionRules.MaxQuorum"/> − 1
/// reviewer ids (≤ 2.2 KB): under 70 KB.</para>
/// </summary>
public sealed record CorrectionRecord(
    string InferenceId,
    string ModelFamily,
    int ModelVersion,
    string Payer,
    string Contributor,
    double[] Features,
    int Answer,
    int Label,
    DateTimeOffset SubmittedAt,
    CorrectionStatus Status,
    IReadOnlyList<string> Approvals,
    IReadOnlyList<string> Rejections)
{
    public bool IsPaid => !string.Equals(Contributor, Payer, StringComparison.Ordinal);

    /// <summary>A rejected correction costs its contributor a penalty (a slash of their stake).</summary>
    public bool OwesPenalty => Status == CorrectionStatus.Rejected;
}
