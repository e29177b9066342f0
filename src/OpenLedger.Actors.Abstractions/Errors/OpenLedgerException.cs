namespace OpenLedger.Actors.Abstractions.Errors;

/// <summary>
/// A request the system refused, with a stable machine-readable <see cref="ErrorCode"/> (e.g.
/// <c>row.dimension</c>, <c>inference.key_conflict</c>) and a kind. A refused request changes nothing.
/// </summary>
[GenerateSerializer, Alias("openledger.error")]
public sealed class OpenLedgerException : Exception
{
    public OpenLedgerException(ErrorKind kind, string errorCode, string message) : base(message)
    {
        Kind = kind;
        ErrorCode = errorCode;
    }

    [Id(0)] public ErrorKind Kind { get; }

    [Id(1)] public string ErrorCode { get; }

    public static OpenLedgerException Validation(string code, string message) => new(ErrorKind.Validation, code, message);
    public static OpenLedgerException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);
    public static OpenLedgerException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
    public static OpenLedgerException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
    public static OpenLedgerException InsufficientFunds(string code, string message) => new(ErrorKind.InsufficientFunds, code, message);
    public static OpenLedgerException QuotaExceeded(string code, string message) => new(ErrorKind.QuotaExceeded, code, message);
    public static OpenLedgerException NotReady(string code, string message) => new(ErrorKind.NotReady, code, message);
}
