namespace OpenLedger.Actors.Cli;

/// <summary>Exit codes with a meaning scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work could not be completed (e.g. training did not converge).</summary>
    public const int Failed = 1;
    /// <summary>Bad arguments or input files.</summary>
    public const int BadInput = 2;
}
