namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>One contributor's use of one Datanet's daily quota on <see cref="Day"/> (UTC).</summary>
public sealed record QuotaUse(DateOnly Day, int Rows, long Bytes);
