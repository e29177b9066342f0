namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// A query made ready for scanning (see <see cref="InfluenceIndex.Prepare"/>): its prediction, the loss
/// label, its loss, and the scan vector S = (1/N)·H⁻¹∇ℓ(q), C×D row-major.
/// </summary>
public sealed record PreparedQuery(double[] Probabilities, int PredictedClass, int LossLabel, double Loss, double[] ScanVector);
