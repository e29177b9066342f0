namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>Which kind of refusal a Datanet rule answers (the grain maps it to the public error kinds).</summary>
public enum DatanetRefusalKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    QuotaExceeded,
    /// <summary>The Datanet reached a size limit of its state (rows, versions, curators): nothing more of that kind fits.</summary>
    LimitReached,
    /// <summary>Messages owed to staking are not yet acknowledged: retry later.</summary>
    Backlogged,
}

/// <summary>A Datanet rule refused an operation; nothing was changed.</summary>
public sealed class DatanetRefusal(DatanetRefusalKind kind, string code, string message) : Exception(message)
{
    public DatanetRefusalKind Kind { get; } = kind;
    public string Code { get; } = code;
}
