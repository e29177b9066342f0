namespace OpenLedger.Actors.Http.Auth;

/// <summary>
/// What an API key may do. Every key acts for exactly one account; the role decides which kinds of calls it
/// may make, and the account decides on what (the caller's own account, its own sessions, the Datanets it curates).
/// </summary>
public static class ApiRoles
{
    /// <summary>Runs the platform: issues API keys, funds accounts (deposits), reads any account.</summary>
    public const string Operator = "operator";

    /// <summary>An agent platform: opens sessions paid from its account and runs inferences in them.</summary>
    public const string Platform = "platform";

    /// <summary>Submits rows to Datanets as its account.</summary>
    public const string Contributor = "contributor";

    /// <summary>Creates Datanets it then owns, reviews rows of Datanets it curates and publishes their versions.</summary>
    public const string Curator = "curator";

    /// <summary>Trains or registers models it owns.</summary>
    public const string ModelOwner = "model-owner";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Operator, Platform, Contributor, Curator, ModelOwner };
}
