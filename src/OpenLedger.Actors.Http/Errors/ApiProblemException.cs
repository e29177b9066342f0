namespace OpenLedger.Actors.Http.Errors;

/// <summary>
/// A refusal decided at the HTTP edge (paging, idempotency, authorisation of a resource); answered as ProblemDetails.
/// <paramref name="extensions"/> are extra members of the problem that a client can act on (amounts, fields, roles).
/// </summary>
public sealed class ApiProblemException(int status, string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
