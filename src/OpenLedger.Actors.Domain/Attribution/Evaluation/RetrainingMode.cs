namespace OpenLedger.Actors.Domain.Attribution.Evaluation;

/// <summary>How a model is retrained on a subset of its training rows.</summary>
public enum RetrainingMode
{
    /// <summary>
    /// From scratch with the built-in trainer on the kept rows only, exactly as a user would train on that
    /// subset: the standardiser is refitted, the loss is averaged over the kept rows, same λ.
    /// </summary>
    Scratch,

    /// <summary>
    /// The counterfactual influence functions estimate: the removed rows get weight 0 in the full objective
    /// (same standardisation, same λ and 1/N), warm-started from the full model and solved to 1e-10.
    /// </summary>
    ZeroWeight,
}
