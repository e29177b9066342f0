namespace OpenLedger.Actors.Abstractions.Explorer;

public static class ExplorerIds
{
    /// <summary>The catalog the grains feed (other keys serve tests and benchmarks).</summary>
    public const string Catalog = "main";

    /// <summary>The key of an account's explorer grain within one catalog ('|' cannot occur in ids).</summary>
    public static string AccountKey(string catalog, string account) => $"{catalog}|{account}";
}
