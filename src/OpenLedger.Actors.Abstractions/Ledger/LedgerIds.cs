namespace OpenLedger.Actors.Abstractions.Ledger;

public static class LedgerIds
{
    public const string Main = "main";
}
