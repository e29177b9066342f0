namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>Kinds of log entries.</summary>
public static class TransparencyKinds
{
    public const string Receipt = "receipt";
}

/// <summary>Log ids. One log today: every inference's receipt.</summary>
public static class TransparencyLogs
{
    public const string Receipts = "receipts";
}
