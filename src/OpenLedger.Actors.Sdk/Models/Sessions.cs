namespace OpenLedger.Actors.Sdk.Models;

public sealed record Session(string SessionId, string PayerAccount, string ModelId, int TopK, DateTimeOffset OpenedAt);

/// <summary>One training row's influence on the answer and its share of the contributors' part of the fee.</summary>
public sealed record Influence(long RowId, string Contributor, string ContentHash, double Score, double Weight);

/// <summary>One line of the fee's ledger transfer.</summary>
public sealed record Posting(string DebitAccount, string CreditAccount, long Amount, string Code);

/// <summary>Why the answer cost what it did and who was paid: the influences and the exact postings of the fee.</summary>
public sealed record AttributionReceipt(string ModelId, string DatanetId, int DatanetVersion, string Method, int TopK, IReadOnlyList<Influence> Influences,
    long Fee, IReadOnlyList<Posting> Postings, string LedgerTransferId, int ParameterVersion);

public sealed record InferenceResult(string InferenceId, string SessionId, int PredictedClass, double[] Probabilities, AttributionReceipt Receipt, DateTimeOffset CompletedAt);
