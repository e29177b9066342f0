namespace OpenLedger.Actors.Domain.Corrections;

/// <summary>
/// What a correction needs to know of the inference it corrects (from its receipt): the inference id, the exact model
/// version that answered, who paid for it, the query's features and the class the model answered.
/// </summary>
public sealed record AnsweredInference(string InferenceId, string ModelFamily, int ModelVersion, string Payer, double[] Features, int Answer);
