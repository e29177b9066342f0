using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Layers;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Corrections;

/// <summary>
/// Accepted corrections as the rows of a version of the corrections Datanet, ready to be a layer of the next model
/// version: one row per correction (its features and corrected label), in submission order (ties by inference id), row
/// ids from 1. The row belongs to the correction's contributor, except a payer's own correction, whose row is credited to
/// <see cref="UnpaidContributor"/> (the protocol keeps what it would earn).
/// </summary>
public static class CorrectionsLayer
{
    public const string UnpaidContributor = AccountId.Protocol;

    public static LayerRows Rows(LayerId id, IEnumerable<CorrectionRecord> accepted, int dimension, int classCount)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var rows = accepted.OrderBy(c => c.SubmittedAt).ThenBy(c => c.InferenceId, StringComparer.Ordinal).ToArray();
        if (rows.Length == 0) throw new ArgumentException("A corrections layer needs at least one accepted correction.", nameof(accepted));
        var features = new double[(long)rows.Length * dimension];
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Status != CorrectionStatus.Accepted) throw new ArgumentException($"The correction of '{rows[i].InferenceId}' is not accepted.", nameof(accepted));
            if (rows[i].Features.Length != dimension) throw new ArgumentException($"The correction of '{rows[i].InferenceId}' has {rows[i].Features.Length} features, not {dimension}.", nameof(accepted));
            rows[i].Features.CopyTo(features, (long)i * dimension);
        }
        var data = new LabeledDataset(features, rows.Select(c => c.Label).ToArray(), dimension, classCount);
        return new LayerRows(id, Enumerable.Range(1, rows.Length).Select(r => (long)r).ToArray(),
            rows.Select(c => c.IsPaid ? c.Contributor : UnpaidContributor).ToArray(), data);
    }
}
