namespace OpenLedger.Actors.Http.Errors;

/// <summary>A refusal decided at the HTTP edge (paging, idempotency, authorisation of a resource); answered as ProblemDetails.</summary>
public sealed class ApiProblemException(int status, string code, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}
