namespace OpenLedger.Actors.Abstractions.Errors;

/// <summary>The broad class of a refused request; maps onto HTTP status codes at the edge.</summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or breaks a rule (400).</summary>
    Validation = 0,
    /// <summary>The referenced thing does not exist (404).</summary>
    NotFound = 1,
    /// <summary>The caller may not do this to this resource (403).</summary>
    Forbidden = 2,
    /// <summary>The request clashes with existing state, e.g. an idempotency key reused with another body (409).</summary>
    Conflict = 3,
    /// <summary>The payer's balance does not cover the charge (402).</summary>
    InsufficientFunds = 4,
    /// <summary>A governed quota (e.g. rows per contributor per day) would be exceeded (429).</summary>
    QuotaExceeded = 5,
    /// <summary>The thing exists but cannot serve yet (a model whose training job has not succeeded); retry later (503 with Retry-After).</summary>
    NotReady = 6,
}
